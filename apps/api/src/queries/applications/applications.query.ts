import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@auxledger/application';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { APPLICATION_STAGES, type ApplicationEntry, type ApplicationStage, STAGE_KEYS, applicationCounts, applicationsOf } from '@auxledger/read-models';
import { ReadAccess } from '../../access/read-access';
import { IdentityService, type ShownPerson } from '../../identity/identity.service';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { flag, list } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { ApplicationsRequestDto } from './applications.request.dto';
import { requireKnownOrgan } from '../shared/known-organ';
import { SHOWN_PERSON, codes, counts, date, integer, arrayOf, nullable, object, text, ORGAN_AS_OF } from '../../openapi/answer-schema';

/** One application as the board shows it. */
export interface ApplicationView {
  applicationId: string;
  planId: string;
  openingId: string | null;
  organId: string;
  recruitingOrganId: string;
  openingOrganIds: string[] | null;
  personKey: string;
  stage: ApplicationStage;
  nextStage: string | null;
  announcedOn: string;
  registeredOn: string;
  stageDates: { QUALIFICATION_REVIEW: string | null; EXAMS: string | null; MEDICAL: string | null; INSPECTION: string | null; PUBLIC_NOTICE: string | null };
  failure: { stage: number; stageKey: ApplicationStage; reason: string; on: string } | null;
  hired: { auxiliaryId: string; on: string } | null;
  person: ShownPerson | null;
}

export interface ApplicationsAnswer extends Positioned {
  organId: string;
  subtree: boolean;
  asOf: string;
  knownAt: string | null;
  planId: string | null;
  /** Over the organ, subtree and plan filters — not the stage filter: the board's column counts and the funnel. */
  counts: { total: number; byStage: Record<ApplicationStage, number>; byPlan: Record<string, number>; funnel: FunnelStep[] };
  entries?: ApplicationView[];
  next?: string | null;
}

/**
 * The Art. 20 funnel: each step in order — registered (1), then stages (2)–(6) passed, then hired — with how many
 * applications passed it (`reached`) and how many ended at it without passing (failed or withdrew there; `failed_stage`).
 */
export interface FunnelStep {
  step: (typeof FUNNEL)[number];
  reached: number;
  endedHere: number;
}
const FUNNEL = ['REGISTRATION', 'QUALIFICATION_REVIEW', 'EXAMS', 'MEDICAL', 'INSPECTION', 'PUBLIC_NOTICE', 'HIRED'] as const;

/** ApplicationsAnswer as the OpenAPI document gives it. */
export const APPLICATIONS_ANSWER = object(
  {
    ...ORGAN_AS_OF,
    planId: nullable(text('Only this plan; null: every plan')),
    counts: object(
      {
        total: integer('Every application of the organ, subtree and plan'),
        byStage: counts('By Art. 20 stage, every stage present'),
        byPlan: counts('By plan'),
        funnel: arrayOf(
          object({ step: codes(FUNNEL, 'Registered (1), then stages (2)–(6) passed, then hired'), reached: integer('Applications that passed this step'), endedHere: integer('Failed or withdrew at this step') }),
          '漏斗 The Art. 20 funnel, step by step',
        ),
      },
      { description: 'Over the organ, subtree and plan filters — not the stage filter' },
    ),
    entries: arrayOf(
      object({
        applicationId: text('报名编号 The application'),
        planId: text('招聘计划 The plan'),
        openingId: nullable(text('The opening targeted')),
        organId: text('The organ it counts for: its opening, else the plan’s only opening organ, else the recruiting organ'),
        recruitingOrganId: text('The organ recruiting (drafting the plan)'),
        openingOrganIds: nullable(arrayOf(text(), 'The organs of the plan’s openings')),
        personKey: text('The applicant’s person key'),
        stage: codes(APPLICATION_STAGES, 'The Art. 20 stage reached'),
        nextStage: nullable(text('The next step, if any')),
        announcedOn: date('The plan’s announcement'),
        registeredOn: date('报名 Registered on'),
        stageDates: object(
          {
            QUALIFICATION_REVIEW: nullable(date()),
            EXAMS: nullable(date()),
            MEDICAL: nullable(date()),
            INSPECTION: nullable(date()),
            PUBLIC_NOTICE: nullable(date()),
          },
          { description: 'The date each stage was passed' },
        ),
        failure: nullable(
          object(
            { stage: integer('Art. 20 stage number'), stageKey: codes(APPLICATION_STAGES), reason: text('Why'), on: date() },
            { description: 'The stage it failed at or was withdrawn at; null: none' },
          ),
        ),
        hired: nullable(object({ auxiliaryId: text(), on: date() }, { description: 'Hired as this auxiliary on this date; null: not hired' })),
        person: SHOWN_PERSON,
      }),
      '报名 The page, by application id (absent for viewers)',
    ),
    next: nullable(text('The `cursor` of the next page; null: the last page (absent for viewers)')),
  },
  { optional: ['entries', 'next'], title: 'ApplicationsAnswer' },
);

export class GetApplications extends ReadQuery<ApplicationsRequestDto, ApplicationsAnswer> {}

/** Applications (Art. 20) of an organ as of a date; a viewer's answer has the counts only. */
@QueryHandler(GetApplications)
export class GetApplicationsHandler implements IQueryHandler<GetApplications> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly opening: QueryOpening,
    private readonly access: ReadAccess,
    private readonly identity: IdentityService,
  ) {}

  async execute({ params: p, principal }: GetApplications): Promise<ApplicationsAnswer> {
    const { asOfPosition, asOf, knownAt, known, limit, cursor: after } = await this.opening.open(p);
    await this.access.requireOrgan(principal, p.organ);
    await requireKnownOrgan(this.store, p.organ);
    const subtree = flag(p.subtree, false);
    const query = { asOf, includeSubtree: subtree, ...known, ...(p.plan ? { planId: p.plan } : {}) };
    // The counts by the database from the indexes alone; the entries one page of rows.
    const answer: ApplicationsAnswer = { asOfPosition, organId: p.organ, subtree, asOf, knownAt, planId: p.plan ?? null, counts: countsOf(await applicationCounts(this.store, p.organ, query)) };
    if (principal.role === 'viewer') return answer;
    const stages = list(p.stage);
    const rest = await applicationsOf(this.store, p.organ, { ...query, ...(stages ? { stages } : {}), ...(after !== undefined ? { after } : {}), limit: limit + 1 });
    const page = rest.slice(0, limit);
    const now = this.clock.now();
    const entries: ApplicationView[] = [];
    // Each applicant's name (ID number masked), for this page only, each read recorded (ADR 0006).
    for (const row of page) entries.push(viewOf(row, await this.identity.shownPerson(row.person_key, principal, principal.role === 'operator' ? row.organ_id : null, now)));
    return { ...answer, entries, next: rest.length > limit ? (page[page.length - 1]?.application_id ?? null) : null };
  }
}

/** The counts from the groups of applications with one stage, plan and failed stage. */
function countsOf(groups: ReadonlyArray<Pick<ApplicationEntry, 'stage' | 'plan_id' | 'failed_stage'> & { count: number }>): ApplicationsAnswer['counts'] {
  const byStage = Object.fromEntries(APPLICATION_STAGES.map((s) => [s, 0])) as Record<ApplicationStage, number>;
  const byPlan: Record<string, number> = {};
  const funnel: FunnelStep[] = FUNNEL.map((step) => ({ step, reached: 0, endedHere: 0 }));
  let total = 0;
  for (const g of groups) {
    total += g.count;
    byStage[g.stage] += g.count;
    byPlan[g.plan_id] = (byPlan[g.plan_id] ?? 0) + g.count;
    // Steps are numbered as Art. 20's stages: registration 1, (2)–(6), hired 7; an ended application passed the stages before its failed one.
    const passed = g.stage === 'HIRED' ? 7 : g.failed_stage !== null ? g.failed_stage - 1 : FUNNEL.indexOf(g.stage as (typeof FUNNEL)[number]) + 1;
    for (let i = 0; i < Math.max(passed, 1); i++) (funnel[i] as FunnelStep).reached += g.count;
    if (g.failed_stage !== null) (funnel[Math.max(g.failed_stage - 1, 0)] as FunnelStep).endedHere += g.count;
  }
  return { total, byStage, byPlan, funnel };
}

function viewOf(r: ApplicationEntry, person: ShownPerson | null): ApplicationView {
  return {
    applicationId: r.application_id,
    planId: r.plan_id,
    openingId: r.opening_id,
    organId: r.organ_id,
    recruitingOrganId: r.recruiting_organ_id,
    openingOrganIds: r.opening_organ_ids,
    personKey: r.person_key,
    stage: r.stage,
    nextStage: r.next_step,
    announcedOn: r.announced_on,
    registeredOn: r.registered_on,
    stageDates: { QUALIFICATION_REVIEW: r.qualification_review_on, EXAMS: r.exams_on, MEDICAL: r.medical_on, INSPECTION: r.inspection_on, PUBLIC_NOTICE: r.public_notice_on },
    failure:
      r.failed_stage !== null && r.failure_reason !== null && r.failed_on !== null
        ? { stage: r.failed_stage, stageKey: STAGE_KEYS[r.failed_stage] ?? 'FAILED', reason: r.failure_reason, on: r.failed_on }
        : null,
    hired: r.auxiliary_id !== null && r.hired_on !== null ? { auxiliaryId: r.auxiliary_id, on: r.hired_on } : null,
    person,
  };
}
