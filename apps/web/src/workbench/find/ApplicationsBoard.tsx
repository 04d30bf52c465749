import { FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import { FILL, QueryError, hrefOf, organNameOf, personName } from './common';
import { Art18, plansOfOrgan } from './Plans';
import { type ApplicationEntry, type ApplicationsAnswer, type CommandCatalog, type PlansAnswer, STAGES, type Stage } from './types';

const STAGE_COLOR: Partial<Record<Stage, string>> = { HIRED: '#52c41a', WITHDRAWN: '#bfbfbf', FAILED: '#ff4d4f' };
/** The command that records an application's next stage (its type in the command catalog). */
const NEXT_COMMAND: Record<NonNullable<ApplicationEntry['nextStage']>, string> = {
  QUALIFICATION_REVIEW: 'ReviewQualification',
  EXAMS: 'RecordExamResults',
  MEDICAL: 'RecordMedicalExamination',
  INSPECTION: 'RecordInspection',
  PUBLIC_NOTICE: 'CompletePublicNotice',
  HIRE: 'Hire',
};
const PAGE = 1000;
/** At most this many pages of applications on one board (5 000 cards). */
const MAX_PAGES = 5;

/** Every page of the applications query (keyset paging), as one answer: the counts of the first, the entries of all. */
async function allApplications(path: string): Promise<ApplicationsAnswer> {
  const first = await apiGet<ApplicationsAnswer>(path);
  const entries = [...(first.entries ?? [])];
  let next = first.next ?? null;
  for (let i = 1; next && i < MAX_PAGES; i++) {
    const page = await apiGet<ApplicationsAnswer>(`${path}&cursor=${encodeURIComponent(next)}`);
    entries.push(...(page.entries ?? []));
    next = page.next ?? null;
  }
  return { ...first, entries, next };
}

/**
 * 报名看板: the applications of the organ (and those under it) by recruitment plan and by the stage of Art. 20 each has
 * reached on the header's date — the stages as columns with their counts, each applicant a card that moves to the next
 * column when its stage is recorded (the board asks again every 15 s and whenever the window regains focus).
 */
export function ApplicationsBoard({ organId, asOf, knownAt, organs, me, params, go }: PageProps) {
  const { t } = useTranslation();
  const planId = params['plan'];
  const plans = useGet<PlansAnswer>(`/api/recruitment-plans?asOf=${asOf}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ''}`);
  const organPlans = plans.data ? plansOfOrgan(plans.data.plans, organs, organId, true) : [];
  const search = new URLSearchParams({ organ: organId, subtree: 'true', asOf, limit: String(PAGE), ...(planId ? { plan: planId } : {}), ...(knownAt ? { knownAt } : {}) });
  const path = `/api/applications?${search.toString()}`;
  const board = useQuery<ApplicationsAnswer>({ queryKey: ['board', path], queryFn: () => allApplications(path), refetchInterval: 15_000, staleTime: 5_000 });
  const commands = useGet<CommandCatalog>(me.role === 'operator' || me.role === 'admin' ? `/api/catalog/commands?asOf=${asOf}` : null, { staleTime: 300_000 });
  const answer = board.error ? undefined : board.data;
  const plan = plans.data?.plans.find((p) => p.plan_id === planId);
  const byStage = new Map<Stage, ApplicationEntry[]>(STAGES.map((s) => [s, []]));
  for (const e of answer?.entries ?? []) byStage.get(e.stage)?.push(e);

  /** The form that records this card's next stage, if this role may send it. */
  const nextLink = (e: ApplicationEntry) => {
    if (!e.nextStage) return null;
    const command = commands.data?.commands.find((c) => c.commandType === NEXT_COMMAND[e.nextStage as keyof typeof NEXT_COMMAND]);
    if (!command || !command.roles.includes(me.role)) return null;
    const key = command.path.split('/').pop() as string;
    const prefill: Record<string, string> = { command: key, applicationId: e.applicationId };
    if (command.fields.some((f) => f.name === 'planId')) prefill['planId'] = e.planId;
    if (command.fields.some((f) => f.name === 'personKey')) prefill['personKey'] = e.personKey;
    return (
      <Button
        size="small"
        type="link"
        icon={<FormOutlined />}
        style={{ padding: 0 }}
        href={hrefOf('commands', prefill, organId, asOf)}
        onClick={(ev) => (ev.preventDefault(), go('commands', prefill))}
        data-testid="card-next"
      >
        {t(`find.nextStage.${e.nextStage}`)}
      </Button>
    );
  };

  return (
    <div data-testid="view-applications" style={FILL}>
      <Space wrap style={{ marginBottom: 12 }} align="start">
        <span>{t('find.board.plan')}</span>
        <Select
          aria-label={t('find.board.plan')}
          data-testid="board-plan"
          style={{ minWidth: 320 }}
          showSearch
          optionFilterProp="label"
          value={planId ?? ''}
          loading={plans.isLoading}
          options={[
            { value: '', label: t('find.board.allPlans') },
            ...organPlans.map((p) => ({ value: p.plan_id, label: `${p.title}（${p.plan_id}）` })),
          ]}
          onChange={(v: string) => go('applications', v ? { plan: v } : {})}
        />
        {plan ? <Art18 plan={plan} /> : null}
        {answer ? (
          <Tag color="blue" data-testid="board-total">
            {t('find.board.total', { n: answer.counts.total })}
          </Tag>
        ) : null}
        <Typography.Text type="secondary">{t('find.board.art20')}</Typography.Text>
      </Space>
      <QueryError error={board.error ?? plans.error} me={me} organs={organs} go={go} />
      {board.isLoading ? <Spin /> : null}
      {answer ? (
        <div
          data-testid="board"
          data-loaded={!board.isFetching ? 'true' : 'false'}
          data-path={path}
          style={{ display: 'grid', gridTemplateColumns: `repeat(${STAGES.length}, minmax(124px, 1fr))`, gap: 6, overflowX: 'auto', paddingBottom: 8 }}
        >
          {STAGES.map((stage) => {
            const cards = byStage.get(stage) ?? [];
            return (
              <Card
                key={stage}
                size="small"
                data-testid={`column-${stage}`}
                data-count={answer.counts.byStage[stage] ?? 0}
                title={
                  <Tooltip title={`${t(`find.stageLong.${stage}`)}${t(`find.stageHint.${stage}`) ? ` — ${t(`find.stageHint.${stage}`)}` : ''}`}>
                    <span>{t(`find.stage.${stage}`)}</span>
                  </Tooltip>
                }
                extra={<Badge count={answer.counts.byStage[stage] ?? 0} showZero color={STAGE_COLOR[stage] ?? '#1677ff'} overflowCount={99999} data-testid="column-count" />}
                styles={{ body: { padding: 8, maxHeight: 640, overflowY: 'auto', background: '#fafafa' }, header: { padding: '0 8px', minHeight: 40 } }}
              >
                {cards.length === 0 ? (
                  <Typography.Text type="secondary">{t('find.board.empty')}</Typography.Text>
                ) : (
                  <Space direction="vertical" size={6} style={{ width: '100%' }}>
                    {cards.map((e) => (
                      <ApplicantCard key={e.applicationId} entry={e} organs={organs} organId={organId} asOf={asOf} go={go} next={nextLink(e)} />
                    ))}
                  </Space>
                )}
              </Card>
            );
          })}
        </div>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('find.common.query')}
        <Typography.Text code>{path}</Typography.Text>
        {plan ? ` · ${plan.title}` : ''}
      </Typography.Paragraph>
    </div>
  );
}

function ApplicantCard({
  entry: e,
  organs,
  organId,
  asOf,
  go,
  next,
}: {
  entry: ApplicationEntry;
  organs: PageProps['organs'];
  organId: string;
  asOf: string;
  go: PageProps['go'];
  next: React.ReactNode;
}) {
  const { t } = useTranslation();
  const since = e.stage === 'REGISTRATION' ? e.registeredOn : e.stage === 'HIRED' ? e.hired?.on : e.failure ? e.failure.on : e.stageDates[e.stage];
  return (
    <Card size="small" data-testid="applicant-card" data-application-id={e.applicationId} styles={{ body: { padding: 8 } }}>
      <Space direction="vertical" size={0} style={{ width: '100%' }}>
        <Typography.Text strong data-testid="card-name">
          {personName(e.person, t)}
        </Typography.Text>
        <Typography.Text code style={{ fontSize: 12 }}>
          {e.applicationId}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {organNameOf(organs, e.organId)}
        </Typography.Text>
        {e.failure ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('find.board.failedOn', { date: e.failure.on, stage: t(`find.step.${e.failure.stageKey}`, { defaultValue: e.failure.stageKey }), reason: t(`find.failure.${e.failure.reason}`, { defaultValue: e.failure.reason }) })}
          </Typography.Text>
        ) : since ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.stage === 'REGISTRATION' ? t('find.board.registeredOn', { date: since }) : t('find.board.since', { date: since })}
          </Typography.Text>
        ) : null}
        {e.hired ? (
          <a href={hrefOf('person', { id: e.hired.auxiliaryId }, organId, asOf)} onClick={(ev) => (ev.preventDefault(), go('person', { id: e.hired?.auxiliaryId as string }))} data-testid="card-hired">
            {t('find.board.hiredAs', { id: e.hired.auxiliaryId })}
          </a>
        ) : null}
        {next}
      </Space>
    </Card>
  );
}
