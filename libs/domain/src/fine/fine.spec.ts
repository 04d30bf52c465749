import { fold } from '../kernel';
import { COUNTY, registered } from '../organ/organ.fixtures';
import { command, on, scenario } from '../testing';
import { Fine, fineImposed, finePaid, fineRevoked, type FineImposed } from './fine';
import { imposeFine, type ImposeFine } from './impose-fine';
import { recordFinePayment, type RecordFinePayment } from './record-fine-payment';
import { revokeFine, type RevokeFine } from './revoke-fine';

const TERMS: FineImposed['data'] = {
  fineId: 'fine-1', decidingOrganId: 'xincheng', partyKey: 'party:7c1e…', decisionNumber: '新公（治）行罚决字〔2024〕101号',
  conduct: 'HOLD', item: 'UNIFORM', confiscated: true, amountFen: 800_00, illegalIncomeFen: null,
};
const impose = (data: Partial<ImposeFine['data']> = {}, date = '2024-10-15') => command<ImposeFine>('ImposeFine', { ...TERMS, ...data }, date);
const IMPOSED = on('2024-10-15', fineImposed(TERMS));

describe('ImposeFine', () => {
  const given = scenario(imposeFine).given;
  it('records the fine with its decision', () => {
    given({ organ: [COUNTY] }).when(impose()).then({ fine: [fineImposed(TERMS)] });
  });
  it.each([
    ['a fine already imposed under that id', { fine: [IMPOSED], organ: [COUNTY] }, impose(), 'FINE_ALREADY_IMPOSED'],
    ['an organ not registered', {}, impose(), 'ORGAN_NOT_REGISTERED'],
    ['a court deciding', { organ: [registered('xincheng', 'COUNTY', 'hohhot', 'COURT')] }, impose(), 'FINE_NOT_BY_PUBLIC_SECURITY'],
    ['an amount in fractions of a fen', { organ: [COUNTY] }, impose({ amountFen: 800.5 }), 'INVALID_AMOUNT'],
    ['a zero fine', { organ: [COUNTY] }, impose({ amountFen: 0 }), 'INVALID_AMOUNT'],
    ['a negative illegal income', { organ: [COUNTY] }, impose({ conduct: 'SELL', illegalIncomeFen: -1 }), 'INVALID_AMOUNT'],
    ['no decision number', { organ: [COUNTY] }, impose({ decisionNumber: ' ' }), 'DECISION_INCOMPLETE'],
  ] as const)('refuses %s (STATE)', (_n, history, command, code) => {
    given(history).when(command).thenRefusedWithStateCode(code);
  });
});

describe('Art. 44 (FINE-BUY-HOLD): buying, holding or using auxiliary uniforms or insignia — confiscation and 500 to 1000 yuan', () => {
  const given = scenario(imposeFine).given;
  it.each([
    ['HOLD', 499_99, ['FINE-BUY-HOLD']],
    ['HOLD', 500_00, []],
    ['BUY', 1000_00, []],
    ['USE', 1000_01, ['FINE-BUY-HOLD']],
    ['USE', 100_000_00, ['FINE-BUY-HOLD']],
  ] as const)('%s, %i fen → %j', (conduct, amountFen, failed) => {
    const outcome = given({ organ: [COUNTY] }).when(impose({ conduct, amountFen }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 44 (FINE-MAKE-SELL): making or selling them — confiscation and 3 to 5 times the illegal income', () => {
  const given = scenario(imposeFine).given;
  it.each([
    ['MAKE', 1000_00, 2999_99, ['FINE-MAKE-SELL']],
    ['MAKE', 1000_00, 3000_00, []],
    ['SELL', 1000_00, 5000_00, []],
    ['SELL', 1000_00, 5000_01, ['FINE-MAKE-SELL']],
  ] as const)('%s, illegal income %i fen, fine %i fen → %j', (conduct, illegalIncomeFen, amountFen, failed) => {
    const outcome = given({ organ: [COUNTY] }).when(impose({ conduct, illegalIncomeFen, amountFen }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('no illegal income established: the range cannot be determined', () => {
    const violations = given({ organ: [COUNTY] }).when(impose({ conduct: 'SELL', illegalIncomeFen: null, amountFen: 3000_00 })).thenRefusedCitingRules('FINE-MAKE-SELL');
    expect(violations.map((v) => v.kind)).toEqual(['CANNOT_DETERMINE']);
  });
});

describe('Art. 44: the fine goes with confiscation, and covers uniforms and insignia, not work IDs — every defect listed', () => {
  const given = scenario(imposeFine).given;
  it.each([
    ['not confiscated', { confiscated: false }, 'FINE-BUY-HOLD', 1],
    ['a work ID', { item: 'WORK_ID' as const }, 'FINE-BUY-HOLD', 1],
    ['a work ID, not confiscated, 2000 yuan', { item: 'WORK_ID' as const, confiscated: false, amountFen: 2000_00 }, 'FINE-BUY-HOLD', 3],
    ['made, a work ID, not confiscated, 10 times the income', { conduct: 'MAKE' as const, item: 'WORK_ID' as const, confiscated: false, illegalIncomeFen: 100_00, amountFen: 1000_00 }, 'FINE-MAKE-SELL', 3],
  ])('%s → %s with %i violation(s)', (_n, data, ruleId, count) => {
    expect(given({ organ: [COUNTY] }).when(impose(data)).thenRefusedCitingRules(ruleId)).toHaveLength(count);
  });

  it('Art. 47: a fine decided 2024-08-31 is not judged by the 2024 rules; one decided 2024-09-01 is', () => {
    given({ organ: [COUNTY] }).when(impose({}, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
    expect(given({ organ: [COUNTY] }).when(impose({}, '2024-09-01')).decision.accepted).toBe(true);
  });
});

describe('RecordFinePayment', () => {
  const pay = (amountFen = 800_00, date = '2024-10-20') => command<RecordFinePayment>('RecordFinePayment', { fineId: 'fine-1', amountFen, receiptRef: 'R-1' }, date);
  const given = scenario(recordFinePayment).given;
  it('records payment in full', () => {
    given({ fine: [IMPOSED] }).when(pay()).then({ fine: [finePaid({ fineId: 'fine-1', amountFen: 800_00, receiptRef: 'R-1' })] });
  });
  it.each([
    ['no fine', [], pay(), 'FINE_NOT_FOUND'],
    ['a partial payment', [IMPOSED], pay(400_00), 'PAYMENT_AMOUNT_MISMATCH'],
    ['a payment before the decision', [IMPOSED], pay(800_00, '2024-10-14'), 'PAID_BEFORE_DECISION'],
    ['a second payment', [IMPOSED, on('2024-10-20', finePaid({ fineId: 'fine-1', amountFen: 800_00, receiptRef: 'R-1' }))], pay(), 'FINE_NOT_PAYABLE'],
  ] as const)('refuses %s (STATE)', (_n, fine, command, code) => {
    given({ fine: [...fine] }).when(command).thenRefusedWithStateCode(code);
  });
});

describe('RevokeFine', () => {
  const revoke = (decisionRef = '复议决定〔2024〕5号') => command<RevokeFine>('RevokeFine', { fineId: 'fine-1', reason: 'RECONSIDERATION', decisionRef }, '2024-11-01');
  const given = scenario(revokeFine).given;
  it('revokes an imposed or paid fine', () => {
    given({ fine: [IMPOSED] }).when(revoke()).then({ fine: [fineRevoked({ fineId: 'fine-1', reason: 'RECONSIDERATION', decisionRef: '复议决定〔2024〕5号' })] });
    expect(given({ fine: [IMPOSED, finePaid({ fineId: 'fine-1', amountFen: 800_00, receiptRef: 'R' })] }).when(revoke()).decision.accepted).toBe(true);
  });
  it.each([
    ['no fine', [], revoke(), 'FINE_NOT_FOUND'],
    ['a revoked fine', [IMPOSED, fineRevoked({ fineId: 'fine-1', reason: 'LITIGATION', decisionRef: 'X' })], revoke(), 'FINE_ALREADY_REVOKED'],
    ['no revoking decision', [IMPOSED], revoke(''), 'DECISION_REF_MISSING'],
  ] as const)('refuses %s (STATE)', (_n, fine, command, code) => {
    given({ fine: [...fine] }).when(command).thenRefusedWithStateCode(code);
  });
});

describe('fine state', () => {
  it('keeps the decision through payment and revocation', () => {
    const state = fold(Fine, [IMPOSED, on('2024-10-20', finePaid({ fineId: 'fine-1', amountFen: 800_00, receiptRef: 'R' })), on('2024-11-01', fineRevoked({ fineId: 'fine-1', reason: 'LITIGATION', decisionRef: 'J' }))]);
    expect(state).toEqual({ status: 'REVOKED', ...TERMS, decidedOn: '2024-10-15', revokedOn: '2024-11-01', reason: 'LITIGATION' });
  });
});
