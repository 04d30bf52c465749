import { type AuxiliaryEvent, type DatedEvent, retroactiveConflictsIn } from '@auxledger/domain';
import type { JsonValue, RecordedEvent } from '@auxledger/event-store';
import { type Bilingual, type RenderedCitation, REGISTRY } from '@auxledger/statute';
import { defineTemporal } from '@auxledger/projection-engine';
import { auxiliaryEntity } from './roster';

/**
 * 追溯冲突 (issue 11 item 6): the postings and promotions on an auxiliary's
 * record that a record entered after them, effective before them, now makes
 * unlawful — the domain's `retroactiveConflictsIn`, kept per auxiliary as of
 * every date (temporal `retroactive_conflict`; supervision reads it as the
 * finding RETROACTIVE_CONFLICT).
 *
 * The entity's events are folded in effective-date order, so the state on a
 * date holds the events effective by then; over those the domain gives exactly
 * the conflicts whose event took effect by that date. The state keeps the
 * events (free text and medical details emptied: no judgement reads them) with
 * their place in the log (only those a judgement reads); a row exists only while there is a conflict, and it
 * holds codes, dates, command ids and citations only. A correction
 * (RetroactiveConflictCorrected) ends the conflict it names from its date.
 *
 * Judged with the statute's rule sets (REGISTRY): a read model has no
 * deployment. A violation the command had already when it was accepted (as a
 * local parameter the national defaults lack would give) is not a new one, so
 * the domain leaves it out.
 */

/** An event as a conflict names it. */
export type ConflictEventRef = {
  /** Its place among the auxiliary's events, in the order recorded (the hire 0; its stream revision): what a correction names. */
  index: number;
  type: string;
  effectiveDate: string;
  recordedAt: string;
  commandId: string;
  globalPosition: number;
};

export type ConflictViolation = {
  ruleId: string;
  citation: RenderedCitation;
  message: Bilingual;
  observed: JsonValue;
  expected: JsonValue;
};

export type StoredConflict = {
  later: ConflictEventRef;
  backdated: ConflictEventRef[];
  violations: ConflictViolation[];
};

interface KeptEvent {
  p: number;
  /** Its revision in the auxiliary's stream: its index among the record's events (the hire 0), as the domain counts them. */
  r: number;
  effectiveDate: string;
  recordedAt: string;
  commandId: string;
  event: AuxiliaryEvent;
}

export interface RetroactiveConflictState {
  auxiliaryId: string | null;
  usingOrganId: string | null;
  /** The events folded so far (effective by the version's date), in fold order. */
  events: KeptEvent[];
  /** The greatest log position folded so far: an event below it was recorded before one effective earlier. */
  maxPosition: number;
  conflicts: StoredConflict[];
}

export type RetroactiveConflictRow = {
  auxiliary_id: string;
  using_organ_id: string | null;
  conflict_count: number;
  /** `StoredConflict[]` (JSON). */
  conflicts: JsonValue;
};

/** A row as read, its conflicts typed. */
export type RetroactiveConflictRecord = Omit<RetroactiveConflictRow, 'conflicts'> & { conflicts: StoredConflict[] };

/** What a judgement reads; free text (a decision's description, a suspension's reason, medical details) is not. */
function kept(event: RecordedEvent): AuxiliaryEvent {
  const e = { type: event.type, schemaVersion: event.schemaVersion, data: event.data } as AuxiliaryEvent;
  switch (e.type) {
    case 'DisciplineDecided':
      return { ...e, data: { ...e.data, description: '' } };
    case 'AuxiliarySuspended':
      return { ...e, data: { ...e.data, reason: '' } };
    case 'InjuryMedicalDetailsRecorded':
      // Neither the clear text of a version 1 event nor the ciphertext of a version 2 one (ADR 0006).
      return { ...e, data: { auxiliaryId: e.data.auxiliaryId, injuryId: e.data.injuryId, medicalDetails: '' } };
    default:
      return e;
  }
}

const JUDGED_AGAIN: ReadonlySet<string> = new Set(['DutyAssigned', 'AuxiliaryPromoted']);

/**
 * The events that change what a posting or promotion is judged on (status, contract and probation, category, level,
 * assessments, sanctions, insurance, training, qualifications, recusals) or are judged themselves; the others
 * (health checks, credentials, commendations, complaints, injuries, compensation) are not kept: they can be in no conflict.
 */
const KEPT: ReadonlySet<string> = new Set([
  'AuxiliaryHired', 'ProbationCompleted', 'ContractRenewed', 'PayAdjusted', 'InsuranceEnrolled', 'TrainingRecorded', 'QualificationRecorded',
  'DutyAssigned', 'DutyEnded', 'AssessmentRecorded', 'AuxiliaryPromoted', 'AuxiliaryDemoted', 'DisciplineDecided', 'AuxiliarySuspended',
  'AuxiliaryReinstated', 'RecusalDecided', 'AuxiliaryTerminated', 'RetroactiveConflictCorrected',
]);

export function evolveRetroactiveConflicts(state: RetroactiveConflictState, event: RecordedEvent): RetroactiveConflictState {
  const m = event.metadata;
  const item: KeptEvent = { p: event.globalPosition, r: event.streamRevision, effectiveDate: m.effectiveDate, recordedAt: m.recordedAt, commandId: m.commandId, event: kept(event) };
  const events = KEPT.has(event.type) ? [...state.events, item] : state.events;
  const usingOrganId = event.type === 'AuxiliaryHired' ? (event.data as { usingOrganId: string }).usingOrganId : state.usingOrganId;
  let conflicts = state.conflicts;
  // An organ's correction ends the conflict it names, from its date.
  if (item.event.type === 'RetroactiveConflictCorrected') {
    const { eventIndex } = item.event.data;
    conflicts = conflicts.filter((c) => c.later.index !== eventIndex);
  }
  // Folded in effective-date order: an event can be in conflict only with events folded before it that were recorded after it.
  // Those folded later take effect later (or the same day, recorded after it), so they never change an earlier conflict.
  if (JUDGED_AGAIN.has(event.type) && event.globalPosition < state.maxPosition) {
    const recorded = [...events].sort((a, b) => a.p - b.p);
    // A correction names its event by stream revision; the domain counts places in the list it is given.
    const place = new Map(recorded.map((e, i) => [e.r, i]));
    const dated: DatedEvent[] = recorded.map((e) => ({
      effectiveDate: e.effectiveDate,
      event: e.event.type === 'RetroactiveConflictCorrected' ? { ...e.event, data: { ...e.event.data, eventIndex: place.get(e.event.data.eventIndex) ?? -1 } } : e.event,
    }));
    const index = recorded.indexOf(item);
    // Indexes into the events effective by now; an event's own index in the record is its stream revision.
    const ref = (i: number): ConflictEventRef => {
      const e = recorded[i] as KeptEvent;
      return { index: e.r, type: e.event.type, effectiveDate: e.effectiveDate, recordedAt: e.recordedAt, commandId: e.commandId, globalPosition: e.p };
    };
    const found = retroactiveConflictsIn(dated, REGISTRY).find((c) => c.later.index === index);
    if (found) {
      conflicts = [
        ...conflicts,
        {
          later: ref(index),
          backdated: found.backdated.map((b) => ref(b.index)),
          violations: found.violations.map((v) => ({ ruleId: v.ruleId, citation: v.citationText, message: v.message, observed: (v.observed ?? null) as JsonValue, expected: (v.expected ?? null) as JsonValue })),
        },
      ];
    }
  }
  return { auxiliaryId: state.auxiliaryId ?? auxiliaryEntity(event), usingOrganId, events, maxPosition: Math.max(state.maxPosition, event.globalPosition), conflicts };
}

export const retroactiveConflictModel = defineTemporal<RetroactiveConflictState, RetroactiveConflictRow>({
  name: 'retroactive_conflict',
  entityColumn: 'auxiliary_id',
  columns: { auxiliary_id: 'text', using_organ_id: 'text', conflict_count: 'integer', conflicts: 'json' },
  indexes: [['using_organ_id']],
  entity: auxiliaryEntity,
  initialState: () => ({ auxiliaryId: null, usingOrganId: null, events: [], maxPosition: 0, conflicts: [] }),
  evolve: (state, event) => evolveRetroactiveConflicts(state, event),
  row: (s) => (s.conflicts.length === 0 || s.auxiliaryId === null ? null : { auxiliary_id: s.auxiliaryId, using_organ_id: s.usingOrganId, conflict_count: s.conflicts.length, conflicts: s.conflicts as unknown as JsonValue }),
});
