import { judgeInForce, PLAN_CHECKS } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler } from '../kernel';
import { recruitmentAnnounced, targetedOpeningsOf } from './recruitment-plan';
import { isRefusal, openingOrganIds, organsMatch, planStreams, quotaPlanRows, registeredOrgans, type PlanStreams } from './plan-organs';

/**
 * 发布招聘公告 (Art. 20 (1)): only after the approval (PLAN-APPROVAL, judged
 * against the announcement's date), and with the openings still within the
 * quota headroom of their organs on that date (QUOTA-PLAN: a quota may have
 * been lowered since the draft). `organIds` names the organs the plan
 * recruits for (the streams are chosen before the plan is read); they must be
 * exactly the plan's.
 */
export type AnnounceRecruitment = Command<'AnnounceRecruitment', { planId: string; announcementRef: string; organIds: string[] }>;

export const announceRecruitment: CommandHandler<AnnounceRecruitment, PlanStreams> = {
  commandType: 'AnnounceRecruitment',
  streams: ({ data }) => planStreams(data.planId, data.organIds),
  decide({ data, metadata }, states, { registry }) {
    const { plan } = states;
    if (plan.status === 'NONE') return refuseWithStateCode('PLAN_NOT_FOUND', { zh: `招聘计划${data.planId}不存在`, en: `No recruitment plan ${data.planId}` });
    if (plan.status === 'CLOSED') return refuseWithStateCode('PLAN_CLOSED', { zh: '招聘计划已结束', en: 'The plan is closed' });
    if (plan.status === 'ANNOUNCED') return refuseWithStateCode('PLAN_ALREADY_ANNOUNCED', { zh: '招聘公告已发布', en: 'The recruitment is already announced' });
    const mismatch = organsMatch(data.organIds, openingOrganIds(plan.openings));
    if (mismatch) return mismatch;
    const organs = registeredOrgans(states, data.organIds, 'OPENING_ORGAN_NOT_REGISTERED');
    if (isRefusal(organs)) return organs;

    const announcedOn = metadata.effectiveDate;
    const judgement = judgeInForce(registry, PLAN_CHECKS, {
      effectiveDate: announcedOn,
      recruitingOrgan: { id: plan.draftingOrganId, level: plan.draftingOrganLevel },
      plan: {
        draftingOrganLevel: plan.draftingOrganLevel,
        approval: plan.status === 'APPROVED' ? plan.approval : null,
        announcedOn,
        openings: quotaPlanRows(organs, announcedOn, plan.planId, plan.openings),
      },
      targetedOpenings: targetedOpeningsOf(plan.openings),
      targetedPlacement: null,
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ plan: [recruitmentAnnounced({ planId: data.planId, announcementRef: data.announcementRef, announcedOn })] }, judgement);
  },
};
