import { judgeInForce, type OrganLevel } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { recruitmentPlanApproved, recruitmentPlanRef, type RecruitmentPlanState } from './recruitment-plan';

/**
 * 报同级人民政府批准 (Art. 18 ¶1): the same-level people's government approves
 * the plan, with approver and document number (PLAN-APPROVAL). The approval
 * is judged as of its own date; at the announcement it is judged again
 * against the announcement's date.
 */
export type ApproveRecruitmentPlan = Command<'ApproveRecruitmentPlan', { planId: string; governmentLevel: OrganLevel; approver: string; documentNumber: string }>;

type Streams = { plan: StreamRef<RecruitmentPlanState> };

export const approveRecruitmentPlan: CommandHandler<ApproveRecruitmentPlan, Streams> = {
  commandType: 'ApproveRecruitmentPlan',
  streams: ({ data }) => ({ plan: recruitmentPlanRef(data.planId) }),
  decide({ data, metadata }, { plan }, { registry }) {
    if (plan.status === 'NONE') return refuseWithStateCode('PLAN_NOT_FOUND', { zh: `招聘计划${data.planId}不存在`, en: `No recruitment plan ${data.planId}` });
    if (plan.status === 'CLOSED') return refuseWithStateCode('PLAN_CLOSED', { zh: '招聘计划已结束', en: 'The plan is closed' });
    if (plan.status !== 'DRAFTED') return refuseWithStateCode('PLAN_ALREADY_APPROVED', { zh: '招聘计划已批准', en: 'The plan is already approved' });

    const approval = { governmentLevel: data.governmentLevel, approver: data.approver, documentNumber: data.documentNumber, approvedOn: metadata.effectiveDate };
    const judgement = judgeInForce(registry, ['PLAN-APPROVAL'], {
      effectiveDate: metadata.effectiveDate,
      plan: { draftingOrganLevel: plan.draftingOrganLevel, approval, announcedOn: metadata.effectiveDate },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ plan: [recruitmentPlanApproved({ planId: data.planId, ...approval })] }, judgement);
  },
};
