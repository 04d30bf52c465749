import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, judgeInForceOnly, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService, probationCompletionRecorded } from './state';

/**
 * 转正: the probation agreed in the contract (Art. 24; 劳动合同法 Art. 19) is passed.
 * Probation ends by the calendar too — after its last day the auxiliary is
 * ACTIVE in every view, with or without this record (`probationByCalendar`) —
 * and for the statute a probationer is already an employed, active auxiliary
 * (DUTY-ACTIVE). So this records the act: early (the status changes on its
 * date) or after the last day (the calendar changed it already). Once per
 * contract that agreed a probation.
 */

export type CompleteProbation = Command<'CompleteProbation', { auxiliaryId: string }>;

export const completeProbation: CommandHandler<CompleteProbation, AuxiliaryRefs> = serviceCommand<CompleteProbation, AuxiliaryRefs>({
  commandType: 'CompleteProbation',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    const agreed = state.service.contract.probationLastDay !== null;
    if (!agreed || probationCompletionRecorded(whole.service)) return refuseWithStateCode('NOT_ON_PROBATION', { zh: '该辅警不在试用期', en: 'The auxiliary is not on probation' });

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('ProbationCompleted', { auxiliaryId: data.auxiliaryId, completedOn: on })] }, judgement);
  },
});
