import { judgeInForce } from '@auxledger/statute';
import { type RecruitmentApplicationState, applicationRef, rankingEntryOf } from '../recruitment-application';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { rankingRecorded, recruitmentPlanRef, type RankingEntry, type RecruitmentPlanState } from './recruitment-plan';

/**
 * Records the ranking of a plan's applicants (Art. 22 ¶1 同等条件下优先聘用):
 * scores first; a preference only at equal scores; no ineligible applicant
 * (PREF-RANK). The scores and preference categories are the record's: the
 * handler reads the application of every applicant ranked (role
 * `application:<id>`), judges the order on what they record, and refuses an
 * entry that contradicts them (a raised score, an added category, an ended
 * application called eligible). The event keeps the record's values.
 * `rankByArt22` (application) builds a ranking that passes.
 */
export type RecordRanking = Command<'RecordRanking', { planId: string; ranking: RankingEntry[] }>;

type Streams = { plan: StreamRef<RecruitmentPlanState> } & Record<`application:${string}`, StreamRef<RecruitmentApplicationState>>;

const applicationRole = (applicationId: string) => `application:${applicationId}` as const;

export const recordRanking: CommandHandler<RecordRanking, Streams> = {
  commandType: 'RecordRanking',
  streams: ({ data }) => ({
    plan: recruitmentPlanRef(data.planId),
    ...Object.fromEntries(data.ranking.map((r) => [applicationRole(r.applicantId), applicationRef(r.applicantId)])),
  }) as Streams,
  decide({ data, metadata }, states, { registry }) {
    const { plan } = states;
    if (plan.status !== 'ANNOUNCED') {
      return refuseWithStateCode('PLAN_NOT_ANNOUNCED', { zh: '招聘公告发布后才能排名', en: 'Applicants are ranked only in an announced recruitment' }, { status: plan.status });
    }
    if (new Set(data.ranking.map((r) => r.applicantId)).size !== data.ranking.length) {
      return refuseWithStateCode('DUPLICATE_APPLICANT', { zh: '排名中有重复的应聘人员', en: 'An applicant appears twice in the ranking' });
    }
    const onRecord: RankingEntry[] = [];
    for (const entry of data.ranking) {
      const app = states[applicationRole(entry.applicantId)] as RecruitmentApplicationState | undefined;
      if (!app || app.status === 'NONE' || app.planId !== data.planId) {
        return refuseWithStateCode('APPLICATION_NOT_OF_PLAN', { zh: `应聘人员${entry.applicantId}没有该招聘计划的报名记录`, en: `Applicant ${entry.applicantId} has no application to plan ${data.planId}` }, { applicantId: entry.applicantId });
      }
      const recorded = rankingEntryOf(app);
      if (!recorded) {
        return refuseWithStateCode('APPLICANT_NOT_EXAMINED', { zh: `应聘人员${entry.applicantId}尚无考试成绩`, en: `Applicant ${entry.applicantId} has no exam results on record` }, { applicantId: entry.applicantId });
      }
      onRecord.push(recorded);
    }
    const judgement = judgeInForce(registry, ['PREF-RANK'], { effectiveDate: metadata.effectiveDate, ranking: data.ranking, onRecord });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ plan: [rankingRecorded({ planId: data.planId, ranking: onRecord, rankedOn: metadata.effectiveDate })] }, judgement);
  },
};
