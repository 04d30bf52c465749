import { type AuxiliaryState, type ServiceRecord, Auxiliary, isWorking } from '@auxledger/domain';
import type { RecordedEvent } from '@auxledger/event-store';
import { type ReadModelStore, type VersionedRow, defineTemporal } from '@auxledger/projection-engine';
import { idInStream, sortedUnique, statusOn, todayUtc, withStatusOn } from './common';
import { organScope } from './organ-hierarchy';
import { evolveCompacted, serviceWithLists } from './service-record';

/**
 * The roster (temporal): every auxiliary with their using organ, category,
 * level, status, current duties and leading officers, over effective time
 * (valid_from/valid_to) and as recorded (known_from/known_to). The state is
 * the domain's own fold of the auxiliary stream (`Auxiliary.evolve`, its
 * lists emptied: `evolveRosterState`), taken in effective-date order, so a
 * back-dated promotion shows from its effective date and "as known at" an
 * earlier instant shows what was recorded then.
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
  /** A service found on record, not hired through it (RecordExistingService, issue 11 item 8): the day its record began; null for a hire. */
  migrated_from: string | null;
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

/**
 * The roster's state: the domain's fold with every list of the service record
 * emptied after each event — the roster reads none of them, and no event
 * changes what it reads from them — so a version costs the same late in a
 * career as early. (Open assignments stay: they are the roster's duties.)
 */
export const evolveRosterState = (state: AuxiliaryState, event: RecordedEvent): AuxiliaryState => evolveCompacted(state, event, rosterService);

function rosterService(r: ServiceRecord): ServiceRecord {
  return serviceWithLists(r, {
    contract: r.contract.clauses.length === 0 ? r.contract : { ...r.contract, clauses: [] },
    previousContracts: [],
    insurance: [],
    training: EMPTY_TRAINING,
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
  });
}

const EMPTY_TRAINING: ServiceRecord['training'] = { preJobPassedOn: null, annualYears: [], trainingIds: [] };

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
    migrated_from: r.migrated?.recordedFrom ?? null,
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
  // 2: migrated_from (issue 11 item 8).
  version: 2,
  entityColumn: 'auxiliary_id',
  columns: {
    auxiliary_id: 'text',
    using_organ_id: 'text',
    category: 'text',
    level: 'text',
    level_since: 'date',
    status: 'text',
    hired_on: 'date',
    migrated_from: 'date',
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
  // The dashboard counts by these and charts the headcount from them: read from the indexes alone.
  coveredColumns: ['status', 'category', 'level', 'probation_last_day', 'departed_on', 'departure_reason', 'auxiliary_id'],
  entity: auxiliaryEntity,
  initialState: () => Auxiliary.initialState(),
  evolve: (state, event) => evolveRosterState(state, event),
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
  const asOf = query.asOf ?? todayUtc();
  // A probation over by the calendar is ACTIVE (statusOn): asking for ACTIVE reads the stored ON_PROBATION versions too.
  const wanted = query.statuses ? new Set<RosterStatus>(query.statuses) : null;
  const stored = wanted ? [...new Set<RosterStatus>([...wanted, ...(wanted.has('ACTIVE') ? (['ON_PROBATION'] as const) : [])])] : null;
  const rows = (await store.asOf(roster, asOf, {
    where: { using_organ_id: organs, ...(stored ? { status: stored } : {}) },
    ...(query.knownAt ? { knownAt: query.knownAt } : {}),
  })) as RosterEntry[];
  const dated = rows.map((r) => withStatusOn(r, asOf));
  return wanted ? dated.filter((r) => wanted.has(r.status)) : dated;
}

/** Who is on the roster of an organ (or its subtree) on the date, and their status then (`statusOn`): from the roster's indexes alone. */
export async function rosterStatusesOf(store: ReadModelStore, organId: string, query: Pick<RosterQuery, 'asOf' | 'knownAt' | 'includeSubtree'>): Promise<Array<Pick<RosterRow, 'auxiliary_id' | 'status'>>> {
  const organs = await organScope(store, organId, query.includeSubtree);
  const asOf = query.asOf ?? todayUtc();
  const rows = (await store.asOf(roster, asOf, {
    where: { using_organ_id: organs },
    columns: ['auxiliary_id', 'status', 'probation_last_day'],
    ...(query.knownAt ? { knownAt: query.knownAt } : {}),
  })) as unknown as Array<Pick<RosterRow, 'auxiliary_id' | 'status' | 'probation_last_day'>>;
  return rows.map((r) => ({ auxiliary_id: r.auxiliary_id, status: statusOn(r, asOf) }));
}

/** How many roster rows (departed included) there are, in all and by status (as of the date: `statusOn`), category, level and using organ. */
export interface RosterCounts {
  total: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  byLevel: Record<string, number>;
  byOrgan: Record<string, number>;
}

/** Counting `rows` (each with its status as of the date) one by one, as `rosterCounts` counts them in the database. */
export function countRoster(rows: ReadonlyArray<Pick<RosterRow, 'status' | 'category' | 'level' | 'using_organ_id'> & { count?: number }>): RosterCounts {
  const counts: RosterCounts = { total: 0, byStatus: {}, byCategory: {}, byLevel: {}, byOrgan: {} };
  const add = (into: Record<string, number>, key: string, n: number) => (into[key] = (into[key] ?? 0) + n);
  for (const r of rows) {
    const n = r.count ?? 1;
    counts.total += n;
    add(counts.byStatus, r.status, n);
    add(counts.byCategory, r.category, n);
    add(counts.byLevel, r.level, n);
    add(counts.byOrgan, r.using_organ_id, n);
  }
  return counts;
}

/**
 * The roster's counts (`countRoster` of `rosterOf`'s rows) counted by the
 * database from the roster's indexes, no row read: the versions valid on the
 * date by organ, status, category and level, and those stored ON_PROBATION
 * whose probation is over by the date (ACTIVE, `statusOn`). Optionally of one
 * category or level.
 */
export async function rosterCounts(store: ReadModelStore, organId: string, query: RosterQuery & { category?: string; level?: string }): Promise<RosterCounts> {
  const organs = await organScope(store, organId, query.includeSubtree);
  const asOf = query.asOf ?? todayUtc();
  const where = { using_organ_id: organs, ...(query.category !== undefined ? { category: query.category } : {}), ...(query.level !== undefined ? { level: query.level } : {}) };
  const known = query.knownAt ? { knownAt: query.knownAt } : {};
  const groupBy = ['using_organ_id', 'status', 'category', 'level'];
  const [stored, probationOver] = await Promise.all([
    store.countAsOf(roster, asOf, { where, groupBy, ...known }),
    store.countAsOf(roster, asOf, { where: { ...where, status: 'ON_PROBATION', probation_last_day: { lt: asOf } }, groupBy, ...known }),
  ]);
  type Group = Pick<RosterRow, 'status' | 'category' | 'level' | 'using_organ_id'> & { count: number };
  const groups = (stored as Group[]).map((g) => ({ ...g }));
  const of = (g: Group) => `${g.using_organ_id}\u0000${g.category}\u0000${g.level}`;
  const onProbation = new Map(groups.filter((g) => g.status === 'ON_PROBATION').map((g) => [of(g), g]));
  for (const over of probationOver as Group[]) {
    const group = onProbation.get(of(over));
    if (group) group.count -= over.count;
    groups.push({ ...over, status: 'ACTIVE' });
  }
  const wanted = query.statuses ? new Set<string>(query.statuses) : null;
  return countRoster(groups.filter((g) => g.count > 0 && (wanted === null || wanted.has(g.status))));
}
