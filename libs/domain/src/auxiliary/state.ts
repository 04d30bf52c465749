import type { AuxiliaryCategory, AuxiliaryStatus, EquipmentQualification, HealthCheckFacts, InsuranceKind, IsoDate, TerminationReason } from '@auxledger/statute';
import type { Aggregate, Envelope } from '../kernel';
import type { AuxiliaryEvent, CredentialKind, LabourContract, MigratedService, PayOnLevel } from './events';

/**
 * One auxiliary's record as folded from their stream. A union keyed by status:
 * NOT_HIRED (empty stream) → ON_PROBATION (试用期) or ACTIVE → SUSPENDED ⇄ back
 * → DEPARTED. Only ON_PROBATION and ACTIVE hold duty assignments: suspension
 * and termination end them.
 */

export interface Assignment {
  assignmentId: string;
  dutyCodes: string[];
  matterId: string | null;
  leadingOfficerIds: string[];
  from: IsoDate;
}

export interface Credential {
  kind: CredentialKind;
  serial: string;
  issuedOn: IsoDate;
  recoveredOn: IsoDate | null;
}

export interface Complaint {
  complaintId: string;
  receivedOn: IsoDate;
  investigatedOn: IsoDate | null;
  decidedOn: IsoDate | null;
  complainantToldOn: IsoDate | null;
}

export interface Compensation {
  compensationId: string;
  paidByOrganId: string;
  paidFen: number;
  /** Sum of recovery orders against the auxiliary so far (Art. 42 ¶3). */
  recoveredFen: number;
  /** Art. 42 ¶3 closed (`CompensationSettled`); absent or null: open. */
  settledOn?: IsoDate | null;
}

/** What every hired auxiliary's record holds, whatever the status (kept after departure: credentials to recover, complaints, compensation). */
export interface ServiceRecord {
  auxiliaryId: string;
  personKey: string;
  applicationId: string;
  usingOrganId: string;
  category: AuxiliaryCategory;
  /** The contract in force: the one of the hire, or of the latest renewal (续订). */
  contract: LabourContract;
  /** Contracts renewed away, oldest first (Art. 24: the record of every contract). */
  previousContracts: LabourContract[];
  hiredOn: IsoDate;
  /** A service found on record, not hired through it (`RecordExistingService`, issue 11 item 8); absent or null for a hire. */
  migrated?: MigratedService | null;
  /** 层级 and the day it was reached (Art. 36 ¶1). */
  level: { code: string; since: IsoDate };
  pay: PayOnLevel;
  /** The day the pay on record took effect (hire, level change or adjustment). */
  paySince: IsoDate;
  insurance: InsuranceKind[];
  /** 健康体检 (Art. 28 ¶3): the latest check on record; null: none yet (HEALTH-CHECK counts from the hire). */
  lastHealthCheckOn: IsoDate | null;
  training: {
    /** 岗前培训合格 (Art. 35 ¶2): the earliest passed pre-job training; null: none yet. */
    preJobPassedOn: IsoDate | null;
    annualYears: number[];
    trainingIds: string[];
  };
  qualifications: { qualificationId: string; kind: EquipmentQualification; validFrom: IsoDate; validUntil: IsoDate | null }[];
  credentials: Credential[];
  assessments: { assessmentId: string; period: string; grade: string; assessedOn: IsoDate }[];
  sanctions: { disciplineId: string; sanction: string; effectiveFrom: IsoDate; effectiveUntil: IsoDate | null }[];
  commendationIds: string[];
  recusals: { recusalId: string; matterId: string; granted: boolean }[];
  complaints: Complaint[];
  injuryIds: string[];
  compensations: Compensation[];
  /**
   * Every event folded into this record, with its effective date, in the order
   * recorded (the hire first): what the record as it stood on an earlier date
   * is folded from (`asOf`).
   */
  events: readonly DatedEvent[];
}

/** An event of the auxiliary's stream with the date it took effect. */
export interface DatedEvent {
  readonly effectiveDate: IsoDate;
  readonly event: AuxiliaryEvent;
}

export interface NotHired {
  status: 'NOT_HIRED';
}

export interface OnProbation {
  status: 'ON_PROBATION';
  service: ServiceRecord;
  assignments: Assignment[];
}

export interface Active {
  status: 'ACTIVE';
  service: ServiceRecord;
  assignments: Assignment[];
}

export interface Suspended {
  status: 'SUSPENDED';
  service: ServiceRecord;
  suspendedOn: IsoDate;
  decisionRef: string;
  /** The status reinstatement returns to. */
  resumesAs: 'ON_PROBATION' | 'ACTIVE';
}

export interface Departed {
  status: 'DEPARTED';
  service: ServiceRecord;
  departedOn: IsoDate;
  reason: TerminationReason;
}

export type AuxiliaryState = NotHired | OnProbation | Active | Suspended | Departed;
/** Hired and not departed: the auxiliary is in service. */
export type InService = OnProbation | Active | Suspended;
/** Ever hired. */
export type Hired = InService | Departed;
/** May hold duties. */
export type Working = OnProbation | Active;

export const isHired = (s: AuxiliaryState): s is Hired => s.status !== 'NOT_HIRED';
export const isInService = (s: AuxiliaryState): s is InService => s.status === 'ON_PROBATION' || s.status === 'ACTIVE' || s.status === 'SUSPENDED';
export const isWorking = (s: AuxiliaryState): s is Working => s.status === 'ON_PROBATION' || s.status === 'ACTIVE';

/** The status in the statute's words: a probationer is an employed, ACTIVE auxiliary (DUTY-ACTIVE). */
export function statuteStatus(s: AuxiliaryState): AuxiliaryStatus {
  switch (s.status) {
    case 'NOT_HIRED':
      return 'APPLICANT';
    case 'ON_PROBATION':
    case 'ACTIVE':
      return 'ACTIVE';
    case 'SUSPENDED':
      return 'SUSPENDED';
    case 'DEPARTED':
      return 'DEPARTED';
    default: {
      const _exhaustive: never = s;
      return _exhaustive;
    }
  }
}

export const openAssignments = (s: AuxiliaryState): Assignment[] => (isWorking(s) ? s.assignments : []);

type AssessmentOnRecord = ServiceRecord['assessments'][number];

/** The latest assessment on or before a date (the one a promotion rests on). */
export function latestAssessmentOn(r: ServiceRecord, on: IsoDate): AssessmentOnRecord | null {
  return r.assessments
    .filter((a) => a.assessedOn <= on)
    .reduce<AssessmentOnRecord | null>((latest, a) => (latest === null || a.assessedOn >= latest.assessedOn ? a : latest), null);
}

/** HEALTH-CHECK (Art. 28 ¶3, a supervision finding): the facts a supervision view judges as of a date. */
export function healthCheckFacts(r: ServiceRecord): HealthCheckFacts {
  return { employment: { hiredOn: r.hiredOn }, health: { lastCheckOn: r.lastHealthCheckOn } };
}

// ── evolve ───────────────────────────────────────────────────────────────────

/** Applies a change to the service record, whatever the status (a no-op before hiring). */
function updateRecord(s: AuxiliaryState, change: (r: ServiceRecord) => Partial<ServiceRecord>): AuxiliaryState {
  return isHired(s) ? { ...s, service: { ...s.service, ...change(s.service) } } : s;
}

function updateComplaint(r: ServiceRecord, complaintId: string, change: Partial<Complaint>): Partial<ServiceRecord> {
  return { complaints: r.complaints.map((c) => (c.complaintId === complaintId ? { ...c, ...change } : c)) };
}

/**
 * Folds one event: its change, the event kept with its date in the record, and
 * the calendar — a probation whose last day lies before the event's date is
 * over (Art. 24; 劳动合同法 Art. 19), whether or not a 转正 was recorded.
 */
export function evolveAuxiliary(state: AuxiliaryState, envelope: Envelope<AuxiliaryEvent>): AuxiliaryState {
  const next = applyEvent(state, envelope.event);
  if (!isHired(next)) return next;
  const dated: DatedEvent = { effectiveDate: envelope.effectiveDate, event: envelope.event };
  return probationByCalendar({ ...next, service: { ...next.service, events: [...next.service.events, dated] } }, envelope.effectiveDate);
}

/** The probation agreed in the contract in force ends after its last day (Art. 24; 劳动合同法 Art. 19): from the day after, the auxiliary is ACTIVE. */
export function probationByCalendar(state: AuxiliaryState, date: IsoDate): AuxiliaryState {
  const lastDay = isHired(state) ? state.service.contract.probationLastDay : null;
  if (lastDay === null || date <= lastDay) return state;
  if (state.status === 'ON_PROBATION') return { ...state, status: 'ACTIVE' };
  if (state.status === 'SUSPENDED' && state.resumesAs === 'ON_PROBATION') return { ...state, resumesAs: 'ACTIVE' };
  return state;
}

/**
 * The record as it stood on a date: the fold of the events effective on or
 * before it, in the order recorded, and the calendar of that day (a probation
 * over by then is over). Every fact a rule reads is taken from it, so a
 * command dated back is judged by what was in force on its date, never by an
 * event that took effect after it. Before the hire it is NOT_HIRED.
 */
export function asOf(state: AuxiliaryState, date: IsoDate): AuxiliaryState {
  if (!isHired(state)) return state;
  const { events } = state.service;
  if (events.every((e) => e.effectiveDate <= date)) return probationByCalendar(state, date);
  let folded: AuxiliaryState = { status: 'NOT_HIRED' };
  for (const e of events) {
    if (e.effectiveDate <= date) folded = evolveAuxiliary(folded, { event: e.event, effectiveDate: e.effectiveDate, recordedAt: '', commandId: '', actorId: '' });
  }
  return probationByCalendar(folded, date);
}

/** A 转正 is on record (ProbationCompleted), whatever its date. */
export const probationCompletionRecorded = (r: ServiceRecord): boolean => r.events.some((e) => e.event.type === 'ProbationCompleted');

function applyEvent(state: AuxiliaryState, event: AuxiliaryEvent): AuxiliaryState {
  switch (event.type) {
    case 'AuxiliaryHired': {
      if (state.status !== 'NOT_HIRED') return state;
      const d = event.data;
      const service: ServiceRecord = {
        auxiliaryId: d.auxiliaryId,
        personKey: d.personKey,
        applicationId: d.applicationId,
        usingOrganId: d.usingOrganId,
        category: d.category,
        contract: d.contract,
        previousContracts: [],
        hiredOn: d.hiredOn,
        ...(d.migrated ? { migrated: d.migrated } : {}),
        level: { code: d.level, since: d.hiredOn },
        pay: d.pay,
        paySince: d.hiredOn,
        insurance: [],
        lastHealthCheckOn: null,
        training: { preJobPassedOn: null, annualYears: [], trainingIds: [] },
        qualifications: [],
        credentials: [],
        assessments: [],
        sanctions: [],
        commendationIds: [],
        recusals: [],
        complaints: [],
        injuryIds: [],
        compensations: [],
        events: [],
      };
      return { status: d.contract.probationLastDay === null ? 'ACTIVE' : 'ON_PROBATION', service, assignments: [] };
    }
    case 'ProbationCompleted':
      if (state.status === 'ON_PROBATION') return { ...state, status: 'ACTIVE' };
      if (state.status === 'SUSPENDED') return { ...state, resumesAs: 'ACTIVE' };
      return state;
    case 'ContractRenewed':
      return updateRecord(state, (r) => ({ contract: event.data.contract, previousContracts: [...r.previousContracts, r.contract] }));
    case 'PayAdjusted':
      return updateRecord(state, () => ({ pay: event.data.pay, paySince: event.data.adjustedOn }));
    case 'HealthCheckRecorded': {
      const { checkedOn } = event.data;
      // A check recorded late does not move the latest one back.
      return updateRecord(state, (r) => ({ lastHealthCheckOn: r.lastHealthCheckOn === null || checkedOn > r.lastHealthCheckOn ? checkedOn : r.lastHealthCheckOn }));
    }
    case 'InsuranceEnrolled':
      return updateRecord(state, (r) => ({ insurance: [...r.insurance, ...event.data.kinds.filter((k) => !r.insurance.includes(k))] }));
    case 'TrainingRecorded': {
      const d = event.data;
      return updateRecord(state, (r) => ({
        training: {
          preJobPassedOn:
            d.kind === 'PRE_JOB' && d.outcome === 'PASSED' && (r.training.preJobPassedOn === null || d.completedOn < r.training.preJobPassedOn)
              ? d.completedOn
              : r.training.preJobPassedOn,
          annualYears:
            d.kind === 'ANNUAL' && d.outcome === 'PASSED' && d.year !== null && !r.training.annualYears.includes(d.year)
              ? [...r.training.annualYears, d.year]
              : r.training.annualYears,
          trainingIds: [...r.training.trainingIds, d.trainingId],
        },
      }));
    }
    case 'QualificationRecorded': {
      const { qualificationId, kind, validFrom, validUntil } = event.data;
      return updateRecord(state, (r) => ({ qualifications: [...r.qualifications, { qualificationId, kind, validFrom, validUntil }] }));
    }
    case 'CredentialIssued': {
      const { kind, serial, issuedOn } = event.data;
      return updateRecord(state, (r) => ({ credentials: [...r.credentials, { kind, serial, issuedOn, recoveredOn: null }] }));
    }
    case 'CredentialRecovered': {
      const { serial, recoveredOn } = event.data;
      return updateRecord(state, (r) => ({ credentials: r.credentials.map((c) => (c.serial === serial && c.recoveredOn === null ? { ...c, recoveredOn } : c)) }));
    }
    case 'DutyAssigned': {
      if (!isWorking(state)) return state;
      const { assignmentId, dutyCodes, matterId, leadingOfficerIds, from } = event.data;
      return { ...state, assignments: [...state.assignments, { assignmentId, dutyCodes, matterId, leadingOfficerIds, from }] };
    }
    case 'DutyEnded':
      if (!isWorking(state)) return state;
      return { ...state, assignments: state.assignments.filter((a) => a.assignmentId !== event.data.assignmentId) };
    case 'AssessmentRecorded': {
      const { assessmentId, period, grade, assessedOn } = event.data;
      return updateRecord(state, (r) => ({ assessments: [...r.assessments, { assessmentId, period, grade, assessedOn }] }));
    }
    case 'AuxiliaryPromoted':
      return updateRecord(state, () => ({ level: { code: event.data.toLevel, since: event.data.promotedOn }, pay: event.data.pay, paySince: event.data.promotedOn }));
    case 'AuxiliaryDemoted':
      return updateRecord(state, () => ({ level: { code: event.data.toLevel, since: event.data.demotedOn }, pay: event.data.pay, paySince: event.data.demotedOn }));
    case 'AuxiliaryCommended':
      return updateRecord(state, (r) => ({ commendationIds: [...r.commendationIds, event.data.commendationId] }));
    case 'DisciplineDecided': {
      const { disciplineId, sanction, effectiveFrom, effectiveUntil } = event.data;
      return updateRecord(state, (r) => ({ sanctions: [...r.sanctions, { disciplineId, sanction, effectiveFrom, effectiveUntil }] }));
    }
    case 'AuxiliarySuspended':
      if (!isWorking(state)) return state;
      return { status: 'SUSPENDED', service: state.service, suspendedOn: event.data.suspendedOn, decisionRef: event.data.decisionRef, resumesAs: state.status };
    case 'AuxiliaryReinstated':
      if (state.status !== 'SUSPENDED') return state;
      return { status: state.resumesAs, service: state.service, assignments: [] };
    case 'ComplaintReceived':
      return updateRecord(state, (r) => ({
        complaints: [...r.complaints, { complaintId: event.data.complaintId, receivedOn: event.data.receivedOn, investigatedOn: null, decidedOn: null, complainantToldOn: null }],
      }));
    case 'ComplaintHandled':
      return updateRecord(state, (r) => updateComplaint(r, event.data.complaintId, { investigatedOn: event.data.investigatedOn, decidedOn: event.data.decidedOn }));
    case 'ComplainantTold':
      return updateRecord(state, (r) => updateComplaint(r, event.data.complaintId, { complainantToldOn: event.data.toldOn }));
    case 'RecusalDecided': {
      const { recusalId, matterId, granted } = event.data;
      return updateRecord(state, (r) => ({ recusals: [...r.recusals, { recusalId, matterId, granted }] }));
    }
    case 'InjuryRecorded':
      return updateRecord(state, (r) => ({ injuryIds: [...r.injuryIds, event.data.injuryId] }));
    case 'InjuryMedicalDetailsRecorded':
      return state;
    case 'CompensationPaid': {
      const { compensationId, paidByOrganId, paidFen } = event.data;
      return updateRecord(state, (r) => ({ compensations: [...r.compensations, { compensationId, paidByOrganId, paidFen, recoveredFen: 0 }] }));
    }
    case 'CompensationRecoveryOrdered': {
      const { compensationId, fromAuxiliaryFen } = event.data;
      return updateRecord(state, (r) => ({
        compensations: r.compensations.map((c) => (c.compensationId === compensationId ? { ...c, recoveredFen: c.recoveredFen + fromAuxiliaryFen } : c)),
      }));
    }
    case 'CompensationSettled': {
      const { compensationId, settledOn } = event.data;
      return updateRecord(state, (r) => ({ compensations: r.compensations.map((c) => (c.compensationId === compensationId ? { ...c, settledOn } : c)) }));
    }
    case 'RetroactiveConflictCorrected': {
      const { revoked } = event.data;
      if (revoked.kind === 'POSTING') return isWorking(state) ? { ...state, assignments: state.assignments.filter((a) => a.assignmentId !== revoked.assignmentId) } : state;
      const { restored } = revoked;
      return restored ? updateRecord(state, () => ({ level: restored.level, pay: restored.pay, paySince: restored.paySince })) : state;
    }
    case 'AuxiliaryTerminated':
      if (!isInService(state)) return state;
      return { status: 'DEPARTED', service: state.service, departedOn: event.data.departedOn, reason: event.data.reason };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const Auxiliary: Aggregate<AuxiliaryState, AuxiliaryEvent> = {
  streamPrefix: 'auxiliary',
  initialState: () => ({ status: 'NOT_HIRED' }),
  evolve: evolveAuxiliary,
};

export const toAuxiliaryStreamId = (auxiliaryId: string): string => `${Auxiliary.streamPrefix}-${auxiliaryId}`;
