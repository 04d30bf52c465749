import type { IsoDate } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type TrainingKind, type TrainingTopic, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId, judgeInForceOnly, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/**
 * 培训 (Art. 35): 岗前培训 (¶2: 培训合格后安排至相应岗位工作 — DUTY-TRAINED reads the
 * earliest passed one), 年度培训 and 专项培训 (¶1). No rule judges the record itself;
 * the command still needs a rule set in force. Training is the auxiliary's, so
 * it is completed on or after the hire and never after the day it is recorded.
 */

export type RecordTraining = Command<'RecordTraining', {
  auxiliaryId: string;
  trainingId: string;
  kind: TrainingKind;
  /** For annual training: the year it counts for; null otherwise. */
  year: number | null;
  topics: TrainingTopic[];
  completedOn: IsoDate;
  outcome: 'PASSED' | 'FAILED';
}>;

export const recordTraining: CommandHandler<RecordTraining, AuxiliaryRefs> = serviceCommand<RecordTraining, AuxiliaryRefs>({
  commandType: 'RecordTraining',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (whole.service.training.trainingIds.includes(data.trainingId)) return duplicateId({ zh: '培训', en: 'Training' }, data.trainingId);
    if (data.completedOn < state.service.hiredOn || data.completedOn > on) {
      return refuseWithStateCode(
        'TRAINING_DATE_OUT_OF_RANGE',
        { zh: `培训完成日期${data.completedOn}须在聘用日期${state.service.hiredOn}与记录生效日期${on}之间`, en: `Training completed on ${data.completedOn} must lie between the hire (${state.service.hiredOn}) and the effective date (${on})` },
        { completedOn: data.completedOn },
      );
    }
    if ((data.kind === 'ANNUAL') !== (data.year !== null)) {
      return refuseWithStateCode('TRAINING_YEAR', { zh: '年度培训须写明年度，其他培训不写年度', en: 'Annual training names its year; other training does not' });
    }

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, trainingId, kind, year, topics, completedOn, outcome } = data;
    return accept({ auxiliary: [auxiliaryEvent('TrainingRecorded', { auxiliaryId, trainingId, kind, year, topics, completedOn, outcome })] }, judgement);
  },
});
