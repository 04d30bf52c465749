import { judgeInForce, RECRUITMENT_STAGE_CHECKS } from '@auxledger/statute';
import { accept, refuseCitingRules, type Command, type CommandHandler } from '../kernel';
import { recruitmentStageFailed, type RecruitmentStageFailed } from './recruitment-application';
import { isDecision, openStage, recruitingOrganOf, stageStreams, type StageStreams } from './stage';

/**
 * A stage of Art. 20 is not passed: the application ends. Recorded in order
 * like a pass (a stage is failed only once those before it are passed). The
 * reason is a coarse code; the finding behind it stays in the sealed record
 * `reasonRef` (PIPL: a disqualification for a criminal record is not spelled
 * out in the event log).
 */
export type FailRecruitmentStage = Command<'FailRecruitmentStage', RecruitmentStageFailed['data']>;

export const failRecruitmentStage: CommandHandler<FailRecruitmentStage, StageStreams> = {
  commandType: 'FailRecruitmentStage',
  streams: stageStreams,
  decide({ data, metadata }, states, { registry }) {
    const app = openStage(states.application, data.stage, data.applicationId, metadata.effectiveDate);
    if (isDecision(app)) return app;
    const recruitingOrgan = recruitingOrganOf(app, states.recruiter, metadata.actor.organId);
    if (isDecision(recruitingOrgan)) return recruitingOrgan;

    const judgement = judgeInForce(registry, RECRUITMENT_STAGE_CHECKS, {
      effectiveDate: metadata.effectiveDate,
      recruitingOrgan,
      application: { id: app.applicationId, stages: app.stages },
      step: { kind: 'STAGE', stage: data.stage },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { applicationId, stage, reason, reasonRef } = data;
    return accept({ application: [recruitmentStageFailed({ applicationId, stage, reason, reasonRef })] }, judgement);
  },
};
