import { ASSESS, type AssessmentDimension, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/**
 * 考核 (Art. 36 ¶2): 思想政治素质、工作能力、工作作风、工作绩效、遵纪守法, with a grade
 * from the parameter list (ASSESS). The result is the basis of 层级升降 (Promote, Demote).
 */

export type RecordAssessment = Command<'RecordAssessment', {
  auxiliaryId: string;
  assessmentId: string;
  period: string;
  dimensions: AssessmentDimension[];
  grade: string;
}>;

export const recordAssessment: CommandHandler<RecordAssessment, AuxiliaryRefs> = serviceCommand<RecordAssessment, AuxiliaryRefs>({
  commandType: 'RecordAssessment',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (whole.service.assessments.some((a) => a.assessmentId === data.assessmentId)) return duplicateId({ zh: '考核', en: 'Assessment' }, data.assessmentId);

    const judgement = judgeInForce(context.registry, [ASSESS.id], { effectiveDate: on, assessment: { dimensions: data.dimensions, grade: data.grade } });
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, assessmentId, period, dimensions, grade } = data;
    return accept({ auxiliary: [auxiliaryEvent('AssessmentRecorded', { auxiliaryId, assessmentId, period, dimensions, grade, assessedOn: on })] }, judgement);
  },
});
