import type {
  BackgroundFinding, EducationLevel, EducationRelaxation, FactsFor, HIRE_CHECKS, IsoDate, OrganLevel, RecruitmentStage, StageRecord,
} from '@auxledger/statute';
import type { Aggregate, DomainEvent, Envelope, StreamRef, Upcasters } from '../kernel';
import type { PostCondition } from '../recruitment-plan/recruitment-plan';

/**
 * One applicant's path through a recruitment (Arts. 20–23): registered to an
 * announced plan (stage (1) is the plan's announcement), then (2) 资格审查,
 * (3) 笔试、体能测试与面试, (4) 体检, (5) 考察, (6) 公示 — each recorded passed
 * only in order and only when the statute allows it; a failed stage ends the
 * application. After (6) it is "passed, ready to be hired"; the Hire handler
 * then appends `ApplicantHired` to this stream (role `application`).
 *
 * Personal data (PIPL): the events carry a `personKey` (a salted hash of the
 * ID number, computed by the application layer) and never the ID number; of
 * the medical examination and the background checks they carry the outcome
 * and an opaque `ref` to the sealed record, never the finding itself. A
 * passed stage can only record cleared items (`clearedFindings`); a failure
 * records a coarse reason and a sealed `reasonRef`, not the rule or finding.
 */

// ── Events ──────────────────────────────────────────────────────────────────

export interface ApplicantProfile {
  birthDate: IsoDate;
  /** ISO 3166-1 alpha-2 ('CN'). */
  nationality: string;
  education: EducationLevel;
  /** Art. 21 (3) relaxation to 高中/中专, with its approval; null: none claimed. */
  educationRelaxation: EducationRelaxation | null;
}

/** An Art. 23 item checked and not found, with the sealed check record's reference. */
export interface ClearedFinding {
  item: BackgroundFinding['item'];
  ref: string;
}

/** ELIG-POLITICAL (Art. 21 (1)) is judged by people: the record of who concluded what, on which material. */
export interface PoliticalAttestation {
  conclusion: 'MEETS' | 'DOES_NOT_MEET';
  attestedBy: string;
  attestedOn: IsoDate;
  materialRefs: string[];
}

export interface ExamScores {
  written: number;
  physical: number;
  interview: number;
  total: number;
}

export type StageFailureReason = 'NOT_ELIGIBLE' | 'DISQUALIFIED' | 'BELOW_STANDARD' | 'ABSENT' | 'WITHDRAWN' | 'OBJECTION_UPHELD' | 'OTHER';

export type ApplicationRegistered = DomainEvent<
  'ApplicationRegistered',
  {
    applicationId: string;
    planId: string;
    personKey: string;
    applicant: ApplicantProfile;
    /** Art. 22 ¶1 items (1)–(6) the applicant claims. */
    preferenceCategories: number[];
    targetedOpeningId: string | null;
    /**
     * The using organ of the targeted opening (the plan's `openings[].organId`):
     * only that organ may hire on this application. null: no targeted opening,
     * or a version 1 event that did not record it (not checked).
     */
    targetedOrganId: string | null;
    /**
     * The using organs the plan recruits for (its openings' organs): the organs
     * that may hire on it. null: a version 1 event that did not record them
     * (not checked); every registration since records them.
     */
    openingOrganIds: string[] | null;
    /** The plan's drafting organ, which organises the recruitment (Art. 19 ¶1). */
    recruitingOrganId: string;
    recruitingOrganLevel: OrganLevel;
    /** Stage (1): the plan's announcement. */
    announcedOn: IsoDate;
    /** The plan's Art. 21 (5) post conditions, as the applicant registered under them. */
    postConditions: PostCondition[];
  }
>;
/** Stage (2) passed. */
export type QualificationReviewPassed = DomainEvent<
  'QualificationReviewPassed',
  { applicationId: string; clearedFindings: ClearedFinding[]; postConditionsMet: string[]; politicalAttestation: PoliticalAttestation; serviceRecordsChecked: number }
>;
/** Stage (3) passed. */
export type ExamsPassed = DomainEvent<'ExamsPassed', { applicationId: string; scores: ExamScores }>;
/** Stage (4) passed; the report itself is sealed (`reportRef`). */
export type MedicalExaminationPassed = DomainEvent<'MedicalExaminationPassed', { applicationId: string; reportRef: string }>;
/** Stage (5) passed: the inspection (考察) cleared the Art. 23 items again. */
export type InspectionPassed = DomainEvent<'InspectionPassed', { applicationId: string; clearedFindings: ClearedFinding[]; serviceRecordsChecked: number }>;
/** Stage (6) passed: the public notice of the proposed hire ran without an upheld objection. */
export type PublicNoticeCompleted = DomainEvent<'PublicNoticeCompleted', { applicationId: string; noticeFrom: IsoDate; noticeUntil: IsoDate }>;
export type RecruitmentStageFailed = DomainEvent<
  'RecruitmentStageFailed',
  { applicationId: string; stage: Exclude<RecruitmentStage, 1>; reason: StageFailureReason; reasonRef: string | null }
>;
/** Appended by the Hire handler (role `application`), atomically with the hire: the application is used up. */
export type ApplicantHired = DomainEvent<'ApplicantHired', { applicationId: string; auxiliaryId: string }>;

export type RecruitmentApplicationEvent =
  | ApplicationRegistered
  | QualificationReviewPassed
  | ExamsPassed
  | MedicalExaminationPassed
  | InspectionPassed
  | PublicNoticeCompleted
  | RecruitmentStageFailed
  | ApplicantHired;

const v1 = <E extends RecruitmentApplicationEvent>(type: E['type'], data: E['data']): E => ({ type, schemaVersion: 1, data }) as E;
/** Version 2: `targetedOrganId` and `openingOrganIds` always recorded. */
export const applicationRegistered = (data: ApplicationRegistered['data']): ApplicationRegistered => ({ type: 'ApplicationRegistered', schemaVersion: 2, data });
export const qualificationReviewPassed = (data: QualificationReviewPassed['data']) => v1<QualificationReviewPassed>('QualificationReviewPassed', data);
export const examsPassed = (data: ExamsPassed['data']) => v1<ExamsPassed>('ExamsPassed', data);
export const medicalExaminationPassed = (data: MedicalExaminationPassed['data']) => v1<MedicalExaminationPassed>('MedicalExaminationPassed', data);
export const inspectionPassed = (data: InspectionPassed['data']) => v1<InspectionPassed>('InspectionPassed', data);
export const publicNoticeCompleted = (data: PublicNoticeCompleted['data']) => v1<PublicNoticeCompleted>('PublicNoticeCompleted', data);
export const recruitmentStageFailed = (data: RecruitmentStageFailed['data']) => v1<RecruitmentStageFailed>('RecruitmentStageFailed', data);
export const applicantHired = (data: ApplicantHired['data']) => v1<ApplicantHired>('ApplicantHired', data);

/**
 * `ApplicationRegistered` version 1, as stored before version 2: the two
 * organ fields were added to it late, so an event may lack either.
 */
export type ApplicationRegisteredV1 = Omit<ApplicationRegistered['data'], 'targetedOrganId' | 'openingOrganIds'> & {
  targetedOrganId?: string | null;
  openingOrganIds?: string[];
};

/** Older versions read as the newest (ADR 0007): a field version 1 did not record is null, "not recorded". */
export const RECRUITMENT_APPLICATION_UPCASTERS: Upcasters = {
  ApplicationRegistered: {
    1: (data: ApplicationRegisteredV1): ApplicationRegistered['data'] => ({
      ...data,
      targetedOrganId: data.targetedOrganId ?? null,
      openingOrganIds: data.openingOrganIds ?? null,
    }),
  },
};

// ── State ───────────────────────────────────────────────────────────────────

/** The registration as recorded (its announcement is stage (1) of `stages`), and what the stages added. */
interface ApplicationRecord extends Omit<ApplicationRegistered['data'], 'announcedOn'> {
  registeredOn: IsoDate;
  /** Art. 20 stage records, in the order recorded; (1) is the announcement. */
  stages: StageRecord[];
  /** The latest clearance per Art. 23 item. */
  clearedFindings: ClearedFinding[];
  postConditionsMet: string[];
  politicalAttestation: PoliticalAttestation | null;
  scores: ExamScores | null;
}

export interface NoApplication {
  status: 'NONE';
}
/** Registered; stages (2)–(6) under way. */
export interface ApplicationInProgress extends ApplicationRecord {
  status: 'IN_PROGRESS';
}
/** Every stage passed: ready to be hired. */
export interface ApplicationPassed extends ApplicationRecord {
  status: 'PASSED';
}
/** A stage failed: the application has ended (Art. 20). */
export interface ApplicationEnded extends ApplicationRecord {
  status: 'ENDED';
  failure: { stage: RecruitmentStage; reason: StageFailureReason; on: IsoDate };
}
export interface ApplicationHired extends ApplicationRecord {
  status: 'HIRED';
  auxiliaryId: string;
  hiredOn: IsoDate;
}

export type RecruitmentApplicationState = NoApplication | ApplicationInProgress | ApplicationPassed | ApplicationEnded | ApplicationHired;
export type ExistingRecruitmentApplication = Exclude<RecruitmentApplicationState, NoApplication>;

// ── Evolve ──────────────────────────────────────────────────────────────────

const passedOn = (stage: RecruitmentStage, date: IsoDate): StageRecord => ({ stage, outcome: 'PASSED', date });

function clear(current: ClearedFinding[], cleared: ClearedFinding[]): ClearedFinding[] {
  const byItem = new Map(current.map((f) => [f.item, f]));
  for (const f of cleared) byItem.set(f.item, f);
  return [...byItem.values()].sort((a, b) => a.item - b.item);
}

export function evolveRecruitmentApplication(state: RecruitmentApplicationState, { event, effectiveDate }: Envelope<RecruitmentApplicationEvent>): RecruitmentApplicationState {
  if (event.type === 'ApplicationRegistered') {
    if (state.status !== 'NONE') return state;
    const { announcedOn, ...registration } = event.data;
    return {
      status: 'IN_PROGRESS', ...registration,
      registeredOn: effectiveDate, stages: [passedOn(1, announcedOn)], clearedFindings: [], postConditionsMet: [], politicalAttestation: null, scores: null,
    };
  }
  if (event.type === 'ApplicantHired') {
    if (state.status !== 'PASSED') return state;
    return { ...state, status: 'HIRED', auxiliaryId: event.data.auxiliaryId, hiredOn: effectiveDate };
  }
  // Stage results change only an application under way.
  if (state.status !== 'IN_PROGRESS') return state;
  switch (event.type) {
    case 'QualificationReviewPassed': {
      const { clearedFindings, postConditionsMet, politicalAttestation } = event.data;
      return { ...state, stages: [...state.stages, passedOn(2, effectiveDate)], clearedFindings: clear(state.clearedFindings, clearedFindings), postConditionsMet, politicalAttestation };
    }
    case 'ExamsPassed':
      return { ...state, stages: [...state.stages, passedOn(3, effectiveDate)], scores: event.data.scores };
    case 'MedicalExaminationPassed':
      return { ...state, stages: [...state.stages, passedOn(4, effectiveDate)] };
    case 'InspectionPassed':
      return { ...state, stages: [...state.stages, passedOn(5, effectiveDate)], clearedFindings: clear(state.clearedFindings, event.data.clearedFindings) };
    case 'PublicNoticeCompleted':
      return { ...state, status: 'PASSED', stages: [...state.stages, passedOn(6, effectiveDate)] };
    case 'RecruitmentStageFailed': {
      const { stage, reason } = event.data;
      return { ...state, status: 'ENDED', stages: [...state.stages, { stage, outcome: 'FAILED', date: effectiveDate }], failure: { stage, reason, on: effectiveDate } };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const RecruitmentApplication: Aggregate<RecruitmentApplicationState, RecruitmentApplicationEvent> = {
  streamPrefix: 'application',
  initialState: () => ({ status: 'NONE' }),
  evolve: evolveRecruitmentApplication,
  upcasters: RECRUITMENT_APPLICATION_UPCASTERS,
};

export const applicationRef = (applicationId: string): StreamRef<RecruitmentApplicationState> => ({
  aggregate: RecruitmentApplication as Aggregate<RecruitmentApplicationState, never>,
  id: applicationId,
});

// ── What other commands read from an application ───────────────────────────

/** The application facts HIRE_CHECKS reads (RECR-EXAM, RECR-ORDER, ELIG-*, DISQ-* except the service history, ELIG-FIT). */
export type ApplicationHireFacts = Pick<
  FactsFor<typeof HIRE_CHECKS>,
  'application' | 'step' | 'applicant' | 'registration' | 'postConditions' | 'background'
>;

/**
 * What HIRE_CHECKS needs from the application behind a hire. The Hire handler
 * adds the rest: `effectiveDate`, `serviceHistory` (the person's earlier
 * services, read from the person's stream at hire time: DISQ-6), `person`,
 * `usingOrganQuota` (`quotaFacts`), `auxiliary`, `contract`, pay…
 *
 * null: no application under that id (an empty stream) — there are no
 * applicant facts to judge; refuse by RECR-EXAM alone (凡进必考):
 * `judgeInForce(registry, ['RECR-EXAM'], { effectiveDate, application: null })`.
 * An application already used (`status === 'HIRED'`) is the Hire handler's
 * STATE refusal to make (hiring twice with one application).
 */
export function hireFacts(state: RecruitmentApplicationState): ApplicationHireFacts | null {
  if (state.status === 'NONE') return null;
  return {
    application: { id: state.applicationId, stages: state.stages },
    step: { kind: 'HIRE' },
    applicant: { ...state.applicant },
    registration: { date: state.registeredOn },
    postConditions: state.postConditions.map((c) => ({ id: c.id, description: c.description, met: state.postConditionsMet.includes(c.id) })),
    background: { findings: state.clearedFindings.map((f) => ({ item: f.item, found: false, ref: f.ref })) },
  };
}

/**
 * The organ an application may be hired into, if it is not `usingOrganId`:
 * the targeted opening's organ, else one of the organs the plan recruits for.
 * null: the organ fits, or the application predates these fields (no check).
 */
export function applicationOrganMismatch(state: ExistingRecruitmentApplication, usingOrganId: string): { expected: string[] } | null {
  if (state.targetedOrganId !== null) return state.targetedOrganId === usingOrganId ? null : { expected: [state.targetedOrganId] };
  if (state.openingOrganIds !== null && state.openingOrganIds.length > 0 && !state.openingOrganIds.includes(usingOrganId)) return { expected: state.openingOrganIds };
  return null;
}

/** The Art. 20 stage records as RECR-ORDER reads them. */
export const stageFacts = (state: ExistingRecruitmentApplication) => ({ id: state.applicationId, stages: state.stages });
