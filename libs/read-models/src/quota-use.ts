import { type OrganState, Organ, activeHeadcount, isRegisteredOrgan, quotaInForce, envelopeOf } from '@auxledger/domain';
import { END_OF_TIME_DATE, type ReadModelStore, defineTemporal } from '@auxledger/projection-engine';
import { idInStream, todayUtc } from './common';
import { organScope } from './organ-hierarchy';
import { recruitmentPlan } from './recruitment-plan';

/**
 * Quota use per organ (Art. 7 用人额度), temporal: the quota in force, the
 * active headcount (auxiliaries holding a place: hired, not yet departed, by
 * their effective dates), openings recruitment plans hold, and the headroom.
 * The state is the domain's fold of the organ stream in effective-date order;
 * a quota holds from its command's effective date (SetQuota sets `from` so).
 *
 * Reserved openings are those QUOTA-PLAN counts: every plan that has reserved
 * openings here and not released them (the domain reserves when a plan is
 * drafted). `reservations` keeps them per plan, so that `quotaUse` can say how
 * many belong to approved plans (recruitment_plan).
 */
export type QuotaUseRow = {
  organ_id: string;
  parent_id: string | null;
  level: string;
  name: string;
  /** Organ-wide quota in force (null: none set). */
  quota: number | null;
  quota_document_ref: string | null;
  quota_civilian: number | null;
  quota_duty: number | null;
  active_headcount: number;
  active_civilian: number;
  active_duty: number;
  /** Unfilled openings plans hold here (any category). */
  reserved_openings: number;
  /** Unfilled openings per plan id. */
  reservations: Record<string, number>;
  /** quota − active − reserved (null without an organ-wide quota). */
  headroom: number | null;
};

function unfilledOf(reservation: Record<string, { count: number; filled: number } | undefined>): number {
  return Object.values(reservation).reduce((n, slot) => n + Math.max((slot?.count ?? 0) - (slot?.filled ?? 0), 0), 0);
}

export function quotaUseRow(state: OrganState): QuotaUseRow | null {
  if (!isRegisteredOrgan(state)) return null;
  // Every quota folded so far took effect on or before the fold's date (from = effective date).
  const quota = quotaInForce(state, END_OF_TIME_DATE, null);
  const reservations: Record<string, number> = {};
  for (const [planId, r] of Object.entries(state.reservations)) {
    const unfilled = unfilledOf(r);
    if (unfilled > 0) reservations[planId] = unfilled;
  }
  const reserved = Object.values(reservations).reduce((n, v) => n + v, 0);
  const active = activeHeadcount(state);
  return {
    organ_id: state.organId,
    parent_id: state.parentId,
    level: state.level,
    name: state.name,
    quota: quota?.headcount ?? null,
    quota_document_ref: quota?.documentRef ?? null,
    quota_civilian: quotaInForce(state, END_OF_TIME_DATE, 'CIVILIAN')?.headcount ?? null,
    quota_duty: quotaInForce(state, END_OF_TIME_DATE, 'DUTY')?.headcount ?? null,
    active_headcount: active,
    active_civilian: activeHeadcount(state, 'CIVILIAN'),
    active_duty: activeHeadcount(state, 'DUTY'),
    reserved_openings: reserved,
    reservations,
    headroom: quota ? quota.headcount - active - reserved : null,
  };
}

export const quotaUse = defineTemporal<OrganState, QuotaUseRow>({
  name: 'quota_use',
  entityColumn: 'organ_id',
  columns: {
    organ_id: 'text',
    parent_id: 'text',
    level: 'text',
    name: 'text',
    quota: 'integer',
    quota_document_ref: 'text',
    quota_civilian: 'integer',
    quota_duty: 'integer',
    active_headcount: 'integer',
    active_civilian: 'integer',
    active_duty: 'integer',
    reserved_openings: 'integer',
    reservations: 'json',
    headroom: 'integer',
  },
  indexes: [['parent_id']],
  handles: ['OrganRegistered', 'QuotaSet', 'QuotaPlaceTaken', 'QuotaPlaceReleased', 'PlanOpeningsReserved', 'PlanOpeningsReleased'],
  entity: (event) => idInStream(event, Organ.streamPrefix),
  initialState: () => Organ.initialState(),
  evolve: (state, event) => Organ.evolve(state, envelopeOf(event) as never),
  row: quotaUseRow,
});

export type QuotaUseEntry = QuotaUseRow & {
  /** Of `reserved_openings`, those held by plans approved (or announced) on the date. */
  reserved_in_approved_plans: number;
};

export interface QuotaUseReport {
  asOf: string;
  /** One entry per organ in scope that was registered on the date, in path order. */
  organs: QuotaUseEntry[];
  /** Sums over the scope (organs without a quota add nothing to `quota` and `headroom`). */
  total: { quota: number; active_headcount: number; reserved_openings: number; reserved_in_approved_plans: number; headroom: number; organs_without_quota: number };
}

/**
 * Quota use of an organ, or of its whole subtree summed (Art. 7), as of a date
 * (and as known at an instant).
 */
export async function quotaUseOf(
  store: ReadModelStore,
  organId: string,
  options: { asOf?: string; knownAt?: string; includeSubtree: boolean },
): Promise<QuotaUseReport> {
  const asOf = options.asOf ?? todayUtc();
  const known = options.knownAt ? { knownAt: options.knownAt } : {};
  const organs = await organScope(store, organId, options.includeSubtree);
  const rows = (await store.asOf(quotaUse, asOf, { where: { organ_id: organs }, ...known })) as unknown as QuotaUseRow[];
  const planIds = [...new Set(rows.flatMap((r) => Object.keys(r.reservations ?? {})))];
  const approved = new Set(
    planIds.length === 0
      ? []
      : (await store.asOf(recruitmentPlan, asOf, { where: { plan_id: planIds, status: ['APPROVED', 'ANNOUNCED'] }, ...known })).map((p) => p['plan_id'] as string),
  );
  const order = new Map(organs.map((id, i) => [id, i]));
  const entries = rows
    .map((r) => ({
      ...r,
      reserved_in_approved_plans: Object.entries(r.reservations ?? {}).reduce((n, [planId, count]) => n + (approved.has(planId) ? count : 0), 0),
    }))
    .sort((a, b) => (order.get(a.organ_id) ?? 0) - (order.get(b.organ_id) ?? 0));
  const total = { quota: 0, active_headcount: 0, reserved_openings: 0, reserved_in_approved_plans: 0, headroom: 0, organs_without_quota: 0 };
  for (const e of entries) {
    total.active_headcount += e.active_headcount;
    total.reserved_openings += e.reserved_openings;
    total.reserved_in_approved_plans += e.reserved_in_approved_plans;
    if (e.quota === null) total.organs_without_quota += 1;
    else {
      total.quota += e.quota;
      total.headroom += e.headroom ?? 0;
    }
  }
  return { asOf, organs: entries, total };
}
