import { Alert, Button, Descriptions, List, Popover, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useGet } from '../../queries';
import { type Bilingual, type Problem, type Violation, citationKey, inWords, shown } from './catalog';
import './words';

const inLanguage = (b: Bilingual | undefined, en: boolean) => (b ? (en ? b.en : b.zh) : '');

/** The words a citation points at, from the regulation the statute library embeds (GET /api/catalog/commands/cited-text). */
function CitedText({ citation }: { citation: Violation['citation'] }) {
  const { t } = useTranslation();
  const answer = useGet<{ text: string | null }>(`/api/catalog/commands/cited-text?citation=${encodeURIComponent(citationKey(citation))}`, { staleTime: Infinity });
  if (answer.isLoading) return <Typography.Text type="secondary">{t('commands.form.textLoading')}</Typography.Text>;
  const text = answer.data?.text;
  return (
    <Typography.Paragraph style={{ maxWidth: 520, whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="cited-text">
      {text ?? t('commands.form.textNone')}
    </Typography.Paragraph>
  );
}

/** A citation rendered in the reader's language; its text shows on hover, focus or click. */
export function Citation({ citation, rendered }: { citation: Violation['citation']; rendered: Bilingual }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Popover content={<CitedText citation={citation} />} title={inLanguage(rendered, en)} trigger={['hover', 'focus', 'click']}>
      <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} data-testid="citation" data-citation={citationKey(citation)}>
        {inLanguage(rendered, en)}
      </Button>
    </Popover>
  );
}

/** An error answer shown whole: every violated rule with its citation, text, observed and expected; or the state refusal; or the fields. */
export function ProblemView({ problem, labels = new Map() }: { problem: Problem; labels?: Map<string, Bilingual> }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (problem.kind === 'statute') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="refusal"
        title={`${problem.dryRun ? t('commands.form.dryRefused') : t('commands.form.refused')} · ${t('commands.form.violations', { count: problem.violations.length })}`}
        description={
          <List
            size="small"
            dataSource={problem.violations}
            renderItem={(v, i) => (
              <List.Item key={`${v.ruleId}-${i}`} data-testid="violation" data-rule={v.ruleId}>
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag color="red">{v.ruleId}</Tag>
                    {v.kind !== 'NOT_MET' ? <Tag>{v.kind}</Tag> : null}
                    <Typography.Text strong>{inLanguage(v.message, en)}</Typography.Text>
                  </Space>
                  <span>
                    {t('commands.form.citation')}：<Citation citation={v.citation} rendered={v.citationText} />
                  </span>
                  {v.alsoCited && v.alsoCited.length > 0 ? (
                    <span>
                      {t('commands.form.alsoCited')}：
                      {v.alsoCited.map((c) => (
                        <span key={citationKey(c.citation)} style={{ marginRight: 8 }}>
                          <Citation citation={c.citation} rendered={c.text} />
                        </span>
                      ))}
                    </span>
                  ) : null}
                  <Descriptions size="small" column={1} bordered>
                    <Descriptions.Item label={t('commands.form.observed')}>
                      <code data-testid="observed">{inWords(v.observed, labels, en)}</code>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('commands.form.expected')}>
                      <code data-testid="expected">{inWords(v.expected, labels, en)}</code>
                    </Descriptions.Item>
                    {v.parameters && v.parameters.length > 0 ? (
                      <Descriptions.Item label={t('commands.form.paramsRead')}>
                        {v.parameters.map((p) => (
                          <div key={p.key}>
                            <code>{p.key}</code> · {p.source ?? '—'} {p.isDefault ? <Tag color="orange">{t('commands.form.isDefault')}</Tag> : null}
                          </div>
                        ))}
                      </Descriptions.Item>
                    ) : null}
                  </Descriptions>
                </Space>
              </List.Item>
            )}
          />
        }
      />
    );
  }
  if (problem.kind === 'state') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="refusal"
        title={`${problem.dryRun ? t('commands.form.dryRefused') : t('commands.form.stateRefused')} · ${problem.code}`}
        description={
          <>
            <div>{inLanguage(problem.message, en)}</div>
            {problem.context ? <code>{shown(problem.context)}</code> : null}
          </>
        }
      />
    );
  }
  if (problem.kind === 'fields') {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="field-errors"
        title={`${t('commands.form.fields')} · ${inLanguage(problem.message, en)}`}
        description={
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {problem.fields.flatMap((f) =>
              f.constraints.map((c) => (
                <li key={`${f.field}-${c.rule}`}>
                  <code>{f.field}</code>：{en ? c.en : c.zh}
                </li>
              )),
            )}
          </ul>
        }
      />
    );
  }
  return <Alert type="error" showIcon data-testid="request-failed" title={`${t('commands.form.other')} · ${problem.status} ${problem.code}`} description={inLanguage(problem.message, en)} />;
}
