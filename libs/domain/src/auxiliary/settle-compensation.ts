import { type Citation, nmg } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, judgeInForceOnly, unknownId } from './guards';
import { serviceCommand } from './service-period';

/**
 * 赔偿的了结 (Art. 42 ¶3: 公安机关赔偿损失后，应当责令有故意或者重大过失的辅警依法
 * 承担部分或者全部赔偿费用). A compensation paid leaves the question of recovery
 * open until it is closed one of two ways:
 * - RECOVERY_BORNE: the recovery ordered has been borne by the auxiliary (at
 *   least one order on record);
 * - NO_RECOVERY: the organ concluded there was no intent or gross negligence,
 *   so nothing is ordered (no order on record).
 * Settled once; recorded also after the departure. While unsettled, the
 * compensation holds the person's personal data against shredding (ADR 0006,
 * COMPENSATION_RECOVERY); settled, it no longer does.
 */

export type CompensationSettlement = 'RECOVERY_BORNE' | 'NO_RECOVERY';
export const COMPENSATION_SETTLEMENTS: readonly CompensationSettlement[] = ['RECOVERY_BORNE', 'NO_RECOVERY'];

/** The clause the settlement closes. */
export const COMPENSATION_SETTLEMENT_CITATION: Citation = nmg(42, 3);

export type SettleCompensation = Command<'SettleCompensation', { auxiliaryId: string; compensationId: string; settlement: CompensationSettlement; settlementRef: string }>;

const COMPENSATION_NAME = { zh: '赔偿', en: 'compensation' } as const;

export const settleCompensation: CommandHandler<SettleCompensation, AuxiliaryRefs> = serviceCommand<SettleCompensation, AuxiliaryRefs>({
  commandType: 'SettleCompensation',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, _state, whole) {
    const on = metadata.effectiveDate;
    const paid = whole.service.compensations.find((c) => c.compensationId === data.compensationId);
    if (!paid) return unknownId('COMPENSATION_NOT_PAID', COMPENSATION_NAME, data.compensationId);
    if (paid.settledOn) {
      return refuseWithStateCode(
        'COMPENSATION_ALREADY_SETTLED',
        { zh: `赔偿${data.compensationId}已于${paid.settledOn}了结`, en: `Compensation ${data.compensationId} was settled on ${paid.settledOn}` },
        { settledOn: paid.settledOn },
      );
    }
    if (!COMPENSATION_SETTLEMENTS.includes(data.settlement)) {
      return refuseWithStateCode('SETTLEMENT_UNKNOWN', { zh: `了结方式${String(data.settlement)}无效`, en: `Unknown settlement ${String(data.settlement)}` }, { expected: [...COMPENSATION_SETTLEMENTS] });
    }
    if (data.settlement === 'RECOVERY_BORNE' && paid.recoveredFen === 0) {
      return refuseWithStateCode(
        'RECOVERY_NOT_ORDERED',
        { zh: `赔偿${data.compensationId}未责令辅警承担费用，不能以“已承担”了结（第四十二条第三款）`, en: `No recovery was ordered on compensation ${data.compensationId}: it cannot be settled as borne (Art. 42 ¶3)` },
        { recoveredFen: 0 },
      );
    }
    if (data.settlement === 'NO_RECOVERY' && paid.recoveredFen > 0) {
      return refuseWithStateCode(
        'RECOVERY_ORDERED',
        { zh: `已责令辅警承担${paid.recoveredFen}分，不能以“不追偿”了结（第四十二条第三款）`, en: `${paid.recoveredFen} fen were ordered from the auxiliary: it cannot be settled as no recovery (Art. 42 ¶3)` },
        { recoveredFen: paid.recoveredFen },
      );
    }
    if (!data.settlementRef.trim()) return refuseWithStateCode('SETTLEMENT_REF_MISSING', { zh: '应记录了结的文书编号', en: 'The settlement’s document reference is required' });

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, compensationId, settlement, settlementRef } = data;
    return accept(
      { auxiliary: [auxiliaryEvent('CompensationSettled', { auxiliaryId, compensationId, settlement, settlementRef, recoveredFen: paid.recoveredFen, settledOn: on })] },
      judgement,
    );
  },
});
