import { Alert, Button, Card, Empty, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Bilingual } from '../../api';
import { useLabels } from '../../labels';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import { CommandForm } from '../commands';
import {
  APPLICATION_STEPS, type ApplicationEntry, type Blocker, type FileState, ONBOARDING_STEPS, PLAN_STEPS, type PathContext, type PlanRow, type StepState,
  current, dutyLimits, walk,
} from './path';
import './words';

const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A fresh id of the page: `app-20261203-3f9a0c5e` (the date, and enough of a UUID never to meet another). */
const newId = (prefix: string) => `${prefix}-${todayInShanghai().replaceAll('-', '')}-${crypto.randomUUID().slice(0, 8)}`;

type PayStandard = { locality: string; level: string; monthlyBaseFen: number };
interface CatalogAnswer {
  commands: Array<{ path: string; parameters: Array<{ key: string; value: unknown }> }>;
}
interface ApplicationsAnswer {
  entries?: ApplicationEntry[];
}

/** The lowest level's pay standard of the hire's parameters in force, when the deployment names one locality only (else the operator chooses). */
function payStandardOf(catalog: CatalogAnswer | undefined): PayStandard | null {
  const hire = catalog?.commands.find((c) => c.path === '/api/commands/hire');
  const value = hire?.parameters.find((p) => p.key === 'pay.standards')?.value;
  const standards = Array.isArray(value) ? (value as PayStandard[]) : [];
  if (new Set(standards.map((s) => s.locality)).size !== 1) return null;
  return [...standards].sort((a, b) => (a.level < b.level ? -1 : 1))[0] ?? null;
}

/**
 * 招聘向导: a recruitment from a plan to a first duty, one step at a time. What is done, what is next and what blocks it
 * are read from the API (the plans, the applications of the plan, the new auxiliary's file); the next step's form is the
 * command's own form (CommandForm), its ids and dates filled in. After each command the page reads its own write
 * (minPosition) and moves on.
 */
export function Recruit({ organId, organs, me, params, go }: PageProps) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const say = (b: Bilingual) => (i18n.language === 'en' ? b.en : b.zh);
  const [minPosition, setMinPosition] = useState<number | null>(null);
  const wait = minPosition === null ? '' : `&minPosition=${minPosition}`;
  const today = todayInShanghai();

  // The organ a plan is drafted by: the header's, when this key may act for it; else the key's own.
  const parentOf = useMemo(() => new Map(organs.map((o) => [o.organ_id, o.parent_id])), [organs]);
  const inScope = (id: string) => {
    if (me.role !== 'operator') return true;
    for (let at: string | null | undefined = id; at; at = parentOf.get(at)) if (me.organIds.includes(at)) return true;
    return false;
  };
  const chosenOrgan = inScope(organId) ? organId : (me.organIds[0] ?? organId);
  // Plans are drafted by a CITY (or the REGION) organ for the organs under it (PLAN-ORGAN, Arts. 18 ¶1, 19 ¶1): a county's, by its city.
  const levelOf = new Map(organs.map((o) => [o.organ_id, o.level]));
  let draftingOrgan = chosenOrgan;
  while (!['CITY', 'REGION'].includes(levelOf.get(draftingOrgan) ?? 'CITY') && parentOf.get(draftingOrgan)) draftingOrgan = parentOf.get(draftingOrgan) as string;
  const regionOrganId = organs.find((o) => o.parent_id === null)?.organ_id ?? null;

  const plans = useGet<{ plans: PlanRow[] }>(`/api/recruitment-plans?organ=${encodeURIComponent(draftingOrgan)}&subtree=true${wait}`);
  const planId = params['plan'] ?? null;
  const plan = plans.data?.plans.find((p) => p.plan_id === planId) ?? null;
  const applications = useGet<ApplicationsAnswer>(
    plan ? `/api/applications?organ=${encodeURIComponent(plan.drafting_organ_id)}&subtree=true&plan=${encodeURIComponent(plan.plan_id)}${wait}` : null,
  );
  const applicationId = params['application'] ?? null;
  const application = applications.data?.entries?.find((a) => a.applicationId === applicationId) ?? null;
  const auxiliaryId = application?.hired?.auxiliaryId ?? null;
  const file = useGet<{ state: FileState | null }>(auxiliaryId ? `/api/people/${encodeURIComponent(auxiliaryId)}?${wait.slice(1)}` : null);
  // The forms' own query (CommandForm asks the catalog as of the same day): one request for both.
  const catalog = useGet<CatalogAnswer>(`/api/catalog/commands?asOf=${today}`, { staleTime: 5 * 60_000 });

  const context: PathContext = {
    today,
    organId: draftingOrgan,
    openingOrganId: chosenOrgan,
    regionOrganId,
    plan,
    application,
    file: file.data?.state ?? null,
    payStandard: payStandardOf(catalog.data),
    newId,
  };
  const creating = params['new'];
  const planStates = walk(PLAN_STEPS, plan ? context : { ...context, plan: null });
  const applicationStates = walk(APPLICATION_STEPS, context);
  const onboardingStates = walk(ONBOARDING_STEPS, context);

  const goTo = (change: Record<string, string | null>) => {
    const next: Record<string, string> = { ...params };
    for (const [k, v] of Object.entries(change)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    go('recruit', next);
  };
  const accepted = (events: unknown[], body: Record<string, unknown>, endpoint: string) => {
    const positions = events.map((e) => (e as { globalPosition?: number }).globalPosition ?? 0);
    setMinPosition((m) => Math.max(m ?? 0, ...positions));
    if (endpoint === 'draft-recruitment-plan') goTo({ plan: String(body['planId']), application: null, new: null, step: null });
    else if (endpoint === 'register-applicant') goTo({ application: String(body['applicationId']), new: null, step: null });
    else goTo({ step: null });
  };

  const errorOf = (e: unknown) => (e instanceof ApiError ? say(e.messages) : String(e));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="recruit-page">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('recruit.intro')}
      </Typography.Paragraph>

      <Card
        title={t('recruit.plan')}
        extra={
          <Button type={plan ? 'default' : 'primary'} data-testid="recruit-new-plan" onClick={() => goTo({ new: 'plan', plan: null, application: null, step: null })}>
            {t('recruit.newPlan')}
          </Button>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {plans.data && plans.data.plans.length === 0 && creating !== 'plan' ? <Alert type="info" showIcon title={t('recruit.noPlans')} /> : null}
          {plans.error ? <Alert type="error" showIcon title={errorOf(plans.error)} /> : null}
          <Select
            data-testid="recruit-plan-select"
            aria-label={t('recruit.choosePlan')}
            placeholder={t('recruit.choosePlan')}
            style={{ width: '100%', maxWidth: 640 }}
            loading={plans.isLoading}
            value={plan?.plan_id ?? null}
            onChange={(value: string) => goTo({ plan: value, application: null, new: null, step: null })}
            options={(plans.data?.plans ?? []).map((p) => ({ value: p.plan_id, label: `${t('recruit.planOf', { title: p.title, id: p.plan_id })} · ${label('planStatus', p.status)}` }))}
          />
          {plan || creating === 'plan' ? (
            <Path
              testId="recruit-plan-steps"
              states={planStates}
              chosen={creating === 'plan' ? 'draft' : params['step']}
              choose={(key) => goTo({ step: key })}
              context={context}
              onAccepted={accepted}
            />
          ) : null}
        </Space>
      </Card>

      {plan ? (
        <Card
          title={t('recruit.applicants')}
          data-testid="recruit-applicants"
          extra={
            <Button
              type={application ? 'default' : 'primary'}
              data-testid="recruit-new-applicant"
              disabled={!plan.announced_on}
              onClick={() => goTo({ new: 'applicant', application: null, step: null })}
            >
              {t('recruit.newApplicant')}
            </Button>
          }
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {applications.error ? <Alert type="warning" showIcon title={t('recruit.applicationsUnavailable', { message: errorOf(applications.error) })} /> : null}
            <Table<ApplicationEntry>
              size="small"
              rowKey="applicationId"
              loading={applications.isLoading}
              pagination={false}
              dataSource={applications.data?.entries ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recruit.noApplicants')} /> }}
              rowClassName={(a) => (a.applicationId === applicationId ? 'ant-table-row-selected' : '')}
              columns={[
                { key: 'who', title: t('recruit.applicant'), render: (_, a) => `${a.person?.name ?? ''} ${a.person?.idNumberMasked ?? ''} (${a.applicationId})`.trim() },
                {
                  key: 'stage',
                  title: t('recruit.stageColumn'),
                  render: (_, a) =>
                    a.failure ? (
                      <Tag color="red">{t('recruit.ended', { stage: a.failure.stage, reason: a.failure.reason })}</Tag>
                    ) : (
                      <Tag color={a.hired ? 'green' : 'blue'}>{t(`recruit.stages.${a.stage}`, { defaultValue: a.stage })}</Tag>
                    ),
                },
                { key: 'next', title: t('recruit.nextColumn'), render: (_, a) => (a.nextStage ? t(`recruit.stages.${a.nextStage}`, { defaultValue: a.nextStage }) : '—') },
                {
                  key: 'go',
                  title: '',
                  render: (_, a) => (
                    <Button size="small" data-testid={`recruit-applicant-${a.applicationId}`} onClick={() => goTo({ application: a.applicationId, new: null, step: null })}>
                      {t('recruit.work')}
                    </Button>
                  ),
                },
              ]}
            />
            {!application && creating !== 'applicant' ? <Typography.Text type="secondary">{t('recruit.chooseApplicant')}</Typography.Text> : null}
            {creating === 'applicant' ? (
              <Path
                testId="recruit-application-steps"
                states={walk(APPLICATION_STEPS, { ...context, application: null })}
                chosen="register"
                choose={() => undefined}
                context={{ ...context, application: null }}
                  onAccepted={accepted}
              />
            ) : null}
            {application ? (
              <>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('recruit.applicant')}: {application.person?.name ?? application.applicationId}
                </Typography.Title>
                <Path
                  testId="recruit-application-steps"
                  states={applicationStates}
                  chosen={APPLICATION_STEPS.some((s) => s.key === params['step']) ? params['step'] : undefined}
                  choose={(key) => goTo({ step: key })}
                  context={context}
                      onAccepted={accepted}
                />
              </>
            ) : null}
          </Space>
        </Card>
      ) : null}

      {application?.hired ? (
        <Card
          title={t('recruit.auxiliary', { id: application.hired.auxiliaryId })}
          data-testid="recruit-onboarding"
          extra={
            <Space>
              <Button data-testid="recruit-open-file" onClick={() => go('person', { id: application.hired?.auxiliaryId ?? '' })}>
                {t('recruit.openFile')}
              </Button>
              <Button data-testid="recruit-open-roster" onClick={() => go('roster', {}, { organ: file.data?.state?.using_organ_id ?? organId })}>
                {t('recruit.openRoster')}
              </Button>
            </Space>
          }
        >
          {file.error ? <Alert type="warning" showIcon title={t('recruit.fileUnavailable', { message: errorOf(file.error) })} /> : null}
          {file.data?.state ? (
            <Path
              testId="recruit-onboarding-steps"
              states={onboardingStates}
              chosen={ONBOARDING_STEPS.some((s) => s.key === params['step']) ? params['step'] : undefined}
              choose={(key) => goTo({ step: key })}
              context={context}
              onAccepted={accepted}
              limits={dutyLimits(context)}
            />
          ) : null}
        </Card>
      ) : null}
    </Space>
  );
}

const STEP_STATUS = { done: 'finish', next: 'process', blocked: 'error', later: 'wait' } as const;

/** One path's steps (clickable) and the chosen — else the current — step: what blocks it and its form. */
function Path(props: {
  testId: string;
  states: StepState[];
  chosen: string | undefined;
  choose: (key: string) => void;
  context: PathContext;
  onAccepted: (events: unknown[], body: Record<string, unknown>, endpoint: string) => void;
  limits?: Blocker[];
}) {
  const { t } = useTranslation();
  const { states, chosen, context } = props;
  const shown = states.find((s) => s.step.key === chosen) ?? current(states);
  const index = shown ? states.indexOf(shown) : states.length;
  return (
    <div data-testid={props.testId}>
      <Steps
        size="small"
        current={index}
        onChange={(i) => {
          const key = states[i]?.step.key;
          if (key) props.choose(key);
        }}
        items={states.map((s) => ({
          title: t(`recruit.steps.${s.step.key}.title`),
          status: STEP_STATUS[s.status],
          subTitle: s.step.optional && s.status !== 'done' ? t('recruit.status.optional') : undefined,
          content: (
            <span data-testid={`recruit-state-${s.step.key}`} data-status={s.status}>
              {s.status === 'done' ? (s.doneOn ? t('recruit.doneOn', { date: s.doneOn }) : t('recruit.onRecord')) : t(`recruit.status.${s.status}`)}
            </span>
          ),
        }))}
      />
      {shown ? <StepPanel key={`${shown.step.key}|${context.plan?.plan_id ?? ''}|${context.application?.applicationId ?? ''}`} {...props} state={shown} /> : (
        <Alert style={{ marginTop: 16 }} type="success" showIcon title={t('recruit.allDone')} />
      )}
    </div>
  );
}

function StepPanel({ state, context, onAccepted, limits = [] }: { state: StepState; context: PathContext; onAccepted: (events: unknown[], body: Record<string, unknown>, endpoint: string) => void; limits?: Blocker[] }) {
  const { t } = useTranslation();
  const { step } = state;
  // Made once per step shown: the form keeps the same ids (and command id) through a retry.
  const [initial] = useState(() => step.prefill(context));
  const cite = (b: Blocker) => `${t(`recruit.blocks.${b.reason}`)}（${t(`recruit.articles.${b.article}`)}${b.ruleId ? ` · ${b.ruleId}` : ''}）`;
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid={`recruit-step-${step.key}`} data-status={state.status}
      title={`${state.status === 'done' ? t('recruit.status.done') : t('recruit.nextStep', { step: t(`recruit.steps.${step.key}.title`) })} · ${t(`recruit.articles.${step.article}`)}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {state.status === 'done' ? (
          <Alert type="success" showIcon title={state.doneOn ? t('recruit.doneOn', { date: state.doneOn }) : t('recruit.onRecord')} />
        ) : (
          <>
            <Typography.Text>{t(`recruit.steps.${step.key}.hint`)}</Typography.Text>
            {state.blockers.length ? (
              <Alert type="warning" showIcon data-testid="recruit-blockers" title={t('recruit.blockedBy')} description={<ul style={{ margin: 0 }}>{state.blockers.map((b) => <li key={b.reason}>{cite(b)}</li>)}</ul>} />
            ) : null}
            {step.key === 'duty' && limits.length ? (
              <Alert type="info" showIcon data-testid="recruit-limits" title={t('recruit.limits')} description={<ul style={{ margin: 0 }}>{limits.map((b) => <li key={b.reason}>{cite(b)}</li>)}</ul>} />
            ) : null}
            <CommandForm endpoint={step.endpoint} asOf={context.today} initial={initial} compact onAccepted={(events, body) => onAccepted(events, body, step.endpoint)} />
          </>
        )}
      </Space>
    </Card>
  );
}
