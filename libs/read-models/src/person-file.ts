import { type AuxiliaryEvent, type AuxiliaryState, type HealthCheckResult, type ServiceRecord, Auxiliary, isWorking } from '@auxledger/domain';
import type { RecordedEvent } from '@auxledger/event-store';
import type { Bilingual } from '@auxledger/statute';
import { type ReadModelStore, type VersionedRow, defineLog, defineTemporal } from '@auxledger/projection-engine';
import { todayUtc, withStatusOn } from './common';
import { evolveCompacted, serviceWithLists } from './service-record';
import { auxiliaryEntity } from './roster';

/**
 * The person file (档案) of one auxiliary: their record over time (temporal
 * `person_file`, the domain's fold of the auxiliary stream, like the roster
 * but whole) and their timeline (log `person_timeline`: every event of the
 * auxiliary's stream, with who recorded it, when, its effective date and a
 * short bilingual summary).
 *
 * PIPL: no row holds an ID number (streams carry only the salted `personKey`),
 * medical details (`InjuryMedicalDetailsRecorded` is summarised as "recorded,
 * not shown"), background findings (they live in application streams, which
 * these models do not read), or the free text of a disciplinary decision or
 * suspension reason. Dates, codes, references and outcomes only.
 */

export type PersonFileRow = {
  auxiliary_id: string;
  person_key: string;
  application_id: string;
  using_organ_id: string;
  category: string;
  status: string;
  level: string;
  level_since: string;
  pay_locality: string;
  pay_monthly_base_fen: number;
  /** The day the pay on record took effect (hire, level change or adjustment). */
  pay_since: string;
  hired_on: string;
  /** A service found on record, not hired through it (RecordExistingService, issue 11 item 8): the day its record began, and the file it was taken from; null for a hire. */
  migrated_from: string | null;
  migration_source_ref: string | null;
  contract_id: string;
  contract_kind: string;
  contract_start_date: string;
  contract_end_date: string | null;
  probation_last_day: string | null;
  /** Contracts renewed away (续订): 0 while the hire's contract is in force. */
  contract_renewals: number;
  insurance: string[];
  /** 健康体检 (Art. 28 ¶3): the latest check on record and its result category (never a finding). */
  last_health_check_on: string | null;
  last_health_check_result: HealthCheckResult | null;
  pre_job_training_on: string | null;
  annual_training_years: number[];
  trainings: number;
  qualifications: Array<{ qualificationId: string; kind: string; validFrom: string; validUntil: string | null }>;
  /** Credentials issued, ever. */
  credentials_issued: number;
  /** Credentials not recovered by the version's start (a recovered one is in the timeline). */
  credentials: Array<{ kind: string; serial: string; issuedOn: string; recoveredOn: string | null }>;
  /** Assessments on record, and the latest by date (every one is in the timeline). */
  assessment_count: number;
  last_assessment: { assessmentId: string; period: string; grade: string; assessedOn: string } | null;
  last_assessed_on: string | null;
  sanctions: Array<{ disciplineId: string; sanction: string; effectiveFrom: string; effectiveUntil: string | null }>;
  commendations: number;
  recusals: Array<{ recusalId: string; matterId: string; granted: boolean }>;
  complaints: Array<{ complaintId: string; receivedOn: string; investigatedOn: string | null; decidedOn: string | null; complainantToldOn: string | null }>;
  injuries: number;
  compensation_paid_fen: number;
  compensation_recovered_fen: number;
  assignments: Array<{ assignmentId: string; dutyCodes: string[]; leadingOfficerIds: string[]; matterId: string | null; from: string }>;
  suspended_on: string | null;
  departed_on: string | null;
  departure_reason: string | null;
};

/**
 * The person file's state: the domain's fold of the auxiliary stream, kept
 * small — what only grows (training, commendation and injury ids, assessments,
 * recovered credentials, contracts renewed away, a contract's clauses) is
 * folded into counters and the latest item, so a version costs the same late
 * in a career as early (the timeline keeps every event). Beside it, the
 * result category of the latest health check (the domain keeps its date only).
 */
export interface PersonFileState {
  /** The domain's state, its growing lists emptied after each event (`compactService`). */
  auxiliary: AuxiliaryState;
  /** `result` null: sealed under the person's key (ADR 0006), not kept here. */
  lastHealthCheck: { checkedOn: string; result: HealthCheckResult | null } | null;
  trainings: number;
  commendations: number;
  injuries: number;
  renewals: number;
  credentialsIssued: number;
  assessments: number;
  lastAssessment: Assessment | null;
}

type Assessment = ServiceRecord['assessments'][number];

export const initialPersonFileState = (): PersonFileState => ({
  auxiliary: Auxiliary.initialState(),
  lastHealthCheck: null,
  trainings: 0,
  commendations: 0,
  injuries: 0,
  renewals: 0,
  credentialsIssued: 0,
  assessments: 0,
  lastAssessment: null,
});

/**
 * The service record without what no row reads and no later event needs:
 * ids kept only to be counted, assessments (the latest is kept beside),
 * credentials recovered on or before `on` (as of any date from `on`, a
 * recovered credential is no finding), renewed-away contracts and clauses.
 */
export function compactService(r: ServiceRecord, on: string): ServiceRecord {
  return serviceWithLists(r, {
    contract: r.contract.clauses.length === 0 ? r.contract : { ...r.contract, clauses: [] },
    previousContracts: [],
    insurance: r.insurance,
    training: r.training.trainingIds.length === 0 ? r.training : { preJobPassedOn: r.training.preJobPassedOn, annualYears: r.training.annualYears, trainingIds: [] },
    qualifications: r.qualifications,
    credentials: r.credentials.some((c) => c.recoveredOn !== null && c.recoveredOn <= on) ? r.credentials.filter((c) => c.recoveredOn === null || c.recoveredOn > on) : r.credentials,
    assessments: [],
    sanctions: r.sanctions,
    commendationIds: [],
    recusals: r.recusals,
    complaints: r.complaints,
    injuryIds: [],
    compensations: r.compensations,
    events: [],
  });
}

export function evolvePersonFileState(state: PersonFileState, event: RecordedEvent): PersonFileState {
  const auxiliary = evolveCompacted(state.auxiliary, event, compactService);
  if (auxiliary === state.auxiliary) return state;
  const next: PersonFileState = {
    auxiliary,
    lastHealthCheck: state.lastHealthCheck,
    trainings: state.trainings,
    commendations: state.commendations,
    injuries: state.injuries,
    renewals: state.renewals,
    credentialsIssued: state.credentialsIssued,
    assessments: state.assessments,
    lastAssessment: state.lastAssessment,
  };
  if (auxiliary.status === 'NOT_HIRED') return next;
  // The domain applies each of these to any hired record (its evolve ran: the state is hired).
  switch (event.type) {
    case 'HealthCheckRecorded': {
      // Sealed (schema version 2, ADR 0006): the date only; the category is read on a recorded disclosure.
      const data = event.data as { checkedOn: string; result?: HealthCheckResult };
      const checkedOn = data.checkedOn;
      const result = data.result ?? null;
      // As the domain: a check recorded late does not move the latest one back.
      if (state.lastHealthCheck === null || checkedOn > state.lastHealthCheck.checkedOn) next.lastHealthCheck = { checkedOn, result };
      break;
    }
    case 'TrainingRecorded':
      next.trainings++;
      break;
    case 'AuxiliaryCommended':
      next.commendations++;
      break;
    case 'InjuryRecorded':
      next.injuries++;
      break;
    case 'ContractRenewed':
      next.renewals++;
      break;
    case 'CredentialIssued':
      next.credentialsIssued++;
      break;
    case 'AssessmentRecorded': {
      const { assessmentId, period, grade, assessedOn } = event.data as Assessment;
      next.assessments++;
      // As `latestAssessmentOn`: the latest by date, a later record winning a tie.
      if (state.lastAssessment === null || assessedOn >= state.lastAssessment.assessedOn) next.lastAssessment = { assessmentId, period, grade, assessedOn };
      break;
    }
  }
  return next;
}

export function personFileRow(file: PersonFileState): PersonFileRow | null {
  const { auxiliary: state, lastHealthCheck, lastAssessment } = file;
  if (state.status === 'NOT_HIRED') return null;
  const r = state.service;
  return {
    auxiliary_id: r.auxiliaryId,
    person_key: r.personKey,
    application_id: r.applicationId,
    using_organ_id: r.usingOrganId,
    category: r.category,
    status: state.status,
    level: r.level.code,
    level_since: r.level.since,
    pay_locality: r.pay.locality,
    pay_monthly_base_fen: r.pay.monthlyBaseFen,
    pay_since: r.paySince,
    hired_on: r.hiredOn,
    migrated_from: r.migrated?.recordedFrom ?? null,
    migration_source_ref: r.migrated?.sourceRef ?? null,
    contract_id: r.contract.contractId,
    contract_kind: r.contract.kind,
    contract_start_date: r.contract.startDate,
    contract_end_date: r.contract.endDate,
    probation_last_day: r.contract.probationLastDay,
    contract_renewals: file.renewals,
    insurance: [...r.insurance].sort(),
    last_health_check_on: r.lastHealthCheckOn,
    last_health_check_result: lastHealthCheck?.checkedOn === r.lastHealthCheckOn ? lastHealthCheck.result : null,
    pre_job_training_on: r.training.preJobPassedOn,
    annual_training_years: [...r.training.annualYears].sort((a, b) => a - b),
    trainings: file.trainings,
    qualifications: r.qualifications,
    credentials_issued: file.credentialsIssued,
    credentials: r.credentials,
    assessment_count: file.assessments,
    last_assessment: lastAssessment,
    last_assessed_on: lastAssessment?.assessedOn ?? null,
    sanctions: r.sanctions,
    commendations: file.commendations,
    recusals: r.recusals,
    complaints: r.complaints,
    injuries: file.injuries,
    compensation_paid_fen: r.compensations.reduce((n, c) => n + c.paidFen, 0),
    compensation_recovered_fen: r.compensations.reduce((n, c) => n + c.recoveredFen, 0),
    assignments: isWorking(state)
      ? state.assignments.map((a) => ({ assignmentId: a.assignmentId, dutyCodes: a.dutyCodes, leadingOfficerIds: a.leadingOfficerIds, matterId: a.matterId, from: a.from }))
      : [],
    suspended_on: state.status === 'SUSPENDED' ? state.suspendedOn : null,
    departed_on: state.status === 'DEPARTED' ? state.departedOn : null,
    departure_reason: state.status === 'DEPARTED' ? state.reason : null,
  };
}

export const personFileModel = defineTemporal<PersonFileState, PersonFileRow>({
  name: 'person_file',
  // 3: a compact state (counters and the latest items beside the domain's fold, its growing lists emptied). 4: migrated_from, migration_source_ref (issue 11 item 8).
  version: 4,
  entityColumn: 'auxiliary_id',
  columns: {
    auxiliary_id: 'text',
    person_key: 'text',
    application_id: 'text',
    using_organ_id: 'text',
    category: 'text',
    status: 'text',
    level: 'text',
    level_since: 'date',
    pay_locality: 'text',
    pay_monthly_base_fen: 'integer',
    pay_since: 'date',
    hired_on: 'date',
    migrated_from: 'date',
    migration_source_ref: 'text',
    contract_id: 'text',
    contract_kind: 'text',
    contract_start_date: 'date',
    contract_end_date: 'date',
    probation_last_day: 'date',
    contract_renewals: 'integer',
    insurance: 'json',
    last_health_check_on: 'date',
    last_health_check_result: 'text',
    pre_job_training_on: 'date',
    annual_training_years: 'json',
    trainings: 'integer',
    qualifications: 'json',
    credentials_issued: 'integer',
    credentials: 'json',
    assessment_count: 'integer',
    last_assessment: 'json',
    last_assessed_on: 'date',
    sanctions: 'json',
    commendations: 'integer',
    recusals: 'json',
    complaints: 'json',
    injuries: 'integer',
    compensation_paid_fen: 'integer',
    compensation_recovered_fen: 'integer',
    assignments: 'json',
    suspended_on: 'date',
    departed_on: 'date',
    departure_reason: 'text',
  },
  indexes: [['using_organ_id'], ['person_key']],
  entity: auxiliaryEntity,
  initialState: initialPersonFileState,
  evolve: (state, event) => evolvePersonFileState(state, event),
  row: personFileRow,
});

// ── Timeline ─────────────────────────────────────────────────────────────────

const yuan = (fen: number) => (fen / 100).toFixed(2);
const list = (items: readonly string[]) => items.join(', ');
const listZh = (items: readonly string[]) => items.join('、');

/** A short bilingual line per event type: codes, dates and references, never sensitive content. */
export function summarize(event: AuxiliaryEvent): Bilingual {
  switch (event.type) {
    case 'AuxiliaryHired': {
      const d = event.data;
      if (d.migrated) {
        return {
          zh: `在职辅警按现状登记（迁移）：${d.hiredOn}起任${d.category === 'DUTY' ? '勤务' : '文职'}辅警，层级${d.level}，使用单位${d.usingOrganId}，依据${d.migrated.sourceRef}`,
          en: `Existing service recorded as found (migrated): a ${d.category} auxiliary since ${d.hiredOn} at level ${d.level} with ${d.usingOrganId}, from ${d.migrated.sourceRef}`,
        };
      }
      return { zh: `聘用为${d.category === 'DUTY' ? '勤务' : '文职'}辅警，层级${d.level}，使用单位${d.usingOrganId}`, en: `Hired as a ${d.category} auxiliary at level ${d.level} by ${d.usingOrganId}` };
    }
    case 'ProbationCompleted':
      return { zh: `试用期满转正（${event.data.completedOn}）`, en: `Probation completed on ${event.data.completedOn}` };
    case 'ContractRenewed': {
      const c = event.data.contract;
      return {
        zh: `续订劳动合同${c.contractId}，${c.startDate}起${c.endDate ? `至${c.endDate}` : '（无固定期限）'}`,
        en: `Contract renewed: ${c.contractId} from ${c.startDate}${c.endDate ? ` to ${c.endDate}` : ' (no fixed end)'}`,
      };
    }
    case 'PayAdjusted': {
      const p = event.data.pay;
      return { zh: `薪酬调整：月基本工资${yuan(p.monthlyBaseFen)}元（${p.locality}标准）`, en: `Pay adjusted: monthly base ${yuan(p.monthlyBaseFen)} yuan (${p.locality} standard)` };
    }
    case 'HealthCheckRecorded': {
      const d = event.data;
      if (!('result' in d)) return { zh: `健康体检（${d.checkedOn}）：结论已加密记录（敏感个人信息，不显示）`, en: `Health check on ${d.checkedOn}: result sealed (sensitive personal information, not shown)` };
      return {
        zh: `健康体检（${d.checkedOn}）：${d.result === 'NORMAL' ? '未见异常' : '建议复查或随访'}`,
        en: `Health check on ${d.checkedOn}: ${d.result === 'NORMAL' ? 'normal' : 'follow-up advised'}`,
      };
    }
    case 'InsuranceEnrolled':
      return { zh: `办理保险：${listZh(event.data.kinds)}`, en: `Insurance enrolled: ${list(event.data.kinds)}` };
    case 'TrainingRecorded': {
      const d = event.data;
      const kindZh = { PRE_JOB: '岗前培训', ANNUAL: '年度培训', SPECIAL: '专项培训' }[d.kind];
      return {
        zh: `${kindZh}${d.year ? `（${d.year}年度）` : ''}${d.outcome === 'PASSED' ? '合格' : '不合格'}`,
        en: `${d.kind} training${d.year ? ` for ${d.year}` : ''}: ${d.outcome}`,
      };
    }
    case 'QualificationRecorded':
      return { zh: `取得资格${event.data.kind}`, en: `Qualification ${event.data.kind} recorded` };
    case 'CredentialIssued':
      return { zh: `配发${event.data.kind}（${event.data.serial}）`, en: `${event.data.kind} issued (${event.data.serial})` };
    case 'CredentialRecovered':
      return { zh: `收回${event.data.serial}`, en: `${event.data.serial} recovered` };
    case 'DutyAssigned': {
      const d = event.data;
      return { zh: `分配岗位职责：${listZh(d.dutyCodes)}`, en: `Duties assigned: ${list(d.dutyCodes)}` };
    }
    case 'DutyEnded':
      return { zh: `岗位职责${event.data.assignmentId}结束（${event.data.reason}）`, en: `Assignment ${event.data.assignmentId} ended (${event.data.reason})` };
    case 'AssessmentRecorded':
      return { zh: `${event.data.period}考核：${event.data.grade}`, en: `Assessment ${event.data.period}: ${event.data.grade}` };
    case 'AuxiliaryPromoted':
      return { zh: `晋升：${event.data.fromLevel} → ${event.data.toLevel}`, en: `Promoted from ${event.data.fromLevel} to ${event.data.toLevel}` };
    case 'AuxiliaryDemoted':
      return { zh: `降级：${event.data.fromLevel} → ${event.data.toLevel}`, en: `Demoted from ${event.data.fromLevel} to ${event.data.toLevel}` };
    case 'AuxiliaryCommended':
      return { zh: `表彰奖励（${event.data.grantingAuthority}）`, en: `Commended by ${event.data.grantingAuthority}` };
    case 'DisciplineDecided':
      return { zh: `处分：${event.data.sanction}（${event.data.misconduct}）`, en: `Sanction ${event.data.sanction} for ${event.data.misconduct}` };
    case 'AuxiliarySuspended':
      return { zh: `停止执行职务（${event.data.decisionRef}）`, en: `Suspended (${event.data.decisionRef})` };
    case 'AuxiliaryReinstated':
      return { zh: `恢复执行职务（${event.data.decisionRef}）`, en: `Reinstated (${event.data.decisionRef})` };
    case 'ComplaintReceived':
      return { zh: `收到${event.data.channel === 'REPORT' ? '举报' : '投诉'}${event.data.complaintId}`, en: `${event.data.channel === 'REPORT' ? 'Report' : 'Complaint'} ${event.data.complaintId} received` };
    case 'ComplaintHandled':
      return { zh: `举报投诉${event.data.complaintId}查处：${event.data.finding}`, en: `Complaint ${event.data.complaintId} decided: ${event.data.finding}` };
    case 'ComplainantTold':
      return { zh: `已告知举报投诉人（${event.data.complaintId}）`, en: `Complainant told of the outcome of ${event.data.complaintId}` };
    case 'RecusalDecided':
      return { zh: `回避决定：${event.data.granted ? '回避' : '不予回避'}（${event.data.matterId}）`, en: `Recusal ${event.data.granted ? 'granted' : 'refused'} for ${event.data.matterId}` };
    case 'InjuryRecorded':
      return { zh: `伤亡记录：${event.data.kind}（${event.data.determinationRef}）`, en: `Injury recorded: ${event.data.kind} (${event.data.determinationRef})` };
    case 'InjuryMedicalDetailsRecorded':
      return { zh: '医疗详情已记录（敏感个人信息，不显示）', en: 'Medical details recorded (sensitive personal information, not shown)' };
    case 'CompensationPaid':
      return { zh: `赔偿${yuan(event.data.paidFen)}元（${event.data.claimRef}）`, en: `Compensation of ${yuan(event.data.paidFen)} yuan paid (${event.data.claimRef})` };
    case 'CompensationRecoveryOrdered':
      return { zh: `责令追偿${yuan(event.data.fromAuxiliaryFen)}元`, en: `Recovery of ${yuan(event.data.fromAuxiliaryFen)} yuan ordered` };
    case 'CompensationSettled':
      return event.data.settlement === 'RECOVERY_BORNE'
        ? { zh: `赔偿${event.data.compensationId}了结：辅警已承担${yuan(event.data.recoveredFen)}元（${event.data.settlementRef}）`, en: `Compensation ${event.data.compensationId} settled: ${yuan(event.data.recoveredFen)} yuan borne by the auxiliary (${event.data.settlementRef})` }
        : { zh: `赔偿${event.data.compensationId}了结：不予追偿（${event.data.settlementRef}）`, en: `Compensation ${event.data.compensationId} settled: no recovery (${event.data.settlementRef})` };
    case 'AuxiliaryTerminated':
      return { zh: `离职：${event.data.reason}（${event.data.departedOn}）`, en: `Departed on ${event.data.departedOn}: ${event.data.reason}` };
    case 'RetroactiveConflictCorrected': {
      const d = event.data;
      const what = d.eventType === 'AuxiliaryPromoted' ? { zh: '晋升', en: 'promotion' } : { zh: '岗位职责安排', en: 'posting' };
      return { zh: `纠正追溯冲突：撤销${d.eventEffectiveDate}的${what.zh}（${d.decisionRef}）`, en: `Retroactive conflict corrected: the ${what.en} of ${d.eventEffectiveDate} revoked (${d.decisionRef})` };
    }
    default: {
      const other: { type: string } = event;
      return { zh: other.type, en: other.type };
    }
  }
}

export type TimelineRow = {
  auxiliary_id: string;
  event_type: string;
  summary_zh: string;
  summary_en: string;
  actor_id: string;
  actor_role: string | null;
  actor_organ_id: string | null;
  command_id: string;
  rule_set_revision: string | null;
};

export const personTimeline = defineLog<TimelineRow>({
  name: 'person_timeline',
  columns: {
    auxiliary_id: 'text',
    event_type: 'text',
    summary_zh: 'text',
    summary_en: 'text',
    actor_id: 'text',
    actor_role: 'text',
    actor_organ_id: 'text',
    command_id: 'text',
    rule_set_revision: 'text',
  },
  indexes: [['auxiliary_id', 'effective_date']],
  rows: (event: RecordedEvent) => {
    const auxiliaryId = auxiliaryEntity(event);
    if (!auxiliaryId) return null;
    const summary = summarize({ type: event.type, schemaVersion: event.schemaVersion, data: event.data } as AuxiliaryEvent);
    const m = event.metadata;
    return {
      auxiliary_id: auxiliaryId,
      event_type: event.type,
      summary_zh: summary.zh,
      summary_en: summary.en,
      actor_id: m.actor.id,
      actor_role: m.actor.role ?? null,
      actor_organ_id: m.actor.organId ?? null,
      command_id: m.commandId,
      rule_set_revision: m.ruleSetRevision ?? null,
    };
  },
});

export type TimelineEntry = TimelineRow & { global_position: number; row_seq: number; effective_date: string; recorded_at: string };

export interface PersonFile {
  /** The record as of the date (null: not hired then, or unknown). */
  state: (PersonFileRow & Pick<VersionedRow, 'valid_from' | 'valid_to' | 'known_from' | 'known_to'>) | null;
  /** Every event of the auxiliary in effective-date order (ties: log order); with `asOf`, those effective on or before it. */
  timeline: TimelineEntry[];
}

/** One auxiliary's file: the state as of a date (default today) and the timeline. Two indexed queries. */
export async function personFile(store: ReadModelStore, auxiliaryId: string, options: { asOf?: string; knownAt?: string } = {}): Promise<PersonFile> {
  const asOf = options.asOf ?? todayUtc();
  const [state] = await store.asOf(personFileModel, asOf, { where: { auxiliary_id: auxiliaryId }, ...(options.knownAt ? { knownAt: options.knownAt } : {}) });
  const timeline = await store.list(personTimeline, {
    where: {
      auxiliary_id: auxiliaryId,
      effective_date: { lte: asOf },
      ...(options.knownAt ? { recorded_at: { lte: options.knownAt } } : {}),
    },
    orderBy: ['effective_date', 'global_position', 'row_seq'],
  });
  const file = (state as PersonFile['state']) ?? null;
  return { state: file && withStatusOn(file, asOf), timeline: timeline as TimelineEntry[] };
}
