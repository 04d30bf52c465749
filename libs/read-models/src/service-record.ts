import type { ServiceRecord } from '@auxledger/domain';

// The domain's service record, rebuilt with other lists: what the roster and the person file keep of it (`evolveRosterState`, `compactService`).

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
