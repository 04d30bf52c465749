import type { AuxiliaryCategory, IsoDate, OrganKind, OrganLevel, QuotaHireFacts, QuotaPlanFacts } from '@auxledger/statute';
import type { Aggregate, DomainEvent, Envelope, StreamRef } from '../kernel';

/**
 * An organ (公安机关 and, by Art. 46, courts, procuratorates and justice
 * administration) with its level and parent, its 用人额度 (Art. 7) history and
 * its active headcount.
 *
 * The headcount is kept on the organ's own stream so that QUOTA-HIRE holds
 * under concurrent hires: a hire appends `QuotaPlaceTaken` to the using
 * organ's stream (role `organ`) in the same atomic append as the hire, with the
 * expected revision of the organ stream it read — two hires racing for the
 * last place cannot both succeed.
 *
 * For the Hire and Terminate handlers:
 * - read the using organ with role `organ`: `{ organ: organRef(organId) }`;
 * - refuse (STATE `ORGAN_NOT_REGISTERED`) unless `isRegisteredOrgan(state)`;
 * - judge QUOTA-HIRE with `usingOrganQuota: quotaFacts(state, effectiveDate, category)`;
 * - on acceptance append `quotaPlaceTaken({ auxiliaryId, category, planId })` to `organ`
 *   (`planId`: the plan the hire fills, so its reservation shrinks; null if unknown);
 * - a termination appends `quotaPlaceReleased({ auxiliaryId })` to `organ`;
 *   `holdsQuotaPlace(state, auxiliaryId)` says whether there is one to release.
 * Both events are idempotent in `evolve` (taking a place twice counts once,
 * releasing one not held changes nothing), but a handler should guard anyway.
 */

// ── Events ──────────────────────────────────────────────────────────────────

export type OrganRegistered = DomainEvent<
  'OrganRegistered',
  { organId: string; name: string; level: OrganLevel; kind: OrganKind; parentId: string | null }
>;

/** 用人额度 from `from` on, per category or (category null) for the organ as a whole. */
export type QuotaSet = DomainEvent<
  'QuotaSet',
  {
    organId: string;
    category: AuxiliaryCategory | null;
    headcount: number;
    /** The approving document (批准文件), e.g. 内公发〔2024〕12号. */
    documentRef: string;
    /** The REGION-level authority that set it. */
    setByOrganId: string;
    from: IsoDate;
  }
>;

/** An auxiliary now counts against the organ's quota (appended by Hire; also by a transfer in). */
export type QuotaPlaceTaken = DomainEvent<
  'QuotaPlaceTaken',
  { auxiliaryId: string; category: AuxiliaryCategory; /** The plan whose opening the hire fills, if known. */ planId?: string | null }
>;

/** The auxiliary no longer counts against the quota (appended by Terminate; also by a transfer out). */
export type QuotaPlaceReleased = DomainEvent<'QuotaPlaceReleased', { auxiliaryId: string }>;

/**
 * A recruitment plan holds openings in this organ's quota headroom (QUOTA-PLAN)
 * until filled (a `QuotaPlaceTaken` naming the plan) or released. Category
 * null: openings for either category.
 */
export type PlanOpeningsReserved = DomainEvent<
  'PlanOpeningsReserved',
  { planId: string; openings: { category: AuxiliaryCategory | null; count: number }[] }
>;

/** The plan's unfilled openings no longer hold headroom (plan withdrawn or closed). */
export type PlanOpeningsReleased = DomainEvent<'PlanOpeningsReleased', { planId: string }>;

export type OrganEvent = OrganRegistered | QuotaSet | QuotaPlaceTaken | QuotaPlaceReleased | PlanOpeningsReserved | PlanOpeningsReleased;

export const organRegistered = (data: OrganRegistered['data']): OrganRegistered => ({ type: 'OrganRegistered', schemaVersion: 1, data });
export const quotaSet = (data: QuotaSet['data']): QuotaSet => ({ type: 'QuotaSet', schemaVersion: 1, data });
export const quotaPlaceTaken = (data: QuotaPlaceTaken['data']): QuotaPlaceTaken => ({ type: 'QuotaPlaceTaken', schemaVersion: 1, data });
export const quotaPlaceReleased = (data: QuotaPlaceReleased['data']): QuotaPlaceReleased => ({ type: 'QuotaPlaceReleased', schemaVersion: 1, data });
export const planOpeningsReserved = (data: PlanOpeningsReserved['data']): PlanOpeningsReserved => ({ type: 'PlanOpeningsReserved', schemaVersion: 1, data });
export const planOpeningsReleased = (data: PlanOpeningsReleased['data']): PlanOpeningsReleased => ({ type: 'PlanOpeningsReleased', schemaVersion: 1, data });

// ── State ───────────────────────────────────────────────────────────────────

export interface QuotaRecord {
  category: AuxiliaryCategory | null;
  headcount: number;
  documentRef: string;
  setByOrganId: string;
  from: IsoDate;
}

export interface QuotaPlace {
  category: AuxiliaryCategory;
  takenOn: IsoDate;
}

/** Openings one plan holds in this organ, by category (`ANY`: either). */
export type ReservationKey = AuxiliaryCategory | 'ANY';
export type Reservation = Partial<Record<ReservationKey, { count: number; filled: number }>>;

const keyOf = (category: AuxiliaryCategory | null): ReservationKey => category ?? 'ANY';
const unfilled = (r: Reservation, key: ReservationKey): number => Math.max((r[key]?.count ?? 0) - (r[key]?.filled ?? 0), 0);

/** A hire filling a plan's opening fills one of its category if any is left, else one for either category. */
function fillOne(r: Reservation, category: AuxiliaryCategory): Reservation {
  const key = ([category, 'ANY'] as const).find((k) => unfilled(r, k) > 0);
  const slot = key && r[key];
  return key && slot ? { ...r, [key]: { ...slot, filled: slot.filled + 1 } } : r;
}

export interface UnregisteredOrgan {
  status: 'UNREGISTERED';
}

export interface RegisteredOrgan {
  status: 'REGISTERED';
  organId: string;
  name: string;
  level: OrganLevel;
  kind: OrganKind;
  parentId: string | null;
  registeredOn: IsoDate;
  /** Every quota ever set, in the order recorded (history is kept, never overwritten). */
  quotas: QuotaRecord[];
  /** Auxiliaries counting against the quota now, by auxiliary id. */
  places: Record<string, QuotaPlace>;
  /** Openings reserved by recruitment plans, by plan id. */
  reservations: Record<string, Reservation>;
}

export type OrganState = UnregisteredOrgan | RegisteredOrgan;

export const isRegisteredOrgan = (state: OrganState): state is RegisteredOrgan => state.status === 'REGISTERED';

// ── Evolve ──────────────────────────────────────────────────────────────────

export function evolveOrgan(state: OrganState, { event, effectiveDate }: Envelope<OrganEvent>): OrganState {
  if (event.type === 'OrganRegistered') {
    if (state.status === 'REGISTERED') return state;
    const { organId, name, level, kind, parentId } = event.data;
    return { status: 'REGISTERED', organId, name, level, kind, parentId, registeredOn: effectiveDate, quotas: [], places: {}, reservations: {} };
  }
  if (state.status !== 'REGISTERED') return state;
  switch (event.type) {
    case 'QuotaSet': {
      const { category, headcount, documentRef, setByOrganId, from } = event.data;
      return { ...state, quotas: [...state.quotas, { category, headcount, documentRef, setByOrganId, from }] };
    }
    case 'QuotaPlaceTaken': {
      const { auxiliaryId, category, planId } = event.data;
      if (state.places[auxiliaryId]) return state;
      const reservation = planId ? state.reservations[planId] : undefined;
      const reservations = planId && reservation ? { ...state.reservations, [planId]: fillOne(reservation, category) } : state.reservations;
      return { ...state, places: { ...state.places, [auxiliaryId]: { category, takenOn: effectiveDate } }, reservations };
    }
    case 'QuotaPlaceReleased': {
      if (!state.places[event.data.auxiliaryId]) return state;
      const { [event.data.auxiliaryId]: _released, ...places } = state.places;
      return { ...state, places };
    }
    case 'PlanOpeningsReserved': {
      const { planId, openings } = event.data;
      const reservation: Reservation = {};
      for (const o of openings) {
        const key = keyOf(o.category);
        reservation[key] = { count: (reservation[key]?.count ?? 0) + o.count, filled: 0 };
      }
      return { ...state, reservations: { ...state.reservations, [planId]: reservation } };
    }
    case 'PlanOpeningsReleased': {
      const { [event.data.planId]: _released, ...reservations } = state.reservations;
      return { ...state, reservations };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const Organ: Aggregate<OrganState, OrganEvent> = {
  streamPrefix: 'organ',
  initialState: () => ({ status: 'UNREGISTERED' }),
  evolve: evolveOrgan,
};

export const organRef = (organId: string): StreamRef<OrganState> => ({ aggregate: Organ as Aggregate<OrganState, never>, id: organId });

// ── Quota queries ───────────────────────────────────────────────────────────

/**
 * The quota in force on `date` for a category (null: the organ-wide quota):
 * the latest `from` on or before the date; of two with the same `from`, the
 * one recorded last (a correction).
 */
export function quotaInForce(organ: RegisteredOrgan, date: IsoDate, category: AuxiliaryCategory | null): QuotaRecord | null {
  let found: QuotaRecord | null = null;
  for (const q of organ.quotas) {
    if (q.category === category && q.from <= date && (found === null || q.from >= found.from)) found = q;
  }
  return found;
}

export const activeHeadcount = (organ: RegisteredOrgan, category: AuxiliaryCategory | null = null): number =>
  Object.values(organ.places).filter((p) => category === null || p.category === category).length;

export const holdsQuotaPlace = (organ: OrganState, auxiliaryId: string): boolean => organ.status === 'REGISTERED' && auxiliaryId in organ.places;

/**
 * Openings other plans hold and have not filled: all of them organ-wide; for a
 * category, its own and those for either category (the safe side).
 */
function reservedOpenings(organ: RegisteredOrgan, category: AuxiliaryCategory | null, excludingPlanId: string | null): number {
  const keys: ReservationKey[] = category === null ? ['CIVILIAN', 'DUTY', 'ANY'] : [category, 'ANY'];
  return Object.entries(organ.reservations)
    .filter(([planId]) => planId !== excludingPlanId)
    .reduce((sum, [, r]) => sum + keys.reduce((n, k) => n + unfilled(r, k), 0), 0);
}

interface Constraint {
  quota: number | null;
  used: number;
}

/** The quotas that bind a category on a date: the organ-wide one and, if any, the category's own. */
function bindingConstraint(organ: RegisteredOrgan, date: IsoDate, category: AuxiliaryCategory | null, used: (c: AuxiliaryCategory | null) => number): Constraint {
  const scopes: (AuxiliaryCategory | null)[] = category === null ? [null] : [null, category];
  const inForce = scopes.flatMap((scope) => {
    const q = quotaInForce(organ, date, scope);
    return q ? [{ quota: q.headcount, used: used(scope) }] : [];
  });
  if (inForce.length === 0) return { quota: null, used: used(category) };
  // The tightest quota decides: if any is exceeded, it is this one.
  return inForce.reduce((a, b) => (b.quota - b.used < (a.quota ?? 0) - a.used ? b : a));
}

/**
 * What QUOTA-HIRE needs about the using organ: the quota in force on the hire's
 * effective date and the active headcount before the hire. With a category,
 * both the organ-wide quota and the category's own bind; the tighter one is
 * given. The headcount is the stream's current one (a back-dated hire is
 * judged against today's headcount, the safe side).
 */
export function quotaFacts(organ: RegisteredOrgan, date: IsoDate, category: AuxiliaryCategory | null = null): QuotaHireFacts['usingOrganQuota'] {
  const c = bindingConstraint(organ, date, category, (scope) => activeHeadcount(organ, scope));
  return { organId: organ.organId, quota: c.quota, activeHeadcount: c.used };
}

/**
 * What QUOTA-PLAN needs for a plan's openings in one organ, one row per quota
 * that binds them: the organ-wide quota for all the plan's openings there, and
 * each category's own quota for that category's openings. The committed
 * headcount is active auxiliaries plus other plans' unfilled openings (the
 * plan's own reservation is left out, so judging it again after reserving
 * gives the same answer). With no quota in force for some openings, the row
 * says quota null and QUOTA-PLAN refuses.
 */
export function planOpeningFacts(
  organ: RegisteredOrgan,
  date: IsoDate,
  planId: string,
  openings: readonly { category: AuxiliaryCategory | null; count: number }[],
): QuotaPlanFacts['plan']['openings'][number][] {
  const committed = (scope: AuxiliaryCategory | null) => activeHeadcount(organ, scope) + reservedOpenings(organ, scope, planId);
  const row = (scope: AuxiliaryCategory | null, count: number) => ({
    organId: organ.organId,
    count,
    quota: quotaInForce(organ, date, scope)?.headcount ?? null,
    committedHeadcount: committed(scope),
  });
  const categories = (['CIVILIAN', 'DUTY'] as const).filter((c) => quotaInForce(organ, date, c) !== null);
  const rows = categories
    .map((c) => row(c, openings.filter((o) => o.category === c).reduce((n, o) => n + o.count, 0)))
    .filter((r) => r.count > 0);
  const coveredByCategory = openings.every((o) => o.category !== null && categories.includes(o.category));
  const wholeOrgan = quotaInForce(organ, date, null) !== null || !coveredByCategory;
  return wholeOrgan ? [row(null, openings.reduce((n, o) => n + o.count, 0)), ...rows] : rows;
}
