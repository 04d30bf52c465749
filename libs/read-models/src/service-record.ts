import { type AuxiliaryState, type ServiceRecord, Auxiliary, envelopeOf } from '@auxledger/domain';
import type { RecordedEvent } from '@auxledger/event-store';

// The domain's service record, rebuilt with other lists: what the roster and the person file keep of it (`rosterService`, `compactService`).

/** The domain's own fold of an auxiliary stream, one event on. */
export const evolveAuxiliaryState = (state: AuxiliaryState, event: RecordedEvent): AuxiliaryState => Auxiliary.evolve(state, envelopeOf(event) as never);

/**
 * The domain's fold, then its service record compacted to what a read model keeps (`compact`, given the event's
 * effective date) — the one way the roster and the person file keep a version's cost flat over a career. In place:
 * the domain's evolve made the state afresh (it returns its input only when nothing changes), so no earlier state
 * changes.
 */
export function evolveCompacted(state: AuxiliaryState, event: RecordedEvent, compact: (r: ServiceRecord, on: string) => ServiceRecord): AuxiliaryState {
  const next = evolveAuxiliaryState(state, event);
  if (next === state || next.status === 'NOT_HIRED') return next;
  next.service = compact(next.service, event.metadata.effectiveDate);
  return next;
}

export type ServiceLists = Pick<
  ServiceRecord,
  'contract' | 'previousContracts' | 'insurance' | 'training' | 'qualifications' | 'credentials' | 'assessments' | 'sanctions' | 'commendationIds' | 'recusals' | 'complaints' | 'injuryIds' | 'compensations' | 'events'
>;

/**
 * A service record with other lists: written out field by field, not
 * `{ ...r, ...lists }` (spreading a wide object and adding properties is slow
 * in V8, and this runs for every event); a field the domain adds fails to
 * compile here rather than go missing.
 */
export function serviceWithLists(r: ServiceRecord, lists: ServiceLists): ServiceRecord {
  return {
    auxiliaryId: r.auxiliaryId,
    personKey: r.personKey,
    applicationId: r.applicationId,
    usingOrganId: r.usingOrganId,
    category: r.category,
    contract: lists.contract,
    previousContracts: lists.previousContracts,
    hiredOn: r.hiredOn,
    migrated: r.migrated,
    level: r.level,
    pay: r.pay,
    paySince: r.paySince,
    insurance: lists.insurance,
    lastHealthCheckOn: r.lastHealthCheckOn,
    training: lists.training,
    qualifications: lists.qualifications,
    credentials: lists.credentials,
    assessments: lists.assessments,
    sanctions: lists.sanctions,
    commendationIds: lists.commendationIds,
    recusals: lists.recusals,
    complaints: lists.complaints,
    injuryIds: lists.injuryIds,
    compensations: lists.compensations,
    events: lists.events,
  };
}
