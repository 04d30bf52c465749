import { accept, refuseWithStateCode, type Command, type CommandHandler, type DomainEvent } from '../kernel';
import { planOpeningsReleased } from '../organ/organ';
import { organRole, recruitmentPlanClosed, type OrganRole, type PlanCloseReason } from './recruitment-plan';
import { openingOrganIds, organsMatch, planStreams, type PlanStreams } from './plan-organs';

/**
 * Closes a plan (recruitment completed, withdrawn, or never approved): its
 * unfilled openings stop holding quota headroom in every organ it recruited
 * for, in the same append. `organIds`: the plan's organs, as for the
 * announcement.
 */
export type CloseRecruitmentPlan = Command<'CloseRecruitmentPlan', { planId: string; reason: PlanCloseReason; organIds: string[] }>;

export const closeRecruitmentPlan: CommandHandler<CloseRecruitmentPlan, PlanStreams> = {
  commandType: 'CloseRecruitmentPlan',
  streams: ({ data }) => planStreams(data.planId, data.organIds),
  decide({ data, metadata }, { plan }) {
    if (plan.status === 'NONE') return refuseWithStateCode('PLAN_NOT_FOUND', { zh: `招聘计划${data.planId}不存在`, en: `No recruitment plan ${data.planId}` });
    if (plan.status === 'CLOSED') return refuseWithStateCode('PLAN_CLOSED', { zh: '招聘计划已结束', en: 'The plan is closed' });
    if (data.reason === 'NOT_APPROVED' && plan.status !== 'DRAFTED') {
      return refuseWithStateCode('PLAN_WAS_APPROVED', { zh: '招聘计划已获批准', en: 'The plan was approved' });
    }
    const mismatch = organsMatch(data.organIds, openingOrganIds(plan.openings));
    if (mismatch) return mismatch;

    const events: Record<string, DomainEvent[]> = { plan: [recruitmentPlanClosed({ planId: data.planId, reason: data.reason, closedOn: metadata.effectiveDate })] };
    for (const organId of openingOrganIds(plan.openings)) events[organRole(organId)] = [planOpeningsReleased({ planId: data.planId })];
    return accept(events as Partial<Record<'plan' | OrganRole, DomainEvent[]>>);
  },
};
