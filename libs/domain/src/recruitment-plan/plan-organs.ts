import type { IsoDate, QuotaPlanFacts } from '@auxledger/statute';
import { refuseWithStateCode, type Decision, type StreamRef } from '../kernel';
import { organRef, planOpeningFacts, type OrganState, type RegisteredOrgan } from '../organ/organ';
import { organRole, recruitmentPlanRef, type OrganRole, type PlanOpening, type RecruitmentPlanState } from './recruitment-plan';

/** A plan command's streams: the plan, and each organ it touches under `organ:<id>`. */
export type PlanStreams = { plan: StreamRef<RecruitmentPlanState> } & { [role: OrganRole]: StreamRef<OrganState> };
export type PlanStates = { plan: RecruitmentPlanState } & { [role: OrganRole]: OrganState | undefined };

export const planStreams = (planId: string, organIds: readonly string[]): PlanStreams => ({
  plan: recruitmentPlanRef(planId),
  ...Object.fromEntries([...new Set(organIds)].map((id) => [organRole(id), organRef(id)])),
});

/** One registered organ, or the refusal. */
export function registeredOrgan(states: PlanStates, organId: string, code: string): RegisteredOrgan | Decision<never> {
  const organ = states[organRole(organId)];
  return organ?.status === 'REGISTERED' ? organ : refuseWithStateCode(code, { zh: `机关${organId}未登记`, en: `Organ ${organId} is not registered` }, { organId });
}

/** The registered organs by id, or the refusal naming the first organ not registered. */
export function registeredOrgans(states: PlanStates, organIds: readonly string[], code: string): Map<string, RegisteredOrgan> | Decision<never> {
  const out = new Map<string, RegisteredOrgan>();
  for (const id of new Set(organIds)) {
    const organ = registeredOrgan(states, id, code);
    if (isRefusal(organ)) return organ;
    out.set(id, organ);
  }
  return out;
}

/** The organs a plan's openings recruit for, each once, in order of first opening. */
export const openingOrganIds = (openings: readonly Pick<PlanOpening, 'organId'>[]): string[] => [...new Set(openings.map((o) => o.organId))];

/** QUOTA-PLAN rows for every organ a plan recruits for (see `planOpeningFacts`). */
export function quotaPlanRows(organs: Map<string, RegisteredOrgan>, date: IsoDate, planId: string, openings: readonly PlanOpening[]): QuotaPlanFacts['plan']['openings'][number][] {
  return openingOrganIds(openings).flatMap((id) => {
    const organ = organs.get(id);
    return organ ? planOpeningFacts(organ, date, planId, openings.filter((o) => o.organId === id)) : [];
  });
}

/** Openings per category, summed: what a plan reserves in one organ. */
export function reservationOf(openings: readonly PlanOpening[]): { category: PlanOpening['category']; count: number }[] {
  const byCategory = new Map<PlanOpening['category'], number>();
  for (const o of openings) byCategory.set(o.category, (byCategory.get(o.category) ?? 0) + o.count);
  return [...byCategory].map(([category, count]) => ({ category, count }));
}

/** A command naming the plan's organs (its streams are chosen before the plan is read) must name exactly them. */
export function organsMatch(named: readonly string[], expected: readonly string[]): Decision<never> | null {
  const a = [...new Set(named)].sort();
  const b = [...new Set(expected)].sort();
  return a.length === b.length && a.every((x, i) => x === b[i])
    ? null
    : refuseWithStateCode('PLAN_ORGANS_MISMATCH', { zh: '命令所列机关与招聘计划的用人机关不一致', en: 'The organs named do not match the plan\'s organs' }, { named: a, expected: b });
}

export const isRefusal = (x: object): x is Decision<never> => 'accepted' in x;
