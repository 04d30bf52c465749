import { RecruitmentApplication, type RecruitmentApplicationState, envelopeOf } from '@auxledger/domain';
import { type ReadModelStore, type VersionedRow, defineTemporal } from '@auxledger/projection-engine';
import { idInStream, todayUtc } from './common';
import { organScope } from './organ-hierarchy';

/**
 * Recruitment applications (Art. 20), temporal: one row per application with
 * its plan, opening, organ, person key and the Art. 20 stage reached —
 * 报名 (registration, under the plan's announcement: stage (1)), 资格审查 (2),
 * 笔试、体能测试与面试 (3), 体检 (4), 考察 (5), 公示 (6), then hired — with the
 * effective date of each recorded stage, or the stage that failed and why
 * (a failure for WITHDRAWN is the applicant's withdrawal). The state is the
 * domain's own fold (`RecruitmentApplication.evolve`), in effective-date order, so a
 * stage recorded late shows from its date and "as known at" an instant shows
 * what was recorded then. The board of applications and the recruitment
 * funnel read it.
 */

/** Where an application stands: the furthest stage passed, or how it ended. */
export const APPLICATION_STAGES = [
  'REGISTRATION',
  'QUALIFICATION_REVIEW',
  'EXAMS',
  'MEDICAL',
  'INSPECTION',
  'PUBLIC_NOTICE',
  'HIRED',
  'WITHDRAWN',
  'FAILED',
] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

/** The stage key of Art. 20 stages (2)–(6); (1), the announcement, is the registration's. */
export const STAGE_KEYS: Record<number, ApplicationStage> = { 1: 'REGISTRATION', 2: 'QUALIFICATION_REVIEW', 3: 'EXAMS', 4: 'MEDICAL', 5: 'INSPECTION', 6: 'PUBLIC_NOTICE' };

/** What comes next for an application under way: a stage to record, or the hire. */
export type NextStep = 'QUALIFICATION_REVIEW' | 'EXAMS' | 'MEDICAL' | 'INSPECTION' | 'PUBLIC_NOTICE' | 'HIRE';

export type ApplicationRow = {
  application_id: string;
  plan_id: string;
  /** The targeted opening (Art. 22 定向招聘), or null. */
  opening_id: string | null;
  /** The organ the application is for: the targeted opening's organ, else the plan's only opening organ, else the recruiting organ. */
  organ_id: string;
  /** The plan's drafting organ, which organises the recruitment (Art. 19 ¶1). */
  recruiting_organ_id: string;
  /** The organs the plan recruits for (null: not recorded on older registrations). */
  opening_organ_ids: string[] | null;
  /** The applicant's person key (a salted hash, never the ID number). */
  person_key: string;
  /** The domain's status: IN_PROGRESS, PASSED, ENDED, HIRED. */
  status: string;
  stage: ApplicationStage;
  next_step: NextStep | null;
  announced_on: string;
  registered_on: string;
  qualification_review_on: string | null;
  exams_on: string | null;
  medical_on: string | null;
  inspection_on: string | null;
  public_notice_on: string | null;
  /** Art. 20 stage (2–6) that failed, its reason and date. */
  failed_stage: number | null;
  failure_reason: string | null;
  failed_on: string | null;
  auxiliary_id: string | null;
  hired_on: string | null;
};

const NEXT: Record<number, NextStep> = { 1: 'QUALIFICATION_REVIEW', 2: 'EXAMS', 3: 'MEDICAL', 4: 'INSPECTION', 5: 'PUBLIC_NOTICE', 6: 'HIRE' };

export function applicationRow(state: RecruitmentApplicationState): ApplicationRow | null {
  if (state.status === 'NONE') return null;
  const passed = state.stages.filter((s) => s.outcome === 'PASSED');
  const on = (stage: number) => passed.find((s) => s.stage === stage)?.date ?? null;
  const furthest = passed.reduce((n, s) => Math.max(n, s.stage), 1);
  const failure = state.status === 'ENDED' ? state.failure : null;
  const stage: ApplicationStage =
    state.status === 'HIRED' ? 'HIRED' : failure ? (failure.reason === 'WITHDRAWN' ? 'WITHDRAWN' : 'FAILED') : (STAGE_KEYS[furthest] ?? 'REGISTRATION');
  const organs = state.openingOrganIds ?? [];
  return {
    application_id: state.applicationId,
    plan_id: state.planId,
    opening_id: state.targetedOpeningId,
    organ_id: state.targetedOrganId ?? (organs.length === 1 && organs[0] ? organs[0] : state.recruitingOrganId),
    recruiting_organ_id: state.recruitingOrganId,
    opening_organ_ids: state.openingOrganIds ? [...new Set(state.openingOrganIds)].sort() : null,
    person_key: state.personKey,
    status: state.status,
    stage,
    next_step: state.status === 'IN_PROGRESS' || state.status === 'PASSED' ? (NEXT[furthest] ?? null) : null,
    announced_on: on(1) ?? state.registeredOn,
    registered_on: state.registeredOn,
    qualification_review_on: on(2),
    exams_on: on(3),
    medical_on: on(4),
    inspection_on: on(5),
    public_notice_on: on(6),
    failed_stage: failure?.stage ?? null,
    failure_reason: failure?.reason ?? null,
    failed_on: failure?.on ?? null,
    auxiliary_id: state.status === 'HIRED' ? state.auxiliaryId : null,
    hired_on: state.status === 'HIRED' ? state.hiredOn : null,
  };
}

export const applications = defineTemporal<RecruitmentApplicationState, ApplicationRow>({
  name: 'application',
  entityColumn: 'application_id',
  columns: {
    application_id: 'text',
    plan_id: 'text',
    opening_id: 'text',
    organ_id: 'text',
    recruiting_organ_id: 'text',
    opening_organ_ids: 'json',
    person_key: 'text',
    status: 'text',
    stage: 'text',
    next_step: 'text',
    announced_on: 'date',
    registered_on: 'date',
    qualification_review_on: 'date',
    exams_on: 'date',
    medical_on: 'date',
    inspection_on: 'date',
    public_notice_on: 'date',
    failed_stage: 'integer',
    failure_reason: 'text',
    failed_on: 'date',
    auxiliary_id: 'text',
    hired_on: 'date',
  },
  indexes: [['organ_id'], ['plan_id'], ['stage']],
  // The board counts by these, and pages by id: read from the indexes alone.
  coveredColumns: ['stage', 'plan_id', 'failed_stage', 'application_id'],
  entity: (event) => idInStream(event, RecruitmentApplication.streamPrefix),
  initialState: () => RecruitmentApplication.initialState(),
  evolve: (state, event) => RecruitmentApplication.evolve(state, envelopeOf(event) as never),
  row: applicationRow,
});

export interface ApplicationsQuery {
  asOf?: string;
  knownAt?: string;
  includeSubtree: boolean;
  planId?: string;
  /** Only these stages (default: every one). */
  stages?: readonly string[];
  /** Only applications with an id after this one (a page's cursor). */
  after?: string;
  /** At most this many (the first by application id). */
  limit?: number;
}

export type ApplicationEntry = ApplicationRow & Pick<VersionedRow, 'valid_from' | 'valid_to' | 'known_from' | 'known_to'>;

/** The applications for an organ (or its subtree) as of a date, by application id; one indexed query after the subtree's. */
export async function applicationsOf(store: ReadModelStore, organId: string, query: ApplicationsQuery): Promise<ApplicationEntry[]> {
  const organs = await organScope(store, organId, query.includeSubtree);
  return (await store.asOf(applications, query.asOf ?? todayUtc(), {
    where: {
      organ_id: organs,
      ...(query.planId ? { plan_id: query.planId } : {}),
      ...(query.stages ? { stage: query.stages } : {}),
      ...(query.after !== undefined ? { application_id: { gt: query.after } } : {}),
    },
    ...(query.knownAt ? { knownAt: query.knownAt } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
  })) as ApplicationEntry[];
}

/** How many applications of an organ (or its subtree) as of a date there are by stage, plan and failed stage: counted by the database from the indexes alone. */
export async function applicationCounts(
  store: ReadModelStore,
  organId: string,
  query: Pick<ApplicationsQuery, 'asOf' | 'knownAt' | 'includeSubtree' | 'planId'>,
): Promise<Array<Pick<ApplicationRow, 'stage' | 'plan_id' | 'failed_stage'> & { count: number }>> {
  const organs = await organScope(store, organId, query.includeSubtree);
  return (await store.countAsOf(applications, query.asOf ?? todayUtc(), {
    where: { organ_id: organs, ...(query.planId ? { plan_id: query.planId } : {}) },
    groupBy: ['stage', 'plan_id', 'failed_stage'],
    ...(query.knownAt ? { knownAt: query.knownAt } : {}),
  })) as Array<Pick<ApplicationRow, 'stage' | 'plan_id' | 'failed_stage'> & { count: number }>;
}
