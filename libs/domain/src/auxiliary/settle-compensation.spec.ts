import { command, on, scenario } from '../testing';
import { AUX, ORGAN, hired, terminatedOn } from './auxiliary.fixtures';
import { auxiliaryEvent } from './events';
import { type SettleCompensation, settleCompensation } from './settle-compensation';

describe('Art. 42 ¶3: a compensation settled — the recovery borne, or none owed', () => {
  const paid = on('2025-03-01', auxiliaryEvent('CompensationPaid', { auxiliaryId: AUX, compensationId: 'cmp-1', paidByOrganId: ORGAN, paidFen: 100000, claimRef: '国赔2025-1', paidOn: '2025-03-01' }));
  const ordered = on('2025-04-01', auxiliaryEvent('CompensationRecoveryOrdered', { auxiliaryId: AUX, compensationId: 'cmp-1', fromAuxiliaryFen: 60000, fault: 'GROSS_NEGLIGENCE', findingRef: '认定书1', orderedOn: '2025-04-01' }));
  const settle = (data: Partial<SettleCompensation['data']> = {}, on = '2025-06-01') =>
    command<SettleCompensation>('SettleCompensation', { auxiliaryId: AUX, compensationId: 'cmp-1', settlement: 'RECOVERY_BORNE', settlementRef: '结案2025-3', ...data }, on);
  const given = scenario(settleCompensation).given;

  it('records the settlement of an ordered recovery borne, with the sum ordered; also after the departure', () => {
    given({ auxiliary: [hired(), paid, ordered] })
      .when(settle())
      .then({ auxiliary: [auxiliaryEvent('CompensationSettled', { auxiliaryId: AUX, compensationId: 'cmp-1', settlement: 'RECOVERY_BORNE', settlementRef: '结案2025-3', recoveredFen: 60000, settledOn: '2025-06-01' })] });
    expect(given({ auxiliary: [hired(), paid, ordered, terminatedOn('2025-05-01')] }).when(settle()).decision.accepted).toBe(true);
  });

  it('records no recovery owed only when none was ordered, and a recovery borne only when one was', () => {
    expect(given({ auxiliary: [hired(), paid] }).when(settle({ settlement: 'NO_RECOVERY' })).decision.accepted).toBe(true);
    given({ auxiliary: [hired(), paid] }).when(settle()).thenRefusedWithStateCode('RECOVERY_NOT_ORDERED');
    given({ auxiliary: [hired(), paid, ordered] }).when(settle({ settlement: 'NO_RECOVERY' })).thenRefusedWithStateCode('RECOVERY_ORDERED');
  });

  it('refuses an unknown compensation, a second settlement, a missing reference or an unknown settlement', () => {
    given({ auxiliary: [hired()] }).when(settle()).thenRefusedWithStateCode('COMPENSATION_NOT_PAID');
    const settled = on('2025-06-01', auxiliaryEvent('CompensationSettled', { auxiliaryId: AUX, compensationId: 'cmp-1', settlement: 'RECOVERY_BORNE', settlementRef: 'x', recoveredFen: 60000, settledOn: '2025-06-01' }));
    given({ auxiliary: [hired(), paid, ordered, settled] }).when(settle({}, '2025-07-01')).thenRefusedWithStateCode('COMPENSATION_ALREADY_SETTLED');
    given({ auxiliary: [hired(), paid, ordered] }).when(settle({ settlementRef: ' ' })).thenRefusedWithStateCode('SETTLEMENT_REF_MISSING');
    given({ auxiliary: [hired(), paid, ordered] }).when(settle({ settlement: 'WAIVED' as never })).thenRefusedWithStateCode('SETTLEMENT_UNKNOWN');
  });
});
