import { judgeInForce, RECRUITMENT_STAGE_CHECKS, type IsoDate } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler } from '../kernel';
import { publicNoticeCompleted } from './recruitment-application';
import { isDecision, openStage, recruitingOrganOf, stageStreams, type StageStreams } from './stage';

/**
 * 公示拟聘用人员名单 (Art. 20 (6)) completed without an upheld objection: the
 * application has passed every stage and may lead to a hire. Recorded on or
 * after the notice's last day (the effective date).
 */
export type CompletePublicNotice = Command<'CompletePublicNotice', { applicationId: string; noticeFrom: IsoDate; noticeUntil: IsoDate }>;

export const completePublicNotice: CommandHandler<CompletePublicNotice, StageStreams> = {
  commandType: 'CompletePublicNotice',
  streams: stageStreams,
  decide({ data, metadata }, states, { registry }) {
    const app = openStage(states.application, 6, data.applicationId, metadata.effectiveDate);
    if (isDecision(app)) return app;
    const recruitingOrgan = recruitingOrganOf(app, states.recruiter, metadata.actor.organId);
    if (isDecision(recruitingOrgan)) return recruitingOrgan;
    if (data.noticeUntil < data.noticeFrom) {
      return refuseWithStateCode('NOTICE_PERIOD_INVALID', { zh: '公示期结束日早于开始日', en: 'The notice period ends before it starts' });
    }
    if (metadata.effectiveDate < data.noticeUntil) {
      return refuseWithStateCode('NOTICE_PERIOD_NOT_OVER', { zh: `公示期至${data.noticeUntil}尚未届满`, en: `The public notice runs until ${data.noticeUntil}` });
    }
    const inspectedOn = app.stages.find((s) => s.stage === 5)?.date;
    if (inspectedOn !== undefined && data.noticeFrom < inspectedOn) {
      return refuseWithStateCode('NOTICE_BEFORE_INSPECTION', { zh: '公示开始于考察之前', en: 'The notice started before the inspection was recorded' });
    }

    const judgement = judgeInForce(registry, RECRUITMENT_STAGE_CHECKS, {
      effectiveDate: metadata.effectiveDate,
      recruitingOrgan,
      application: { id: app.applicationId, stages: app.stages },
      step: { kind: 'STAGE', stage: 6 },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ application: [publicNoticeCompleted({ applicationId: data.applicationId, noticeFrom: data.noticeFrom, noticeUntil: data.noticeUntil })] }, judgement);
  },
};
