import { ASSIGN_DUTY_CHECKS, type IsoDate, PROMOTE_CHECKS, type RuleSetRegistry, type RulesInForce, type Violation, judgeInForce } from '@auxledger/statute';
import { assignmentFacts } from './assign-duty';
import { promotionFacts } from './promote';
import { AFTER_DEPARTURE } from './service-period';
import { type AuxiliaryState, type DatedEvent, type InService, evolveAuxiliary, isHired, probationByCalendar } from './state';

/**
 * 追溯冲突 (issue 11 item 6, the domain's part): event sourcing records facts as
 * they are learned, so an event recorded later may take effect before a
 * command accepted earlier — a sanction effective before a promotion recorded
 * last month, a suspension before a posting. The late fact is accepted (the
 * record must not lie) and the log is never rewritten; instead the earlier
 * command is judged again against the record as it now stands on its date.
 * Each that would now be refused is a RETROACTIVE_CONFLICT: the event it
 * wrote, the events recorded after it that took effect before its date,
 * and every rule it now fails that it did not fail when accepted, with their
 * citations — until an organ records a correcting command
 * (`CorrectRetroactiveConflict`).
 *
 * Judged again: postings (ASSIGN_DUTY_CHECKS) and promotions (PROMOTE_CHECKS),
 * from what their events record (an accepted posting was not `alone`; a
 * promotion by selection is taken as allowed to skip, as it was accepted).
 */

export interface RetroactiveConflict {
  kind: 'RETROACTIVE_CONFLICT';
  /** The earlier-recorded event that would now be refused: its place in the stream, type and effective date. */
  later: { index: number; type: string; effectiveDate: IsoDate };
  /** The events recorded after it that took effect before its date. */
  backdated: { index: number; type: string; effectiveDate: IsoDate }[];
  /** The rules it now fails (and did not when it was accepted), with citations. */
  violations: Violation[];
}

function foldWhere(events: readonly DatedEvent[], keep: (e: DatedEvent, index: number) => boolean, on: IsoDate): AuxiliaryState {
  let state: AuxiliaryState = { status: 'NOT_HIRED' };
  events.forEach((e, index) => {
    if (keep(e, index)) state = evolveAuxiliary(state, { event: e.event, effectiveDate: e.effectiveDate, recordedAt: '', commandId: '', actorId: '' });
  });
  return probationByCalendar(state, on);
}

/** The rules an accepted event's command would fail against a record (null: not a command judged again, or no record). */
function judgeAgainst(e: DatedEvent, record: AuxiliaryState, registry: RuleSetRegistry<RulesInForce>): readonly Violation[] | null {
  const on = e.effectiveDate;
  const { event } = e;
  if (!isHired(record) || (event.type !== 'DutyAssigned' && event.type !== 'AuxiliaryPromoted')) return null;
  // SERVICE-PERIOD first, as every command about a service passes it: a departure recorded later, effective by then, is a conflict too.
  const departedOn = record.status === 'DEPARTED' ? record.departedOn : null;
  const period = judgeInForce(registry, ['SERVICE-PERIOD'], { effectiveDate: on, service: { hiredOn: record.service.hiredOn, departedOn }, afterDeparture: AFTER_DEPARTURE[event.type === 'DutyAssigned' ? 'AssignDuty' : 'Promote'] }).violations;
  if (event.type === 'DutyAssigned') {
    const { dutyCodes, nationalBasis, leadingOfficerIds, matterId, equipmentIssued, auxiliaryId, assignmentId } = event.data;
    return [...period, ...judgeInForce(registry, ASSIGN_DUTY_CHECKS, assignmentFacts(record, { auxiliaryId, assignmentId, dutyCodes, nationalBasis, leadingOfficerIds, alone: false, matterId, equipmentIssued }, on)).violations];
  }
  const { auxiliaryId, route, toLevel, selectionRef, pay } = event.data;
  // The facts of a promotion are the service record's, whatever the status (a departed record keeps it).
  return [...period, ...judgeInForce(registry, PROMOTE_CHECKS, promotionFacts(record as InService, { auxiliaryId, route, toLevel, selectionRef, selectionAllowsSkip: route === 'SELECTION', pay }, on)).violations];
}

const key = (v: Violation) => `${v.ruleId}|${JSON.stringify(v.citation)}|${v.message.en}`;

/** Every retroactive conflict on an auxiliary's record, in the order the conflicting events were recorded. */
export function retroactiveConflicts(state: AuxiliaryState, registry: RuleSetRegistry<RulesInForce>): RetroactiveConflict[] {
  return isHired(state) ? retroactiveConflictsIn(state.service.events, registry) : [];
}

/**
 * The same, from an auxiliary's events in the order recorded (the hire first):
 * for a read model that keeps the events, not the fold. Over the events
 * effective by a date (ties: those recorded by then), it gives exactly the
 * conflicts whose event took effect by that date.
 */
export function retroactiveConflictsIn(events: readonly DatedEvent[], registry: RuleSetRegistry<RulesInForce>): RetroactiveConflict[] {
  const out: RetroactiveConflict[] = [];
  // An organ's correction (RetroactiveConflictCorrected) ends the conflict it names.
  const corrected = new Set(events.flatMap((e) => (e.event.type === 'RetroactiveConflictCorrected' ? [e.event.data.eventIndex] : [])));
  events.forEach((e, i) => {
    if (corrected.has(i)) return;
    const on = e.effectiveDate;
    // Back-dated: recorded after it, effective before its date (a later record of the same day follows it, as recorded).
    const backdated = events.flatMap((b, j) => (j > i && b.effectiveDate < on ? [{ index: j, type: b.event.type, effectiveDate: b.effectiveDate }] : []));
    if (backdated.length === 0) return;
    // As it stood when the event was recorded, and as the record now stands on its date (the event itself left out).
    const then = judgeAgainst(e, foldWhere(events, (x, k) => k < i && x.effectiveDate <= on, on), registry);
    const now = judgeAgainst(e, foldWhere(events, (x, k) => (k < i && x.effectiveDate <= on) || (k > i && x.effectiveDate < on), on), registry);
    if (now === null) return;
    const before = new Set((then ?? []).map(key));
    const violations = now.filter((v) => !before.has(key(v)));
    if (violations.length) out.push({ kind: 'RETROACTIVE_CONFLICT', later: { index: i, type: e.event.type, effectiveDate: on }, backdated, violations });
  });
  return out;
}
