import { type Command, type CommandHandler, accept, refuseByState, refuseByStatute } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, beforeHire, judgeInForceOnly, notInService } from './guards';
import { isInService } from './state';

/**
 * 转正: the probation agreed in the contract (Art. 24; 劳动合同法 Art. 19) is passed.
 * Probation ends by the calendar too: for the statute a probationer is already
 * an employed, active auxiliary (DUTY-ACTIVE), so this only records the act.
 */

export type CompleteProbation = Command<'CompleteProbation', { auxiliaryId: string }>;

export const completeProbation: CommandHandler<CompleteProbation, AuxiliaryRefs> = {
  commandType: 'CompleteProbation',
  streams: auxiliaryStream,
  decide({ data, metadata }, { auxiliary: state }, context) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    const onProbation = state.status === 'ON_PROBATION' || (state.status === 'SUSPENDED' && state.resumesAs === 'ON_PROBATION');
    if (!onProbation) return refuseByState('NOT_ON_PROBATION', { zh: '该辅警不在试用期', en: 'The auxiliary is not on probation' });
    if (on < state.service.hiredOn) return beforeHire(state.service.hiredOn, on);

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseByStatute(judgement);
    return accept({ auxiliary: [auxiliaryEvent('ProbationCompleted', { auxiliaryId: data.auxiliaryId, completedOn: on })] }, judgement);
  },
};
