import { judgeInForce } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler, type DomainEvent } from '../kernel';
import { planOpeningsReserved } from '../organ/organ';
import { organRole, recruitmentPlanDrafted, targetedOpeningsOf, type OrganRole, type PlanOpening, type PostCondition } from './recruitment-plan';
import { isRefusal, openingOrganIds, planStreams, quotaPlanRows, registeredOrgan, registeredOrgans, reservationOf, type PlanStreams } from './plan-organs';

/**
 * 制定招聘计划 (Art. 18 ¶1): a CITY-level organ or above (PLAN-ORGAN; never a
 * unit, PLAN-NO-SELF) drafts a plan within the quota headroom of every organ
 * it recruits for (QUOTA-PLAN); targeted openings only for Art. 22 ¶1 items
 * (1) and (2) (PREF-TARGETED). The openings are reserved in each organ's
 * stream in the same append, so that two plans cannot both count on the same
 * headroom.
 */
export type DraftRecruitmentPlan = Command<
  'DraftRecruitmentPlan',
  { planId: string; draftingOrganId: string; title: string; openings: PlanOpening[]; postConditions: PostCondition[] }
>;

const DRAFT_CHECKS = ['PLAN-ORGAN', 'PLAN-NO-SELF', 'QUOTA-PLAN', 'PREF-TARGETED'] as const;

function openingsDefect(openings: readonly PlanOpening[]): string | null {
  if (openings.length === 0) return 'no openings';
  if (new Set(openings.map((o) => o.openingId)).size !== openings.length) return 'duplicate opening ids';
  if (openings.some((o) => !Number.isInteger(o.count) || o.count < 1)) return 'an opening count is not a positive whole number';
  return null;
}

export const draftRecruitmentPlan: CommandHandler<DraftRecruitmentPlan, PlanStreams> = {
  commandType: 'DraftRecruitmentPlan',
  streams: ({ data }) => planStreams(data.planId, [data.draftingOrganId, ...openingOrganIds(data.openings)]),
  decide({ data, metadata }, states, { registry }) {
    if (states.plan.status !== 'NONE') {
      return refuseWithStateCode('PLAN_ALREADY_DRAFTED', { zh: `招聘计划${data.planId}已存在`, en: `Recruitment plan ${data.planId} already exists` });
    }
    const defect = openingsDefect(data.openings);
    if (defect) return refuseWithStateCode('INVALID_OPENINGS', { zh: `招聘岗位有误：${defect}`, en: `Invalid openings: ${defect}` });
    const drafter = registeredOrgan(states, data.draftingOrganId, 'ORGAN_NOT_REGISTERED');
    if (isRefusal(drafter)) return drafter;
    const organs = registeredOrgans(states, openingOrganIds(data.openings), 'OPENING_ORGAN_NOT_REGISTERED');
    if (isRefusal(organs)) return organs;

    const date = metadata.effectiveDate;
    const judgement = judgeInForce(registry, DRAFT_CHECKS, {
      effectiveDate: date,
      recruitingOrgan: { id: drafter.organId, level: drafter.level },
      plan: { openings: quotaPlanRows(organs, date, data.planId, data.openings) },
      targetedOpenings: targetedOpeningsOf(data.openings),
      targetedPlacement: null,
    });
    if (!judgement.ok) return refuseCitingRules(judgement);

    const { planId, draftingOrganId, title, openings, postConditions } = data;
    const events: Record<string, DomainEvent[]> = {
      plan: [recruitmentPlanDrafted({ planId, draftingOrganId, draftingOrganLevel: drafter.level, title, openings, postConditions })],
    };
    for (const organId of openingOrganIds(openings)) {
      events[organRole(organId)] = [planOpeningsReserved({ planId, openings: reservationOf(openings.filter((o) => o.organId === organId)) })];
    }
    return accept(events as Partial<Record<'plan' | OrganRole, DomainEvent[]>>, judgement);
  },
};
