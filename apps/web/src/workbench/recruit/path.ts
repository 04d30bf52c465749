/**
 * The guided path of a recruitment, as data: every step an operator takes from a plan to a first duty, the command
 * that records it, the article it follows, what the page already knows of its fields (ids, dates), how the records
 * the API answers show it done, and what blocks it. The page (Recruit.tsx) only renders this.
 *
 * Plan (Arts. 18, 20 (1)): draft → approval → filing → announcement.
 * Each applicant (Art. 20 (2)–(6), Art. 24): registration → qualification review → exams → medical examination →
 * inspection → public notice → hire.
 * The new auxiliary (Arts. 28, 35): pre-job training → (accident insurance) → first duty. No pre-job training: no duty
 * (DUTY-TRAINED, Art. 35 ¶2); no personal accident insurance: no high-risk duty (INSURANCE-RISK, Art. 28 ¶2).
 */

/** A recruitment plan as GET /api/recruitment-plans answers it. */
export interface PlanRow {
  plan_id: string;
  drafting_organ_id: string;
  drafting_organ_level: string;
  title: string;
  status: string;
  drafted_on: string;
  approved_on: string | null;
  approval_document: string | null;
  filed_on: string | null;
  filing_ref: string | null;
  announced_on: string | null;
  closed_on: string | null;
  openings_total: number;
  openings: Array<{ organId: string; category: string | null; count: number }>;
  organ_ids: string[];
}

export const STAGE_KEYS = ['QUALIFICATION_REVIEW', 'EXAMS', 'MEDICAL', 'INSPECTION', 'PUBLIC_NOTICE'] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

/** An application as GET /api/applications answers it (its entries). */
export interface ApplicationEntry {
  applicationId: string;
  planId: string;
  openingId: string | null;
  organId: string;
  recruitingOrganId: string;
  personKey: string;
  stage: string;
  nextStage: string | null;
  registeredOn: string;
  announcedOn: string;
  stageDates: Partial<Record<StageKey, string | null>>;
  failure: { stage: number; stageKey: string; reason: string; on: string } | null;
  hired: { auxiliaryId: string; on: string } | null;
  person: { name?: string; idNumberMasked?: string } | null;
}

/** What the path reads of a person file (GET /api/people/:auxiliaryId, its `state`). */
export interface FileState {
  auxiliary_id: string;
  using_organ_id: string;
  category: string;
  status: string;
  hired_on: string;
  insurance: string[];
  pre_job_training_on: string | null;
  assignments: Array<{ assignmentId: string; dutyCodes: string[]; from: string }>;
}

export interface PathContext {
  /** Today in Asia/Shanghai (YYYY-MM-DD): the effective date a form starts with. */
  today: string;
  /** The organ a new plan is drafted by: a CITY or the REGION organ (PLAN-ORGAN, Arts. 18 ¶1, 19 ¶1). */
  organId: string;
  /** The using organ a new plan's first opening is for (the organ chosen in the header: a county, say). */
  openingOrganId: string;
  /** The organ tree's root: the REGION organ a plan is filed with (Art. 18 ¶2). */
  regionOrganId: string | null;
  plan: PlanRow | null;
  application: ApplicationEntry | null;
  file: FileState | null;
  /** The pay standard in force for a hire's level L1, when the deployment names exactly one locality. */
  payStandard: { locality: string; level: string; monthlyBaseFen: number } | null;
  /** Makes a fresh id with a prefix (`plan-…`, `app-…`): the page's, so a test can make them predictable. */
  newId: (prefix: string) => string;
}

export type Phase = 'plan' | 'application' | 'onboarding';

/** A rule that stops a step, with the article it cites (the form's refusal will cite it whole). */
export interface Blocker {
  /** Words key under `recruit.blocks.` */
  reason: string;
  ruleId: string | null;
  article: string;
}

export interface StepDef {
  key: string;
  phase: Phase;
  /** The command of the catalog (POST /api/commands/<endpoint>). */
  endpoint: string;
  /** The article it follows, as shown (e.g. '第十八条第一款' / 'Art. 18 ¶1' — words key `recruit.articles.<key>`). */
  article: string;
  /** Not needed to go on (accident insurance: only for high-risk duties). */
  optional?: boolean;
  /** The date it was recorded as done ('' when done with no date on record, as insurance), or null. */
  doneOn: (c: PathContext) => string | null;
  /** Why it cannot be done yet, beyond the steps before it. */
  blockers?: (c: PathContext) => Blocker[];
  /** What the page already knows of the form's fields: the operator types only what a person knows. */
  prefill: (c: PathContext) => Record<string, unknown>;
}

/** The eight Art. 23 items a qualification review must find on, each with its sealed check record's reference. */
export const ART_23_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
/** What Art. 28 ¶1 owes every auxiliary: 基本养老、基本医疗、生育、工伤和失业保险, 住房公积金. */
export const ART_28_P1_KINDS = ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND'];
/** The clauses a labour contract must carry (Art. 24; 劳动合同法 Art. 17). */
export const CONTRACT_CLAUSES = ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'];

const stage = (c: PathContext, key: StageKey) => c.application?.stageDates[key] ?? null;
const notFailed = (c: PathContext): Blocker[] =>
  c.application?.failure ? [{ reason: 'applicationEnded', ruleId: 'RECR-ORDER', article: 'art20' }] : [];

/** Adds years to a date (the contract's term), the day before: 2026-12-03 + 3 → 2029-12-02. */
export function addYears(date: string, years: number, dayBefore = true): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (dayBefore) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
/** Adds months to a date, the day before (a probation of six months ends the day before the same date). */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const PLAN_STEPS: StepDef[] = [
  {
    key: 'draft',
    phase: 'plan',
    endpoint: 'draft-recruitment-plan',
    article: 'art18p1',
    doneOn: (c) => c.plan?.drafted_on ?? null,
    prefill: (c) => ({
      planId: c.newId('plan'),
      draftingOrganId: c.organId,
      effectiveDate: c.today,
      openings: [{ openingId: c.newId('open'), organId: c.openingOrganId, category: 'DUTY', count: 1, targetedCategories: null }],
    }),
  },
  {
    key: 'approve',
    phase: 'plan',
    endpoint: 'approve-recruitment-plan',
    article: 'art18p1',
    doneOn: (c) => c.plan?.approved_on ?? null,
    prefill: (c) => ({ planId: c.plan?.plan_id, governmentLevel: c.plan?.drafting_organ_level, effectiveDate: c.today }),
  },
  {
    key: 'file',
    phase: 'plan',
    endpoint: 'file-recruitment-plan',
    article: 'art18p2',
    doneOn: (c) => c.plan?.filed_on ?? null,
    prefill: (c) => ({ planId: c.plan?.plan_id, regionOrganId: c.regionOrganId, effectiveDate: c.today }),
  },
  {
    key: 'announce',
    phase: 'plan',
    endpoint: 'announce-recruitment',
    article: 'art20i1',
    doneOn: (c) => c.plan?.announced_on ?? null,
    blockers: (c) => (c.plan && !c.plan.approved_on ? [{ reason: 'notApproved', ruleId: 'PLAN-APPROVAL', article: 'art18p1' }] : []),
    prefill: (c) => ({ planId: c.plan?.plan_id, organIds: c.plan?.organ_ids ?? [], effectiveDate: c.today }),
  },
];

export const APPLICATION_STEPS: StepDef[] = [
  {
    key: 'register',
    phase: 'application',
    endpoint: 'register-applicant',
    article: 'art20i2',
    doneOn: (c) => c.application?.registeredOn ?? null,
    blockers: (c) => (c.plan?.announced_on ? [] : [{ reason: 'notAnnounced', ruleId: 'RECR-ORDER', article: 'art20i1' }]),
    prefill: (c) => ({
      applicationId: c.newId('app'),
      planId: c.plan?.plan_id,
      targetedOpeningId: null,
      effectiveDate: c.today,
      applicant: { nationality: 'CN', educationRelaxation: null },
      identity: { contact: { phone: null, address: null } },
    }),
  },
  {
    key: 'qualification',
    phase: 'application',
    endpoint: 'review-qualification',
    article: 'art20i2',
    doneOn: (c) => stage(c, 'QUALIFICATION_REVIEW'),
    blockers: notFailed,
    prefill: (c) => ({
      applicationId: c.application?.applicationId,
      personKey: c.application?.personKey,
      effectiveDate: c.today,
      backgroundFindings: ART_23_ITEMS.map((item) => ({ item, found: false })),
      politicalAttestation: { conclusion: 'MEETS', attestedOn: c.today },
    }),
  },
  {
    key: 'exams',
    phase: 'application',
    endpoint: 'record-exam-results',
    article: 'art20i3',
    doneOn: (c) => stage(c, 'EXAMS'),
    blockers: notFailed,
    prefill: (c) => ({ applicationId: c.application?.applicationId, effectiveDate: c.today }),
  },
  {
    key: 'medical',
    phase: 'application',
    endpoint: 'record-medical-examination',
    article: 'art20i4',
    doneOn: (c) => stage(c, 'MEDICAL'),
    blockers: notFailed,
    prefill: (c) => ({ applicationId: c.application?.applicationId, effectiveDate: c.today }),
  },
  {
    key: 'inspection',
    phase: 'application',
    endpoint: 'record-inspection',
    article: 'art20i5',
    doneOn: (c) => stage(c, 'INSPECTION'),
    blockers: notFailed,
    prefill: (c) => ({ applicationId: c.application?.applicationId, personKey: c.application?.personKey, backgroundFindings: [], effectiveDate: c.today }),
  },
  {
    key: 'notice',
    phase: 'application',
    endpoint: 'complete-public-notice',
    article: 'art20i6',
    doneOn: (c) => stage(c, 'PUBLIC_NOTICE'),
    blockers: notFailed,
    prefill: (c) => ({ applicationId: c.application?.applicationId, noticeUntil: c.today, effectiveDate: c.today }),
  },
  {
    key: 'hire',
    phase: 'application',
    endpoint: 'hire',
    article: 'art24',
    doneOn: (c) => c.application?.hired?.on ?? null,
    blockers: notFailed,
    prefill: (c) => {
      const auxiliaryId = c.newId('aux');
      const opening = c.plan?.openings.find((o) => o.organId === c.application?.organId) ?? c.plan?.openings[0];
      return {
        auxiliaryId,
        applicationId: c.application?.applicationId,
        personKey: c.application?.personKey,
        usingOrganId: opening?.organId ?? c.application?.organId,
        category: opening?.category ?? 'DUTY',
        level: c.payStandard?.level ?? 'L1',
        effectiveDate: c.today,
        pay: c.payStandard ? { locality: c.payStandard.locality, monthlyBaseFen: c.payStandard.monthlyBaseFen } : {},
        contract: {
          contractId: `contract-${auxiliaryId}`,
          kind: 'FIXED_TERM',
          startDate: c.today,
          endDate: addYears(c.today, 3),
          probationLastDay: addMonths(c.today, 6),
          clauses: CONTRACT_CLAUSES,
        },
      };
    },
  },
];

const auxiliaryOf = (c: PathContext) => c.file?.auxiliary_id ?? c.application?.hired?.auxiliaryId;

export const ONBOARDING_STEPS: StepDef[] = [
  {
    key: 'training',
    phase: 'onboarding',
    endpoint: 'record-training',
    article: 'art35p2',
    doneOn: (c) => c.file?.pre_job_training_on ?? null,
    prefill: (c) => ({ auxiliaryId: auxiliaryOf(c), trainingId: c.newId('trn'), kind: 'PRE_JOB', year: null, completedOn: c.today, outcome: 'PASSED', effectiveDate: c.today }),
  },
  {
    key: 'insurance',
    phase: 'onboarding',
    endpoint: 'enrol-insurance',
    article: 'art28',
    optional: true,
    doneOn: (c) => (c.file && c.file.insurance.length > 0 ? '' : null),
    // Art. 28 ¶1: the five social insurances and the housing fund are owed to every auxiliary; personal accident insurance (¶2) the operator adds for a high-risk post.
    prefill: (c) => ({ auxiliaryId: auxiliaryOf(c), kinds: ART_28_P1_KINDS, effectiveDate: c.today }),
  },
  {
    key: 'duty',
    phase: 'onboarding',
    endpoint: 'assign-duty',
    article: 'art10',
    doneOn: (c) => c.file?.assignments[0]?.from ?? null,
    blockers: (c) => (c.file && !c.file.pre_job_training_on ? [{ reason: 'noPreJobTraining', ruleId: 'DUTY-TRAINED', article: 'art35p2' }] : []),
    prefill: (c) => ({ auxiliaryId: auxiliaryOf(c), assignmentId: c.newId('asg'), nationalBasis: null, matterId: null, alone: false, effectiveDate: c.today }),
  },
];

/** Notes that do not stop the step but limit it: no personal accident insurance on record, no high-risk duty. */
export function dutyLimits(c: PathContext): Blocker[] {
  return c.file && !c.file.insurance.includes('PERSONAL_ACCIDENT') ? [{ reason: 'noAccidentInsurance', ruleId: 'INSURANCE-RISK', article: 'art28p2' }] : [];
}

export type StepStatus = 'done' | 'next' | 'blocked' | 'later';

export interface StepState {
  step: StepDef;
  status: StepStatus;
  doneOn: string | null;
  blockers: Blocker[];
}

/**
 * Where a path stands: each step done (with its date), the first step not done and not optional is `next` — or
 * `blocked` with its blockers — and the rest `later` (with what would block them). An optional step not done is `next`
 * (or `blocked`) whatever comes before it: it may be done at any time.
 */
export function walk(steps: readonly StepDef[], c: PathContext, before: Blocker[] = []): StepState[] {
  let reached = false;
  return steps.map((step) => {
    const doneOn = step.doneOn(c);
    if (doneOn !== null) return { step, status: 'done', doneOn, blockers: [] };
    const blockers = [...before, ...(step.blockers?.(c) ?? [])];
    if (reached && !step.optional) return { step, status: 'later', doneOn: null, blockers };
    if (!step.optional) reached = true;
    return { step, status: blockers.length ? 'blocked' : 'next', doneOn: null, blockers };
  });
}

/** The step the page offers a form for: the first `next` (an optional one only when nothing else is next), else the first blocked. */
export function current(states: readonly StepState[]): StepState | null {
  return states.find((s) => s.status === 'next' && !s.step.optional) ?? states.find((s) => s.status === 'next') ?? states.find((s) => s.status === 'blocked') ?? null;
}
