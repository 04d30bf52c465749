import { COMMAND_ACCEPTED, COMMAND_REFUSED, type Refusal } from '@auxledger/domain';
import type { RecordedEvent } from '@auxledger/event-store';
import { type ReadModelStore, type Where, defineLog } from '@auxledger/projection-engine';
import { idInStream, text } from './common';
import { organScope } from './organ-hierarchy';
import { roster } from './roster';

/**
 * The audit trail (log): one row per accepted event and per refused command
 * (`CommandRefused` in `command-<id>`; an accepted command's claim there,
 * `CommandAccepted`, has no row of its own), with the actor, the organ, auxiliary
 * and person concerned, the effective and recorded times, the rule-set
 * revision, the command, and for a refusal its rule ids and citations.
 *
 * No payload is copied: only ids, codes and references (the person is the
 * salted `personKey`, never an ID number).
 */

/**
 * Which command produced an accepted event recorded before events said so in
 * their metadata (`commandType`): a fallback for old logs only.
 */
const COMMAND_OF: Readonly<Record<string, string>> = {
  OrganRegistered: 'RegisterOrgan',
  QuotaSet: 'SetQuota',
  QuotaPlaceTaken: 'Hire',
  QuotaPlaceReleased: 'Terminate',
  PlanOpeningsReserved: 'DraftRecruitmentPlan',
  PlanOpeningsReleased: 'CloseRecruitmentPlan',
  PersonContractStarted: 'Hire',
  PersonContractEnded: 'Terminate',
  PersonContractRenewed: 'RenewContract',
  ApplicantHired: 'Hire',
  AuxiliaryHired: 'Hire',
  ProbationCompleted: 'CompleteProbation',
  ContractRenewed: 'RenewContract',
  PayAdjusted: 'AdjustPay',
  InsuranceEnrolled: 'EnrolInsurance',
  HealthCheckRecorded: 'RecordHealthCheck',
  TrainingRecorded: 'RecordTraining',
  QualificationRecorded: 'RecordQualification',
  CredentialIssued: 'IssueCredential',
  CredentialRecovered: 'RecoverCredential',
  DutyAssigned: 'AssignDuty',
  AssessmentRecorded: 'RecordAssessment',
  AuxiliaryPromoted: 'Promote',
  AuxiliaryDemoted: 'Demote',
  AuxiliaryCommended: 'Commend',
  DisciplineDecided: 'Discipline',
  AuxiliarySuspended: 'Suspend',
  AuxiliaryReinstated: 'Reinstate',
  ComplaintReceived: 'ReceiveComplaint',
  ComplaintHandled: 'HandleComplaint',
  ComplainantTold: 'TellComplainant',
  RecusalDecided: 'DecideRecusal',
  InjuryRecorded: 'RecordInjury',
  InjuryMedicalDetailsRecorded: 'RecordInjury',
  CompensationPaid: 'PayCompensation',
  CompensationRecoveryOrdered: 'OrderCompensationRecovery',
  AuxiliaryTerminated: 'Terminate',
  RecruitmentPlanDrafted: 'DraftRecruitmentPlan',
  RecruitmentPlanApproved: 'ApproveRecruitmentPlan',
  RecruitmentPlanFiled: 'FileRecruitmentPlan',
  RecruitmentAnnounced: 'AnnounceRecruitment',
  RankingRecorded: 'RecordRanking',
  RecruitmentPlanClosed: 'CloseRecruitmentPlan',
  ApplicationRegistered: 'RegisterApplication',
  QualificationReviewPassed: 'ReviewQualification',
  ExamsPassed: 'RecordExamResults',
  MedicalExaminationPassed: 'RecordMedicalExamination',
  InspectionPassed: 'RecordInspection',
  PublicNoticeCompleted: 'CompletePublicNotice',
  RecruitmentStageFailed: 'FailRecruitmentStage',
  FineImposed: 'ImposeFine',
  FinePaid: 'RecordFinePayment',
  FineRevoked: 'RevokeFine',
};

const DUTY_ENDED_BY: Readonly<Record<string, string>> = { SUSPENDED: 'Suspend', RECUSAL: 'DecideRecusal', TERMINATED: 'Terminate' };

export function commandTypeOf(event: RecordedEvent): string | null {
  if (event.metadata.commandType) return event.metadata.commandType;
  if (event.type === 'DutyEnded') return DUTY_ENDED_BY[String(event.data['reason'])] ?? 'EndDuty';
  return COMMAND_OF[event.type] ?? null;
}

/** Data fields naming the organ concerned, most specific first. */
const ORGAN_FIELDS = ['usingOrganId', 'organId', 'draftingOrganId', 'decidingOrganId', 'receivingOrganId', 'paidByOrganId', 'recruitingOrganId'];

function organConcerned(stream: string | null, data: Readonly<Record<string, unknown>>): string | null {
  if (stream) return stream;
  for (const field of ORGAN_FIELDS) {
    const value = text(data, field);
    if (value) return value;
  }
  return null;
}

export type AuditRow = {
  outcome: 'ACCEPTED' | 'REFUSED';
  event_type: string;
  stream_id: string;
  command_id: string;
  command_type: string | null;
  actor_id: string;
  actor_role: string | null;
  actor_organ_id: string | null;
  /** The organ concerned: the organ stream's, else the data's (using, deciding, receiving … organ); null when the event names none. */
  organ_id: string | null;
  auxiliary_id: string | null;
  person_key: string | null;
  rule_set_revision: string | null;
  refusal_kind: string | null;
  refusal_code: string | null;
  /** Failed rules (statute refusals). */
  rule_ids: string[] | null;
  /** Per failed rule: `{ ruleId, zh, en }` citations. */
  citations: Array<{ ruleId: string; zh: string; en: string }> | null;
  message_zh: string | null;
  message_en: string | null;
};

export function auditRow(event: RecordedEvent): AuditRow | null {
  // The claim of an accepted command's id: its events have their own rows.
  if (event.type === COMMAND_ACCEPTED) return null;
  const m = event.metadata;
  // Object literals whole, without spreading a shared base: `{ ...base, more }` is slow in V8, and this runs once per event.
  const actorRole = m.actor.role ?? null;
  const actorOrganId = m.actor.organId ?? null;
  const revision = m.ruleSetRevision ?? null;
  if (event.type === COMMAND_REFUSED) {
    const data = event.data as { commandType?: string; command?: Record<string, unknown>; refusal?: Refusal };
    const command = data.command && typeof data.command === 'object' ? data.command : {};
    const refusal = data.refusal;
    const violations = refusal?.kind === 'STATUTE' ? refusal.judgement.violations : [];
    return {
      outcome: 'REFUSED',
      event_type: event.type,
      stream_id: event.streamId,
      command_id: m.commandId,
      command_type: data.commandType ?? null,
      actor_id: m.actor.id,
      actor_role: actorRole,
      actor_organ_id: actorOrganId,
      organ_id: organConcerned(null, command),
      auxiliary_id: text(command, 'auxiliaryId'),
      person_key: text(command, 'personKey'),
      rule_set_revision: refusal?.kind === 'STATUTE' ? (refusal.judgement.ruleSet?.id ?? revision) : revision,
      refusal_kind: refusal?.kind ?? null,
      refusal_code: refusal?.kind === 'STATE' ? refusal.code : null,
      rule_ids: refusal?.kind === 'STATUTE' ? violations.map((v) => v.ruleId) : null,
      citations: refusal?.kind === 'STATUTE' ? violations.map((v) => ({ ruleId: v.ruleId, zh: v.citationText.zh, en: v.citationText.en })) : null,
      message_zh: refusal?.kind === 'STATE' ? refusal.message.zh : violations.map((v) => v.message.zh).join('；') || null,
      message_en: refusal?.kind === 'STATE' ? refusal.message.en : violations.map((v) => v.message.en).join('; ') || null,
    };
  }
  return {
    outcome: 'ACCEPTED',
    event_type: event.type,
    stream_id: event.streamId,
    command_id: m.commandId,
    command_type: commandTypeOf(event),
    actor_id: m.actor.id,
    actor_role: actorRole,
    actor_organ_id: actorOrganId,
    organ_id: organConcerned(idInStream(event, 'organ'), event.data),
    auxiliary_id: idInStream(event, 'auxiliary') ?? text(event.data, 'auxiliaryId'),
    person_key: idInStream(event, 'person') ?? text(event.data, 'personKey') ?? text(event.data, 'partyKey'),
    rule_set_revision: revision,
    refusal_kind: null,
    refusal_code: null,
    rule_ids: null,
    citations: null,
    message_zh: null,
    message_en: null,
  };
}

export const auditTrail = defineLog<AuditRow>({
  name: 'audit_trail',
  columns: {
    outcome: 'text',
    event_type: 'text',
    stream_id: 'text',
    command_id: 'text',
    command_type: 'text',
    actor_id: 'text',
    actor_role: 'text',
    actor_organ_id: 'text',
    organ_id: 'text',
    auxiliary_id: 'text',
    person_key: 'text',
    rule_set_revision: 'text',
    refusal_kind: 'text',
    refusal_code: 'text',
    rule_ids: 'json',
    citations: 'json',
    message_zh: 'text',
    message_en: 'text',
  },
  indexes: [
    ['organ_id', 'global_position'],
    ['auxiliary_id', 'global_position'],
    ['person_key', 'global_position'],
    ['actor_id', 'global_position'],
    ['command_type', 'global_position'],
    ['command_id'],
    ['recorded_at'],
    ['effective_date'],
  ],
  rows: auditRow,
});

export type AuditEntry = AuditRow & { global_position: number; row_seq: number; effective_date: string; recorded_at: string };

export interface AuditQuery {
  /** The organ concerned: rows naming it, and rows of auxiliaries it uses (ever). */
  organId?: string;
  /** With `organId`: its whole subtree. */
  includeSubtree?: boolean;
  auxiliaryId?: string;
  personKey?: string;
  actorId?: string;
  commandType?: string;
  outcome?: 'ACCEPTED' | 'REFUSED';
  /** recordedAt range: from (inclusive), to (exclusive), ISO-8601 instants. */
  recordedFrom?: string;
  recordedTo?: string;
  /** Effective-date range: from (inclusive), to (exclusive). */
  effectiveFrom?: string;
  effectiveTo?: string;
  /** Page size (default 100, at most 1000). */
  limit?: number;
  /** The `next` of the previous page. */
  after?: number;
  /** Newest first (then `after` pages backwards). */
  newestFirst?: boolean;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `after` for the next page; null: no more. */
  next: number | null;
}

/**
 * A page of the audit trail, filtered. Each filter is an indexed column;
 * paging is by global position (keyset, stable while the log grows). An organ
 * filter reads two indexed ranges (rows naming the organs, rows of their
 * auxiliaries) and merges them.
 */
export async function auditTrailPage(store: ReadModelStore, query: AuditQuery = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
  const desc = query.newestFirst === true;
  const where: Record<string, Where[string]> = {};
  if (query.auxiliaryId) where['auxiliary_id'] = query.auxiliaryId;
  if (query.personKey) where['person_key'] = query.personKey;
  if (query.actorId) where['actor_id'] = query.actorId;
  if (query.commandType) where['command_type'] = query.commandType;
  if (query.outcome) where['outcome'] = query.outcome;
  const range = (from?: string, to?: string) => ({ ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) });
  if (query.recordedFrom || query.recordedTo) where['recorded_at'] = range(query.recordedFrom, query.recordedTo);
  if (query.effectiveFrom || query.effectiveTo) where['effective_date'] = range(query.effectiveFrom, query.effectiveTo);
  if (query.after !== undefined) where['global_position'] = desc ? { lt: query.after } : { gt: query.after };
  const page = (extra: Where) =>
    store.list(auditTrail, { where: { ...where, ...extra }, orderBy: ['global_position', 'row_seq'], descending: desc, limit: limit + 1 }) as Promise<AuditEntry[]>;

  let rows: AuditEntry[];
  if (query.organId) {
    const organs = await organScope(store, query.organId, query.includeSubtree ?? false);
    const ofOrgans = [...new Set((await store.list(roster, { where: { using_organ_id: organs } })).map((r) => r['auxiliary_id'] as string))];
    // An auxiliary filter narrows the organ's auxiliaries (it must not be replaced by them: both filters apply).
    const auxiliaries = query.auxiliaryId ? ofOrgans.filter((a) => a === query.auxiliaryId) : ofOrgans;
    const [byOrgan, byAuxiliary] = await Promise.all([page({ organ_id: organs }), auxiliaries.length ? page({ auxiliary_id: auxiliaries }) : Promise.resolve([])]);
    const seen = new Map<string, AuditEntry>();
    for (const r of [...byOrgan, ...byAuxiliary]) seen.set(`${r.global_position}:${r.row_seq}`, r);
    rows = [...seen.values()].sort((a, b) => (desc ? -1 : 1) * (a.global_position - b.global_position || a.row_seq - b.row_seq));
  } else {
    rows = await page({});
  }
  const entries = rows.slice(0, limit);
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > limit && last ? last.global_position : null };
}
