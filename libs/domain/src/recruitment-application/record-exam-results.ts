import { judgeInForce, RECRUITMENT_STAGE_CHECKS } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler } from '../kernel';
import { examsPassed, type ExamScores } from './recruitment-application';
import { isDecision, openStage, recruitingOrganOf, stageStreams, type StageStreams } from './stage';

/** 笔试、体能测试与面试 (Art. 20 (3)) passed, with the scores that rank applicants (Art. 22 ¶1). */
export type RecordExamResults = Command<'RecordExamResults', { applicationId: string; scores: ExamScores }>;

export const recordExamResults: CommandHandler<RecordExamResults, StageStreams> = {
  commandType: 'RecordExamResults',
  streams: stageStreams,
  decide({ data, metadata }, states, { registry }) {
    const app = openStage(states.application, 3, data.applicationId, metadata.effectiveDate);
    if (isDecision(app)) return app;
    const recruitingOrgan = recruitingOrganOf(app, states.recruiter, metadata.actor.organId);
    if (isDecision(recruitingOrgan)) return recruitingOrgan;
    if (Object.values(data.scores).some((n) => !Number.isFinite(n) || n < 0)) {
      return refuseWithStateCode('INVALID_SCORES', { zh: '成绩应为非负数', en: 'Scores are non-negative numbers' }, { scores: data.scores });
    }

    const judgement = judgeInForce(registry, RECRUITMENT_STAGE_CHECKS, {
      effectiveDate: metadata.effectiveDate,
      recruitingOrgan,
      application: { id: app.applicationId, stages: app.stages },
      step: { kind: 'STAGE', stage: 3 },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ application: [examsPassed({ applicationId: data.applicationId, scores: data.scores })] }, judgement);
  },
};
