import { judgeInForce } from '@auxledger/statute';
import { accept, refuseByState, refuseByStatute, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { rankingRecorded, recruitmentPlanRef, type RankingEntry, type RecruitmentPlanState } from './recruitment-plan';

/**
 * Records the ranking of a plan's applicants (Art. 22 ¶1 同等条件下优先聘用):
 * scores first; a preference only at equal scores; no ineligible applicant
 * (PREF-RANK). `rankByArt22` (application) builds a ranking that passes.
 */
export type RecordRanking = Command<'RecordRanking', { planId: string; ranking: RankingEntry[] }>;

type Streams = { plan: StreamRef<RecruitmentPlanState> };

export const recordRanking: CommandHandler<RecordRanking, Streams> = {
  commandType: 'RecordRanking',
  streams: ({ data }) => ({ plan: recruitmentPlanRef(data.planId) }),
  decide({ data, metadata }, { plan }, { registry }) {
    if (plan.status !== 'ANNOUNCED') {
      return refuseByState('PLAN_NOT_ANNOUNCED', { zh: '招聘公告发布后才能排名', en: 'Applicants are ranked only in an announced recruitment' }, { status: plan.status });
    }
    if (new Set(data.ranking.map((r) => r.applicantId)).size !== data.ranking.length) {
      return refuseByState('DUPLICATE_APPLICANT', { zh: '排名中有重复的应聘人员', en: 'An applicant appears twice in the ranking' });
    }
    const judgement = judgeInForce(registry, ['PREF-RANK'], { effectiveDate: metadata.effectiveDate, ranking: data.ranking });
    if (!judgement.ok) return refuseByStatute(judgement);
    return accept({ plan: [rankingRecorded({ planId: data.planId, ranking: data.ranking, rankedOn: metadata.effectiveDate })] }, judgement);
  },
};
