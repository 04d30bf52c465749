import { ArrowLeftOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend } from '../../api';
import { useLabels } from '../../labels';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import { FILL, QueryError, hrefOf, organNameOf, useBilingual, useDomainWords } from './common';
import { STATUS_COLOR } from './Roster';
import type { CommandCatalog, PersonFileAnswer, PersonFileState, TimelineEntry } from './types';

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const EVENT_COLOR: Record<string, string> = {
  AuxiliaryHired: 'green',
  ProbationCompleted: 'green',
  AuxiliaryPromoted: 'green',
  AuxiliaryCommended: 'green',
  DisciplineDecided: 'red',
  AuxiliaryDemoted: 'red',
  AuxiliarySuspended: 'red',
  AuxiliaryTerminated: 'gray',
  ComplaintReceived: 'orange',
};

/**
 * 档案: one auxiliary as of the header's date — who they are (as the API shows them: the name, the ID number masked),
 * their service (organ, category, level, status, duties, training, insurance, assessments, sanctions, contract) and
 * the timeline of every event effective by then, in the domain's words; links to record a command for them.
 */
export function PersonFile({ organId, asOf, knownAt, organs, me, params, go }: PageProps) {
  const { t } = useTranslation();
  const id = params['id'];
  const file = useGet<PersonFileAnswer>(id ? `/api/people/${encodeURIComponent(id)}?asOf=${asOf}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ''}` : null);
  const commands = useGet<CommandCatalog>(me.role === 'operator' || me.role === 'admin' ? `/api/catalog/commands?asOf=${asOf}` : null, { staleTime: 300_000 });
  if (!id) return <Alert type="error" showIcon title={t('find.person.missingId')} data-testid="query-error" />;
  const answer = file.error ? undefined : file.data;
  return (
    <div data-testid="view-person" style={FILL} data-loaded={answer !== undefined && !file.isFetching ? 'true' : 'false'} data-path={file.path}>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} href={hrefOf('roster', {}, organId, asOf)} onClick={(e) => (e.preventDefault(), go('roster', {}))}>
          {t('find.person.back')}
        </Button>
        <Typography.Text code data-testid="person-id">
          {id}
        </Typography.Text>
      </Space>
      <QueryError error={file.error} me={me} organs={organs} go={go} />
      {file.isLoading ? <Spin /> : null}
      {answer?.state ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Identity answer={answer} />
              <Service state={answer.state} organs={organs} />
              <Details state={answer.state} commands={commands.data} role={me.role} />
              {commands.data ? <CommandLinks catalog={commands.data} role={me.role} auxiliaryId={id} organId={organId} asOf={asOf} go={go} /> : null}
            </Space>
          </Col>
          <Col xs={24} xl={10}>
            <PersonTimeline timeline={answer.timeline} organs={organs} />
          </Col>
        </Row>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('find.common.query')}
        <Typography.Text code>{file.path}</Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}

function Identity({ answer }: { answer: PersonFileAnswer }) {
  const { t } = useTranslation();
  const p = answer.person;
  return (
    <Card size="small" title={t('find.person.identity')} data-testid="person-identity">
      {p === null ? (
        <Typography.Text type="secondary">{t('find.person.noIdentity')}</Typography.Text>
      ) : p.status === 'SHREDDED' ? (
        <Typography.Text type="secondary">{t('find.person.shredded')}</Typography.Text>
      ) : (
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('find.person.name')}>
            <Typography.Text strong data-testid="person-name">
              {p.name}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('find.person.gender')}>{t(`find.gender.${p.gender}`, { defaultValue: p.gender })}</Descriptions.Item>
          <Descriptions.Item label={t('find.person.idNumber')}>
            <span data-testid="person-id-number">{p.idNumberMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('find.person.nationality')}>{t(`find.nationality.${p.nationality}`, { defaultValue: p.nationality })}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function Service({ state: s, organs }: { state: PersonFileState; organs: PageProps['organs'] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  return (
    <Card size="small" title={t('find.person.service')} data-testid="person-service">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('find.person.organ')}>{organNameOf(organs, s.using_organ_id)}</Descriptions.Item>
        <Descriptions.Item label={t('find.person.status')}>
          <Tag color={STATUS_COLOR[s.status]} data-testid="person-status">
            {label('rosterStatus', s.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.category')}>{label('category', s.category)}</Descriptions.Item>
        <Descriptions.Item label={t('find.person.level')}>
          <span data-testid="person-level">{label('level', s.level)}</span>&nbsp;
          <Typography.Text type="secondary">{t('find.person.levelSince', { date: s.level_since })}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.hiredOn')}>
          {s.hired_on}
          {s.migrated_from ? (
            <Tag color="purple" style={{ marginLeft: 8 }} data-testid="person-migrated" title={s.migration_source_ref ?? undefined}>
              {t('find.person.migrated', { date: s.migrated_from })}
            </Tag>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.pay')}>
          ¥{yuan(s.pay_monthly_base_fen)}&nbsp;<Typography.Text type="secondary">{t('find.person.paySince', { locality: organNameOf(organs, s.pay_locality), date: s.pay_since })}</Typography.Text>
        </Descriptions.Item>
        {s.suspended_on ? <Descriptions.Item label={t('find.person.suspendedOn')}>{s.suspended_on}</Descriptions.Item> : null}
        {s.departed_on ? <Descriptions.Item label={t('find.person.departedOn')}>{s.departed_on}</Descriptions.Item> : null}
        {s.departure_reason ? <Descriptions.Item label={t('find.person.departureReason')}>{label('departureReason', s.departure_reason)}</Descriptions.Item> : null}
        <Descriptions.Item label={t('find.person.application')}>
          <Typography.Text code>{s.application_id}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('find.person.duties')}
      </Typography.Title>
      {s.assignments.length === 0 ? (
        <Typography.Text type="secondary">{t('find.person.noDuties')}</Typography.Text>
      ) : (
        <Space direction="vertical" data-testid="person-duties">
          {s.assignments.map((a) => (
            <span key={a.assignmentId}>
              {a.dutyCodes.map((d) => (
                <Tag key={d} color="blue">
                  {label('duty', d)}
                </Tag>
              ))}
              <Typography.Text type="secondary">
                {t('find.person.dutyFrom', { date: a.from })}
                {a.leadingOfficerIds.length ? ` · ${t('find.person.leading', { ids: a.leadingOfficerIds.join('、') })}` : ''}
              </Typography.Text>
            </span>
          ))}
        </Space>
      )}
    </Card>
  );
}

function Details({ state: s, commands, role }: { state: PersonFileState; commands: CommandCatalog | undefined; role: PageProps['me']['role'] }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const none = <Typography.Text type="secondary">{t('find.common.none')}</Typography.Text>;
  // The sanctions' words are the parameter in force, as the command catalog labels the Discipline form's choices.
  const sanctionWords = new Map(
    (commands?.commands.find((c) => c.commandType === 'Discipline')?.fields.find((f) => f.name === 'sanction')?.enum ?? []).map((v) => [v.value, bilingual(v.label, v.value)]),
  );
  return (
    <Card size="small" data-testid="person-details">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('find.person.contract')}>
          <Typography.Text code>{s.contract_id}</Typography.Text> {t(`find.contractKind.${s.contract_kind}`, { defaultValue: s.contract_kind })} · {s.contract_start_date} —{' '}
          {s.contract_end_date ?? t('find.roster.openEnded')}
          {s.probation_last_day ? ` · ${t('find.person.probationEnd')} ${s.probation_last_day}` : ''}
          {s.contract_renewals ? ` · ${t('find.person.renewals')} ${s.contract_renewals}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.training')}>
          {t('find.person.preJob')}: {s.pre_job_training_on ?? <Typography.Text type="warning">{t('find.person.notYet')}</Typography.Text>} · {t('find.person.annualYears')}:{' '}
          {s.annual_training_years.length ? s.annual_training_years.join('、') : t('find.common.none')} · {t('find.person.trainings')}: {s.trainings}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.insurance')}>
          {s.insurance.length
            ? s.insurance.map((k) => (
                <Tag key={k} color="green">
                  {t(`find.insurance.${k}`, { defaultValue: k })}
                </Tag>
              ))
            : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.health')}>
          {s.last_health_check_on ? (
            s.last_health_check_result ? (
              `${s.last_health_check_on} · ${t(`find.health.${s.last_health_check_result}`)}`
            ) : (
              <SealedHealthCheck personKey={s.person_key} auxiliaryId={s.auxiliary_id} checkedOn={s.last_health_check_on} role={role} />
            )
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.qualifications')}>
          {s.qualifications.length
            ? s.qualifications.map((q) => (
                <Tag key={q.qualificationId}>
                  {t(`find.qualification.${q.kind}`, { defaultValue: q.kind })} {q.validUntil ? t('find.person.validUntil', { date: q.validUntil }) : ''}
                </Tag>
              ))
            : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.credentials')}>
          {s.credentials.map((c) => (
            <Tag key={c.serial}>
              {t(`find.credential.${c.kind}`, { defaultValue: c.kind })} {c.serial}
              {c.recoveredOn ? ` · ${t('find.person.recoveredOn', { date: c.recoveredOn })}` : ''}
            </Tag>
          ))}
          <Typography.Text type="secondary">{t('find.person.credentialsIssued', { n: s.credentials_issued })}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.assessments')}>
          {t('find.person.assessmentCount')}: {s.assessment_count}
          {s.last_assessment ? ` · ${t('find.person.lastAssessment')}: ${s.last_assessment.period} ${s.last_assessment.grade}（${s.last_assessment.assessedOn}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.sanctions')}>
          {s.sanctions.length
            ? s.sanctions.map((x) => (
                <Tag key={x.disciplineId} color="red">
                  {sanctionWords.get(x.sanction) ?? x.sanction} {x.effectiveFrom}
                  {x.effectiveUntil ? ` ${t('find.person.until', { date: x.effectiveUntil })}` : ''}
                </Tag>
              ))
            : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.complaints')}>
          {s.complaints.length
            ? s.complaints.map((c) => (
                <Tag key={c.complaintId} color={c.decidedOn ? undefined : 'orange'}>
                  {c.complaintId} · {t('find.person.received', { date: c.receivedOn })} · {c.decidedOn ? t('find.person.decided', { date: c.decidedOn }) : t('find.person.open')}
                </Tag>
              ))
            : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('find.person.commendations')}>{s.commendations}</Descriptions.Item>
        <Descriptions.Item label={t('find.person.injuries')}>{s.injuries}</Descriptions.Item>
        {s.compensation_paid_fen || s.compensation_recovered_fen ? (
          <Descriptions.Item label={t('find.person.compensation')}>
            ¥{yuan(s.compensation_paid_fen)} / ¥{yuan(s.compensation_recovered_fen)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

function PersonTimeline({ timeline, organs }: { timeline: TimelineEntry[]; organs: PageProps['organs'] }) {
  const { t, i18n } = useTranslation();
  const words = useDomainWords(organs);
  const en = i18n.language === 'en';
  return (
    <Card size="small" title={t('find.person.timeline')} extra={<Typography.Text type="secondary">{t('find.person.timelineCount', { n: timeline.length })}</Typography.Text>}>
      {timeline.length === 0 ? (
        <Empty />
      ) : (
        <div data-testid="person-timeline">
          <Timeline
            items={[...timeline].reverse().map((e) => ({
              key: `${e.global_position}-${e.row_seq}`,
              color: EVENT_COLOR[e.event_type] ?? 'blue',
              title: <span data-testid="timeline-date">{e.effective_date}</span>,
              content: (
                <div data-testid="timeline-entry" data-event-type={e.event_type}>
                  <Typography.Text strong>{t(`find.event.${e.event_type}`, { defaultValue: e.event_type })}</Typography.Text>
                  <div data-testid="timeline-summary">{words(en ? e.summary_en : e.summary_zh)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('find.person.recorded', {
                      at: new Date(e.recorded_at).toLocaleString(en ? 'en' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' }),
                      actor: e.actor_id,
                      role: e.actor_role ? t(`find.role.${e.actor_role}`, { defaultValue: e.actor_role }) : '—',
                    })}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </div>
      )}
    </Card>
  );
}

/** The commands this role may send that name an auxiliary, by the catalog's groups: each opens its form with the id filled in. */
function CommandLinks({ catalog, role, auxiliaryId, organId, asOf, go }: { catalog: CommandCatalog; role: string; auxiliaryId: string; organId: string; asOf: string; go: PageProps['go'] }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const mine = catalog.commands.filter((c) => c.roles.includes(role) && c.fields.some((f) => f.name === 'auxiliaryId') && c.commandType !== 'Hire');
  if (mine.length === 0) return null;
  return (
    <Card size="small" title={<span>{t('find.person.commands')}</span>} extra={<Typography.Text type="secondary">{t('find.person.commandsHint')}</Typography.Text>} data-testid="person-commands">
      <Descriptions size="small" column={1}>
        {catalog.groups
          .map((g) => ({ g, items: mine.filter((c) => c.group === g.id) }))
          .filter(({ items }) => items.length > 0)
          .map(({ g, items }) => (
            <Descriptions.Item key={g.id} label={bilingual(g.title)}>
              <Space size={[4, 4]} wrap>
                {items.map((c) => {
                  const command = c.path.split('/').pop() as string;
                  const params = { command, auxiliaryId };
                  return (
                    <Button
                      key={c.commandType}
                      size="small"
                      icon={<FormOutlined />}
                      href={hrefOf('commands', params, organId, asOf)}
                      onClick={(e) => (e.preventDefault(), go('commands', params))}
                      data-testid={`command-link-${command}`}
                    >
                      {bilingual(c.title)}
                    </Button>
                  );
                })}
              </Space>
            </Descriptions.Item>
          ))}
      </Descriptions>
    </Card>
  );
}

/**
 * A health check whose result is sealed (health data, PIPL Art. 28): the date in clear, the result only through a
 * recorded disclosure (`POST /api/identities/{personKey}/disclosures`), which an operator of the organ or an admin may
 * ask for with a reason; the API records the read before it answers. Auditors and viewers see that it is sealed.
 */
function SealedHealthCheck({ personKey, auxiliaryId, checkedOn, role }: { personKey: string; auxiliaryId: string; checkedOn: string; role: PageProps['me']['role'] }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const disclose = async () => {
    setError(null);
    try {
      const answer = await apiSend<{ fields: { healthCheckResults?: Array<{ auxiliaryId: string; checkedOn: string; result: string }> } | null }>(
        'POST',
        `/api/identities/${encodeURIComponent(personKey)}/disclosures`,
        { fields: ['healthCheckResults'], reason: reason.trim() },
      );
      const found = answer.fields?.healthCheckResults?.find((h) => h.auxiliaryId === auxiliaryId && h.checkedOn === checkedOn);
      setShown(found ? found.result : 'SHREDDED');
      setAsking(false);
    } catch (e) {
      setError(e instanceof ApiError ? bilingual(e.messages, e.code) : String(e));
    }
  };
  return (
    <span data-testid="person-health-sealed">
      {checkedOn} ·{' '}
      {shown ? (
        <span data-testid="person-health-disclosed">{shown === 'SHREDDED' ? t('find.person.healthShredded') : t(`find.health.${shown}`, { defaultValue: shown })}</span>
      ) : (
        <Tag color="default">{t('find.person.healthSealed')}</Tag>
      )}
      {!shown && (role === 'operator' || role === 'admin') ? (
        asking ? (
          <Space.Compact style={{ marginTop: 4, width: '100%' }}>
            <Input size="small" placeholder={t('find.person.discloseReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="person-health-reason" />
            <Button size="small" type="primary" disabled={!reason.trim()} onClick={() => void disclose()} data-testid="person-health-disclose-confirm">
              {t('find.person.discloseConfirm')}
            </Button>
          </Space.Compact>
        ) : (
          <Button size="small" type="link" onClick={() => setAsking(true)} data-testid="person-health-disclose">
            {t('find.person.disclose')}
          </Button>
        )
      ) : null}
      {error ? <Typography.Text type="danger"> {error}</Typography.Text> : null}
    </span>
  );
}
