import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, type Bilingual, type Organ } from '../../api';

/** Chinese or English of a `{ zh, en }`, as the app's language switch says. */
export function usePick() {
  const { i18n } = useTranslation();
  return (text: Bilingual | null | undefined) => (text ? (i18n.language === 'en' ? text.en : text.zh) : '');
}

interface Violation {
  ruleId: string;
  citationText?: Bilingual;
  message?: Bilingual;
  observed?: unknown;
  expected?: unknown;
}
interface FieldProblem {
  field: string;
  constraints: Array<{ rule: string; zh: string; en: string }>;
}

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** An error answer shown whole: its message, every violated rule with its citation and the values, or every field to correct. */
export function Problem({ error, testId = 'problem' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  const pick = usePick();
  if (!error) return null;
  if (!(error instanceof ApiError)) return <Alert type="error" showIcon data-testid={testId} message={String(error)} />;
  const details = (error.body as { error?: { details?: { violations?: Violation[]; fields?: FieldProblem[] } } } | null)?.error?.details;
  const violations = details?.violations ?? [];
  const fields = details?.fields ?? [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      message={
        <span>
          {pick(error.messages)} <Typography.Text type="secondary">({error.code})</Typography.Text>
        </span>
      }
      description={
        violations.length > 0 || fields.length > 0 ? (
          <div>
            {violations.length > 0 ? <Typography.Text strong>{t('admin.problem.violations')}</Typography.Text> : null}
            <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
              {violations.map((v, i) => (
                <li key={`${v.ruleId}-${i}`} data-testid="violation">
                  <Typography.Text strong>{pick(v.citationText) || v.ruleId}</Typography.Text> <Typography.Text code>{v.ruleId}</Typography.Text> {pick(v.message)}
                  {v.observed !== undefined || v.expected !== undefined ? (
                    <Typography.Text type="secondary">
                      {' '}
                      ({t('admin.problem.observed')} {shown(v.observed)}; {t('admin.problem.expected')} {shown(v.expected)})
                    </Typography.Text>
                  ) : null}
                </li>
              ))}
            </ul>
            {fields.length > 0 ? <Typography.Text strong>{t('admin.problem.fields')}</Typography.Text> : null}
            <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
              {fields.map((f) => (
                <li key={f.field}>
                  <Typography.Text code>{f.field}</Typography.Text> {f.constraints.map((c) => pick(c)).join('；')}
                </li>
              ))}
            </ul>
          </div>
        ) : undefined
      }
    />
  );
}

export interface OrganNode {
  value: string;
  title: string;
  key: string;
  children: OrganNode[];
}

/** The organs as a tree for a TreeSelect (parents before children, in the list's order). */
export function organTreeData(organs: readonly Organ[]): OrganNode[] {
  const nodes = new Map(organs.map((o) => [o.organ_id, { value: o.organ_id, key: o.organ_id, title: o.name, children: [] as OrganNode[] }]));
  const roots: OrganNode[] = [];
  for (const o of organs) {
    const node = nodes.get(o.organ_id) as OrganNode;
    const parent = o.parent_id ? nodes.get(o.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
