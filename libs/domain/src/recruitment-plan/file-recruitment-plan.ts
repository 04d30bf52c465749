import { judgeInForce } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { organRef, type OrganState } from '../organ/organ';
import { recruitmentPlanFiled, recruitmentPlanRef, type RecruitmentPlanState } from './recruitment-plan';

/**
 * 备案 (Art. 18 ¶2): a CITY-level organ files its plan and its use with the
 * REGION-level organ. Until filed, the plan is a supervision finding
 * (PLAN-FILING, `planFilingFinding`); the filing is judged by that rule as of
 * the filing date.
 */
export type FileRecruitmentPlan = Command<'FileRecruitmentPlan', { planId: string; regionOrganId: string; filingRef: string }>;

type Streams = { plan: StreamRef<RecruitmentPlanState>; region: StreamRef<OrganState> };

export const fileRecruitmentPlan: CommandHandler<FileRecruitmentPlan, Streams> = {
  commandType: 'FileRecruitmentPlan',
  streams: ({ data }) => ({ plan: recruitmentPlanRef(data.planId), region: organRef(data.regionOrganId) }),
  decide({ data, metadata }, { plan, region }, { registry }) {
    if (plan.status === 'NONE') return refuseWithStateCode('PLAN_NOT_FOUND', { zh: `招聘计划${data.planId}不存在`, en: `No recruitment plan ${data.planId}` });
    if (plan.filing) return refuseWithStateCode('PLAN_ALREADY_FILED', { zh: '招聘计划已备案', en: 'The plan is already filed' });
    if (plan.draftingOrganLevel !== 'CITY') {
      return refuseWithStateCode('FILING_NOT_REQUIRED', { zh: '只有盟市招聘计划向自治区备案', en: 'Only CITY-level plans are filed with the region' });
    }
    if (region.status !== 'REGISTERED') return refuseWithStateCode('ORGAN_NOT_REGISTERED', { zh: `机关${data.regionOrganId}未登记`, en: `Organ ${data.regionOrganId} is not registered` });
    if (region.level !== 'REGION') {
      return refuseWithStateCode('FILING_NOT_WITH_REGION', { zh: '应当向自治区人民政府公安机关备案', en: 'Plans are filed with the REGION-level organ' }, { level: region.level });
    }
    if (!data.filingRef.trim()) return refuseWithStateCode('FILING_REF_MISSING', { zh: '应记录备案编号', en: 'The filing reference is required' });

    const filedOn = metadata.effectiveDate;
    const judgement = judgeInForce(registry, ['PLAN-FILING'], { effectiveDate: filedOn, plan: { draftingOrganLevel: plan.draftingOrganLevel, filedWithRegionOn: filedOn } });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ plan: [recruitmentPlanFiled({ planId: data.planId, regionOrganId: data.regionOrganId, filingRef: data.filingRef, filedOn })] }, judgement);
  },
};
