import { type AuxiliaryState, Auxiliary, isWorking } from '@auxledger/domain';
import type { RecordedEvent } from '@auxledger/event-store';
import { defineTemporal, envelopeOf } from '../model';
import type { ReadModelStore, VersionedRow } from '../store';
import { idInStream, sortedUnique, todayUtc } from './common';
import { organScope } from './organ-hierarchy';

/**
 * The roster (temporal): every auxiliary with their using organ, category,
 * level, status, current duties and leading officers, over effective time
 * (valid_from/valid_to) and as recorded (known_from/known_to). The state is
 * the domain's own fold of the auxiliary stream (`Auxiliary.evolve`), taken in
 * effective-date order, so a back-dated promotion shows from its effective
 * date and "as known at" an earlier instant shows what was recorded then.
 */

export type RosterStatus = 'ON_PROBATION' | 'ACTIVE' | 'SUSPENDED' | 'DEPARTED';

export type RosterRow = {
  auxiliary_id: string;
  using_organ_id: string;
  category: string;
  level: string;
  level_since: string;
  status: RosterStatus;
  hired_on: string;
  probation_last_day: string | null;
  contract_end_date: string | null;
  /** Duty codes of the open assignments, sorted. */
  duty_codes: string[];
  /** 带领的人民警察 of the open assignments, sorted. */
  leading_officer_ids: string[];
  open_assignments: number;
  suspended_on: string | null;
  departed_on: string | null;
  departure_reason: string | null;
};

/** The auxiliary an auxiliary-stream event belongs to. */
export const auxiliaryEntity = (event: RecordedEvent): string | null => idInStream(event, Auxiliary.streamPrefix);

export const evolveAuxiliaryState = (state: AuxiliaryState, event: RecordedEvent): AuxiliaryState => Auxiliary.evolve(state, envelopeOf(event) as never);

export function rosterRow(state: AuxiliaryState): RosterRow | null {
  if (state.status === 'NOT_HIRED') return null;
  const r = state.service;
  const assignments = isWorking(state) ? state.assignments : [];
  return {
    auxiliary_id: r.auxiliaryId,
    using_organ_id: r.usingOrganId,
    category: r.category,
    level: r.level.code,
    level_since: r.level.since,
    status: state.status,
    hired_on: r.hiredOn,
    probation_last_day: r.contract.probationLastDay,
    contract_end_date: r.contract.endDate,
    duty_codes: sortedUnique(assignments.flatMap((a) => a.dutyCodes)),
    leading_officer_ids: sortedUnique(assignments.flatMap((a) => a.leadingOfficerIds)),
    open_assignments: assignments.length,
    suspended_on: state.status === 'SUSPENDED' ? state.suspendedOn : null,
    departed_on: state.status === 'DEPARTED' ? state.departedOn : null,
    departure_reason: state.status === 'DEPARTED' ? state.reason : null,
  };
}

export const roster = defineTemporal<AuxiliaryState, RosterRow>({
  name: 'roster',
  entityColumn: 'auxiliary_id',
  columns: {
    auxiliary_id: 'text',
    using_organ_id: 'text',
    category: 'text',
    level: 'text',
    level_since: 'date',
    status: 'text',
    hired_on: 'date',
    probation_last_day: 'date',
    contract_end_date: 'date',
    duty_codes: 'json',
    leading_officer_ids: 'json',
    open_assignments: 'integer',
    suspended_on: 'date',
    departed_on: 'date',
    departure_reason: 'text',
  },
  indexes: [['using_organ_id'], ['status']],
  entity: auxiliaryEntity,
  initialState: () => Auxiliary.initialState(),
  evolve: (state, _envelope, event) => evolveAuxiliaryState(state, event),
  row: rosterRow,
});

export interface RosterQuery {
  /** The effective date (default today, UTC). */
  asOf?: string;
  /** "As known at" an instant: what the record said then (default: now). */
  knownAt?: string;
  /** The organ's whole subtree (organ_hierarchy), or the organ alone. */
  includeSubtree: boolean;
  /** Only these statuses (default: every one, departed included). */
  statuses?: readonly RosterStatus[];
}

export type RosterEntry = RosterRow & Pick<VersionedRow, 'valid_from' | 'valid_to' | 'known_from' | 'known_to'>;

/**
 * The roster of an organ (or its subtree) as of a date: two indexed queries —
 * the subtree by path, then the roster versions valid on the date for those
 * organs.
 */
export async function rosterOf(store: ReadModelStore, organId: string, query: RosterQuery): Promise<RosterEntry[]> {
  const organs = await organScope(store, organId, query.includeSubtree);
  const rows = await store.asOf(roster, query.asOf ?? todayUtc(), {
    where: { using_organ_id: organs, ...(query.statuses ? { status: [...query.statuses] } : {}) },
    ...(query.knownAt ? { knownAt: query.knownAt } : {}),
  });
  return rows as RosterEntry[];
}
