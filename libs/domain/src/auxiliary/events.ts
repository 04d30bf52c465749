import type {
  AssessmentDimension,
  AuxiliaryCategory,
  ContractClause,
  EquipmentQualification,
  InjuryFacts,
  InsuranceKind,
  IsoDate,
  MisconductCode,
  TerminationReason,
} from '@auxledger/statute';
import type { DomainEvent } from '../kernel';
import type { SealedData } from '../identity/person-identity';

/**
 * The events of one auxiliary's working life (stream `auxiliary-<auxiliaryId>`).
 * Past tense, plain JSON, each with its schema version. They carry the
 * `personKey` (a salted hash of the ID number), outcomes and dates — never the
 * ID number, health results or criminal-record findings themselves (PIPL): the
 * one event that carries medical detail, `InjuryMedicalDetailsRecorded`, is
 * its own type and, since schema version 2, holds it sealed under the person's
 * data key (ADR 0006). A health check keeps only its date
 * and a result category (`HealthCheckRecorded`), never a finding.
 */

export type ContractKind = 'FIXED_TERM' | 'OPEN_ENDED' | 'TASK_BASED';

export interface LabourContract {
  contractId: string;
  kind: ContractKind;
  startDate: IsoDate;
  /** Last day of a fixed term (inclusive); null for open-ended or task-based. */
  endDate: IsoDate | null;
  /** Last day of probation (inclusive); null: no probation. */
  probationLastDay: IsoDate | null;
  clauses: ContractClause[];
}

export interface PayOnLevel {
  /** Locality of the pay standard (盟市 / 旗县), as the deployment names it. */
  locality: string;
  monthlyBaseFen: number;
}

// ── Hiring and probation (Arts. 24, 36 ¶1; 劳动合同法 Art. 19) ────────────────

export type AuxiliaryHired = DomainEvent<'AuxiliaryHired', {
  auxiliaryId: string;
  personKey: string;
  applicationId: string;
  /** 谁使用、谁管理、谁负责 (Art. 34 ¶1): the one using organ. */
  usingOrganId: string;
  category: AuxiliaryCategory;
  contract: LabourContract;
  level: string;
  pay: PayOnLevel;
  hiredOn: IsoDate;
  /** Present only for a service found on record, not hired through it (`RecordExistingService`); its `applicationId` is then ''. */
  migrated?: MigratedService;
}>;

/**
 * A service that began before the record of it (issue 11 item 8): hired before
 * 2024-09-01 (Art. 47) or before the using organ's record began, recorded as
 * found from `recordedFrom` (the effective date of `RecordExistingService`),
 * with the reference of the file it was taken from (档案).
 */
export interface MigratedService {
  recordedFrom: IsoDate;
  sourceRef: string;
}

/** 转正: probation passed; the auxiliary is a regular employee from `completedOn`. */
export type ProbationCompleted = DomainEvent<'ProbationCompleted', { auxiliaryId: string; completedOn: IsoDate }>;

/**
 * 续订劳动合同 (Art. 24; 劳动合同法 Art. 19 ¶2): the new contract with the same using
 * organ follows the one on record without a gap, and agrees no probation.
 * `renewedOn` is the day it was concluded; the contract says when it starts.
 */
export type ContractRenewed = DomainEvent<'ContractRenewed', { auxiliaryId: string; contract: LabourContract; renewedOn: IsoDate }>;

// ── Pay (Arts. 27, 36 ¶1) ──────────────────────────────────────────────────

/** Pay at the same level changed (a new local pay standard, another locality), from `adjustedOn`. */
export type PayAdjusted = DomainEvent<'PayAdjusted', { auxiliaryId: string; pay: PayOnLevel; adjustedOn: IsoDate }>;

// ── Insurance and health checks (Art. 28) ─────────────────────────────────────

export type InsuranceEnrolled = DomainEvent<'InsuranceEnrolled', { auxiliaryId: string; kinds: InsuranceKind[]; enrolledOn: IsoDate; reference: string }>;

/**
 * 健康体检 (Art. 28 ¶3): the check's conclusion as a category only — no finding,
 * no diagnosis (PIPL Art. 28: health data is sensitive). NORMAL: 未见异常;
 * FOLLOW_UP: 建议复查或随访.
 */
export type HealthCheckResult = 'NORMAL' | 'FOLLOW_UP';
export const HEALTH_CHECK_RESULTS: readonly HealthCheckResult[] = ['NORMAL', 'FOLLOW_UP'];

/**
 * Schema version 2 (ADR 0006): the result category sealed under the person's
 * data key (purpose `health`), bound to `personKey`; version 1 (recorded
 * before, or by an in-process caller without a vault) keeps it in clear.
 * Readers take both (`isSealedHealthCheck`); no rule reads the result.
 */
export type HealthCheckRecorded = DomainEvent<'HealthCheckRecorded', { auxiliaryId: string; checkedOn: IsoDate; result: HealthCheckResult } | SealedHealthCheck>;
export interface SealedHealthCheck {
  auxiliaryId: string;
  checkedOn: IsoDate;
  personKey: string;
  sealedResult: SealedData;
}
export const isSealedHealthCheck = (data: HealthCheckRecorded['data']): data is SealedHealthCheck => 'sealedResult' in data;

// ── Training and qualifications (Arts. 35, 16 ¶1) ──────────────────────────

export type TrainingKind = 'PRE_JOB' | 'ANNUAL' | 'SPECIAL';
/** Art. 35 ¶1: 政治教育、法治教育、纪律教育、职业道德教育和保密教育. */
export type TrainingTopic = 'POLITICS' | 'LAW' | 'DISCIPLINE' | 'ETHICS' | 'SECRECY' | 'SKILLS';

export type TrainingRecorded = DomainEvent<'TrainingRecorded', {
  auxiliaryId: string;
  trainingId: string;
  kind: TrainingKind;
  /** For annual training: the calendar year it counts for. */
  year: number | null;
  topics: TrainingTopic[];
  completedOn: IsoDate;
  outcome: 'PASSED' | 'FAILED';
}>;

export type QualificationRecorded = DomainEvent<'QualificationRecorded', {
  auxiliaryId: string;
  qualificationId: string;
  kind: EquipmentQualification;
  validFrom: IsoDate;
  validUntil: IsoDate | null;
  reference: string;
}>;

// ── Credentials (Art. 37) ──────────────────────────────────────────────────

export type CredentialKind = 'WORK_ID' | 'UNIFORM' | 'INSIGNIA';

export type CredentialIssued = DomainEvent<'CredentialIssued', { auxiliaryId: string; kind: CredentialKind; serial: string; issuedOn: IsoDate }>;
export type CredentialRecovered = DomainEvent<'CredentialRecovered', { auxiliaryId: string; serial: string; recoveredOn: IsoDate }>;

// ── Duties (Arts. 10–16, 39) ───────────────────────────────────────────────

export interface IssuedEquipment {
  kind: 'WEAPON' | 'POLICE_GEAR' | 'PROTECTIVE' | 'OTHER';
  serial: string;
}

export type DutyAssigned = DomainEvent<'DutyAssigned', {
  auxiliaryId: string;
  assignmentId: string;
  dutyCodes: string[];
  /** The national rule behind a 其他工作 item, if any. */
  nationalBasis: string | null;
  /** 人民警察带领 (Art. 10, 13 ¶3). */
  leadingOfficerIds: string[];
  /** The case or matter the assignment concerns (for recusal, Art. 39); null: none. */
  matterId: string | null;
  equipmentIssued: IssuedEquipment[];
  from: IsoDate;
}>;

export type DutyEndReason = 'COMPLETED' | 'REASSIGNED' | 'RECUSAL' | 'SUSPENDED' | 'TERMINATED';
export type DutyEnded = DomainEvent<'DutyEnded', { auxiliaryId: string; assignmentId: string; endedOn: IsoDate; reason: DutyEndReason }>;

// ── Assessment, levels, commendation, discipline (Arts. 9, 34, 36, 42) ────────

export type AssessmentRecorded = DomainEvent<'AssessmentRecorded', {
  auxiliaryId: string;
  assessmentId: string;
  /** The period assessed, e.g. '2025' or '2025-H1'. */
  period: string;
  dimensions: AssessmentDimension[];
  grade: string;
  assessedOn: IsoDate;
}>;

export type AuxiliaryPromoted = DomainEvent<'AuxiliaryPromoted', {
  auxiliaryId: string;
  route: 'ASSESSMENT' | 'SELECTION';
  fromLevel: string;
  toLevel: string;
  /** The latest assessment the promotion rested on (LEVEL-PROMOTE refuses a promotion without one). */
  assessmentId: string | null;
  selectionRef: string | null;
  pay: PayOnLevel;
  promotedOn: IsoDate;
}>;

export type AuxiliaryDemoted = DomainEvent<'AuxiliaryDemoted', {
  auxiliaryId: string;
  fromLevel: string;
  toLevel: string;
  basis: { kind: 'ASSESSMENT' | 'DISCIPLINE'; ref: string };
  pay: PayOnLevel;
  demotedOn: IsoDate;
}>;

export type AuxiliaryCommended = DomainEvent<'AuxiliaryCommended', {
  auxiliaryId: string;
  commendationId: string;
  title: string;
  grantingAuthority: string;
  awardedOn: IsoDate;
}>;

export type DisciplineDecided = DomainEvent<'DisciplineDecided', {
  auxiliaryId: string;
  disciplineId: string;
  misconduct: MisconductCode;
  description: string;
  sanction: string;
  decidingOrganId: string;
  effectiveFrom: IsoDate;
  effectiveUntil: IsoDate | null;
}>;

// ── Suspension (status only; no article names it, DUTY-ACTIVE reads it) ───────

export type AuxiliarySuspended = DomainEvent<'AuxiliarySuspended', { auxiliaryId: string; decisionRef: string; reason: string; suspendedOn: IsoDate }>;
export type AuxiliaryReinstated = DomainEvent<'AuxiliaryReinstated', { auxiliaryId: string; decisionRef: string; reinstatedOn: IsoDate }>;

// ── Complaints (Art. 38) ───────────────────────────────────────────────────

export type ComplaintReceived = DomainEvent<'ComplaintReceived', {
  auxiliaryId: string;
  complaintId: string;
  channel: 'REPORT' | 'COMPLAINT';
  receivingOrganId: string;
  receivedOn: IsoDate;
}>;

export type ComplaintHandled = DomainEvent<'ComplaintHandled', {
  auxiliaryId: string;
  complaintId: string;
  investigatedOn: IsoDate;
  decidedOn: IsoDate;
  finding: 'SUBSTANTIATED' | 'PARTLY_SUBSTANTIATED' | 'UNSUBSTANTIATED';
  /** A disciplinary decision that followed, if any. */
  disciplineId: string | null;
}>;

export type ComplainantTold = DomainEvent<'ComplainantTold', { auxiliaryId: string; complaintId: string; toldOn: IsoDate; means: string }>;

// ── Recusal (Art. 39) ──────────────────────────────────────────────────────

export type RecusalDecided = DomainEvent<'RecusalDecided', {
  auxiliaryId: string;
  recusalId: string;
  matterId: string;
  initiatedBy: 'AUXILIARY' | 'PARTY' | 'LEGAL_REPRESENTATIVE';
  decidingOrganId: string;
  granted: boolean;
  decidedOn: IsoDate;
}>;

// ── Injury (Art. 32) ───────────────────────────────────────────────────────

export type InjuryRecorded = DomainEvent<'InjuryRecorded', {
  auxiliaryId: string;
  injuryId: string;
  kind: InjuryFacts['injury']['kind'];
  legalBasis: NonNullable<InjuryFacts['injury']['legalBasis']>;
  occurredOn: IsoDate;
  /** The determination (工伤认定, 烈士评定 …) by reference, not its content. */
  determinationRef: string;
}>;

/**
 * Health data (PIPL Art. 28 敏感个人信息): its own event type, so that views can
 * mask it. Schema version 2 (ADR 0006): `sealed` — the details sealed under the
 * person's data key (purpose `medical`, bound to `personKey`), so that shredding
 * the key makes them unreadable while the chain still verifies. Version 1
 * events, recorded before sealing, carry `medicalDetails` in clear; readers
 * take both (`isSealedMedicalDetails`) and never show the clear text.
 */
export type InjuryMedicalDetailsRecorded = DomainEvent<'InjuryMedicalDetailsRecorded', SealedMedicalDetails | { auxiliaryId: string; injuryId: string; medicalDetails: string }>;
export interface SealedMedicalDetails {
  auxiliaryId: string;
  injuryId: string;
  personKey: string;
  sealed: SealedData;
}
/** A version 2 `InjuryMedicalDetailsRecorded`: sealed; false for a version 1 event in clear. */
export const isSealedMedicalDetails = (data: InjuryMedicalDetailsRecorded['data']): data is SealedMedicalDetails => 'sealed' in data;

// ── Compensation (Art. 42 ¶2–3) ────────────────────────────────────────────

export type CompensationPaid = DomainEvent<'CompensationPaid', {
  auxiliaryId: string;
  compensationId: string;
  paidByOrganId: string;
  paidFen: number;
  claimRef: string;
  paidOn: IsoDate;
}>;

export type CompensationRecoveryOrdered = DomainEvent<'CompensationRecoveryOrdered', {
  auxiliaryId: string;
  compensationId: string;
  fromAuxiliaryFen: number;
  fault: 'INTENT' | 'GROSS_NEGLIGENCE';
  findingRef: string;
  orderedOn: IsoDate;
}>;

/** The recovery question of Art. 42 ¶3 closed (`SettleCompensation`): the recovery borne, or none owed. */
export type CompensationSettled = DomainEvent<'CompensationSettled', {
  auxiliaryId: string;
  compensationId: string;
  settlement: 'RECOVERY_BORNE' | 'NO_RECOVERY';
  settlementRef: string;
  /** The sum ordered from the auxiliary when settled (fen). */
  recoveredFen: number;
  settledOn: IsoDate;
}>;

// ── Termination (Art. 40, 37 ¶3) ───────────────────────────────────────────

export type AuxiliaryTerminated = DomainEvent<'AuxiliaryTerminated', {
  auxiliaryId: string;
  personKey: string;
  contractId: string;
  usingOrganId: string;
  reason: TerminationReason;
  ground: { kind: 'LAW' | 'CONTRACT'; ref: string };
  departedOn: IsoDate;
  /** Art. 37 ¶3: what must now be recovered (serials not yet recovered). */
  credentialsToRecover: string[];
}>;

// ── Correcting a retroactive conflict (issue 11 item 6; Art. 6 ¶1 管理监督) ──────

/**
 * An organ corrects a posting or promotion that a record entered after it,
 * effective before it, made unlawful (a RETROACTIVE_CONFLICT): the earlier
 * record is revoked — a posting still open ends, a promotion's level and pay
 * go back to what they were before it (unless a later change replaced them).
 * The log keeps both records and this one; the finding clears from its date.
 */
export type RetroactiveConflictCorrected = DomainEvent<'RetroactiveConflictCorrected', {
  auxiliaryId: string;
  /** The corrected event: its index among the record's events (the hire 0), its type and effective date. */
  eventIndex: number;
  eventType: 'DutyAssigned' | 'AuxiliaryPromoted';
  eventEffectiveDate: IsoDate;
  /** The rules the conflict named. */
  ruleIds: string[];
  /** The organ's decision (文号). */
  decisionRef: string;
  correctedOn: IsoDate;
  revoked:
    | { kind: 'POSTING'; assignmentId: string; /** Whether the posting was still open (it then ends). */ wasOpen: boolean }
    | { kind: 'PROMOTION'; /** The level and pay restored, or null when a later change already replaced the promotion's. */ restored: { level: { code: string; since: IsoDate }; pay: PayOnLevel; paySince: IsoDate } | null };
}>;

export type AuxiliaryEvent =
  | AuxiliaryHired
  | ProbationCompleted
  | ContractRenewed
  | PayAdjusted
  | InsuranceEnrolled
  | HealthCheckRecorded
  | TrainingRecorded
  | QualificationRecorded
  | CredentialIssued
  | CredentialRecovered
  | DutyAssigned
  | DutyEnded
  | AssessmentRecorded
  | AuxiliaryPromoted
  | AuxiliaryDemoted
  | AuxiliaryCommended
  | DisciplineDecided
  | AuxiliarySuspended
  | AuxiliaryReinstated
  | ComplaintReceived
  | ComplaintHandled
  | ComplainantTold
  | RecusalDecided
  | InjuryRecorded
  | InjuryMedicalDetailsRecorded
  | CompensationPaid
  | CompensationRecoveryOrdered
  | CompensationSettled
  | AuxiliaryTerminated
  | RetroactiveConflictCorrected;

export type AuxiliaryEventType = AuxiliaryEvent['type'];

/** Builds an event of this module at schema version 1. */
export function auxiliaryEvent<T extends AuxiliaryEventType>(type: T, data: Extract<AuxiliaryEvent, { type: T }>['data']): Extract<AuxiliaryEvent, { type: T }> {
  return { type, schemaVersion: 1, data } as Extract<AuxiliaryEvent, { type: T }>;
}
