import { type CompensationFacts, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId, unknownId } from './guards';
import { serviceCommand } from './service-period';

/**
 * 赔偿与追偿 (Art. 42 ¶2–3), judged with COMPENSATION: the using organ pays the
 * damages; it then orders the auxiliary to bear part or all of them only on a
 * recorded finding of intent or gross negligence, never more than was paid
 * (summed over every recovery order). Also after the auxiliary has left.
 */

type Fault = NonNullable<CompensationFacts['compensation']['recovery']>['fault'];

export type PayCompensation = Command<'PayCompensation', { auxiliaryId: string; compensationId: string; paidByOrganId: string; paidFen: number; claimRef: string }>;
export type OrderCompensationRecovery = Command<'OrderCompensationRecovery', {
  auxiliaryId: string;
  compensationId: string;
  fromAuxiliaryFen: number;
  fault: Fault;
  findingRef: string;
}>;

const recoverable = (fault: Fault): fault is 'INTENT' | 'GROSS_NEGLIGENCE' => fault === 'INTENT' || fault === 'GROSS_NEGLIGENCE';
const COMPENSATION_NAME = { zh: '赔偿', en: 'compensation' } as const;

export const payCompensation: CommandHandler<PayCompensation, AuxiliaryRefs> = serviceCommand<PayCompensation, AuxiliaryRefs>({
  commandType: 'PayCompensation',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (whole.service.compensations.some((c) => c.compensationId === data.compensationId)) return duplicateId(COMPENSATION_NAME, data.compensationId);
    if (!Number.isInteger(data.paidFen) || data.paidFen <= 0) return refuseWithStateCode('AMOUNT_INVALID', { zh: '赔偿金额须为正整数（分）', en: 'The amount is a positive whole number of fen' });

    const { auxiliaryId, compensationId, paidByOrganId, paidFen, claimRef } = data;
    const judgement = judgeInForce(context.registry, ['COMPENSATION'], {
      effectiveDate: on,
      compensation: { paidByOrganId, usingOrganId: state.service.usingOrganId, paidFen, recovery: null },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('CompensationPaid', { auxiliaryId, compensationId, paidByOrganId, paidFen, claimRef, paidOn: on })] }, judgement);
  },
});

export const orderCompensationRecovery: CommandHandler<OrderCompensationRecovery, AuxiliaryRefs> = serviceCommand<OrderCompensationRecovery, AuxiliaryRefs>({
  commandType: 'OrderCompensationRecovery',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state) {
    const on = metadata.effectiveDate;
    const paid = state.service.compensations.find((c) => c.compensationId === data.compensationId);
    if (!paid) return unknownId('COMPENSATION_NOT_PAID', COMPENSATION_NAME, data.compensationId);
    if (!Number.isInteger(data.fromAuxiliaryFen) || data.fromAuxiliaryFen <= 0) return refuseWithStateCode('AMOUNT_INVALID', { zh: '追偿金额须为正整数（分）', en: 'The amount is a positive whole number of fen' });

    const { auxiliaryId, compensationId, fromAuxiliaryFen, fault, findingRef } = data;
    const judgement = judgeInForce(context.registry, ['COMPENSATION'], {
      effectiveDate: on,
      compensation: {
        paidByOrganId: paid.paidByOrganId,
        usingOrganId: state.service.usingOrganId,
        paidFen: paid.paidFen,
        recovery: { fromAuxiliaryFen: paid.recoveredFen + fromAuxiliaryFen, fault, findingRef },
      },
    });
    if (!judgement.ok || !recoverable(fault)) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('CompensationRecoveryOrdered', { auxiliaryId, compensationId, fromAuxiliaryFen, fault, findingRef, orderedOn: on })] }, judgement);
  },
});
