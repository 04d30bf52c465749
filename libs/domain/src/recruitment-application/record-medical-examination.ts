import { judgeInForce, RECRUITMENT_STAGE_CHECKS } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler } from '../kernel';
import { medicalExaminationPassed } from './recruitment-application';
import { isDecision, openStage, recruitingOrganOf, stageStreams, type StageStreams } from './stage';

/**
 * 体检 (Art. 20 (4)) passed — the fitness of Art. 21 (4) (ELIG-FIT at hire).
 * Health data is sensitive (PIPL): only the outcome and the sealed report's
 * reference are recorded.
 */
export type RecordMedicalExamination = Command<'RecordMedicalExamination', { applicationId: string; reportRef: string }>;

export const recordMedicalExamination: CommandHandler<RecordMedicalExamination, StageStreams> = {
  commandType: 'RecordMedicalExamination',
  streams: stageStreams,
  decide({ data, metadata }, states, { registry }) {
    const app = openStage(states.application, 4, data.applicationId, metadata.effectiveDate);
    if (isDecision(app)) return app;
    const recruitingOrgan = recruitingOrganOf(app, states.recruiter, metadata.actor.organId);
    if (isDecision(recruitingOrgan)) return recruitingOrgan;
    if (!data.reportRef.trim()) {
      return refuseWithStateCode('REPORT_REF_MISSING', { zh: '应记录体检报告编号', en: 'The medical report reference is required' });
    }

    const judgement = judgeInForce(registry, RECRUITMENT_STAGE_CHECKS, {
      effectiveDate: metadata.effectiveDate,
      recruitingOrgan,
      application: { id: app.applicationId, stages: app.stages },
      step: { kind: 'STAGE', stage: 4 },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ application: [medicalExaminationPassed({ applicationId: data.applicationId, reportRef: data.reportRef })] }, judgement);
  },
};
