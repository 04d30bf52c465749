import { PARAMETERS_2024, RULE_SET_2024, createRegistry, withParameterValues } from '@auxledger/statute';
import { command, on, scenario } from '../testing';
import { AUX, PAY_FEN, REGISTRY_WITH_PAY, hired, payOn, suspendedOn, terminatedOn } from './auxiliary.fixtures';
import { type AdjustPay, adjustPay } from './adjust-pay';
import { type PayOnLevel, auxiliaryEvent } from './events';

/** Hohhot's standard as in the fixtures, L1 raised to 4,200 yuan from 2025-07-01; Baotou pays L1 4,100 and L2 4,400 yuan. */
const HOHHOT = Object.entries(PAY_FEN).map(([level, monthlyBaseFen]) => ({ locality: 'hohhot', level, monthlyBaseFen }));
const BAOTOU = [{ locality: 'baotou', level: 'L1', monthlyBaseFen: 410000 }, { locality: 'baotou', level: 'L2', monthlyBaseFen: 440000 }];
const REGISTRY_WITH_RAISE = createRegistry([
  {
    ...RULE_SET_2024,
    parameters: withParameterValues(PARAMETERS_2024, 'pay.standards', [
      { from: '2024-09-01', value: [...HOHHOT, ...BAOTOU], source: 'spec: 呼和浩特市、包头市辅警薪酬标准 (test values)', isDefault: false },
      {
        from: '2025-07-01',
        value: [...HOHHOT.map((s) => (s.level === 'L1' ? { ...s, monthlyBaseFen: 420000 } : s)), ...BAOTOU],
        source: 'spec: 呼和浩特市辅警薪酬标准（2025年7月调整）(test values)',
        isDefault: false,
      },
    ]),
  },
]);

const RAISED: PayOnLevel = { locality: 'hohhot', monthlyBaseFen: 420000 };
const adjust = (pay: PayOnLevel, date: string) => command<AdjustPay>('AdjustPay', { auxiliaryId: AUX, pay }, date);
const adjusted = (pay: PayOnLevel, adjustedOn: string) => auxiliaryEvent('PayAdjusted', { auxiliaryId: AUX, pay, adjustedOn });
const given = scenario(adjustPay, { registry: REGISTRY_WITH_RAISE }).given;

describe('AdjustPay', () => {
  describe('given an auxiliary at L1 on Hohhot\'s standard', () => {
    it('adjusts to the new standard from its first day', () => {
      given({ auxiliary: [hired()] }).when(adjust(RAISED, '2025-07-01')).then({ auxiliary: [adjusted(RAISED, '2025-07-01')] });
    });

    it('adjusts to another locality\'s standard', () => {
      const baotou = { locality: 'baotou', monthlyBaseFen: 410000 };
      given({ auxiliary: [hired()] }).when(adjust(baotou, '2025-03-01')).then({ auxiliary: [adjusted(baotou, '2025-03-01')] });
    });

    it('adjusts the pay of a suspended auxiliary (still employed)', () => {
      given({ auxiliary: [hired(), suspendedOn('2025-06-01')] }).when(adjust(RAISED, '2025-07-01')).then({ auxiliary: [adjusted(RAISED, '2025-07-01')] });
    });

    it('refuses the pay already on record (STATE)', () => {
      given({ auxiliary: [hired()] }).when(adjust(payOn('L1'), '2025-07-01')).thenRefusedWithStateCode('PAY_UNCHANGED');
    });

    it('refuses an adjustment dated before the pay on record took effect (STATE)', () => {
      given({ auxiliary: [hired(), on('2025-07-01', adjusted(RAISED, '2025-07-01'))] }).when(adjust({ locality: 'baotou', monthlyBaseFen: 410000 }, '2025-06-30')).thenRefusedWithStateCode('BEFORE_LATEST_PAY_CHANGE');
    });
  });

  it('refuses someone not employed: never hired (STATE), or departed (SERVICE-PERIOD, Art. 40)', () => {
    given({}).when(adjust(RAISED, '2025-07-01')).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
    given({ auxiliary: [hired(), terminatedOn('2025-06-30')] }).when(adjust(RAISED, '2025-07-01')).thenRefusedCitingRules('SERVICE-PERIOD');
  });
});

describe('Arts. 27 ¶2, 36 ¶1 (PAY-LEVEL): the pay is the standard in force on the effective date, for the locality and the level on record', () => {
  it.each([
    ['the raised standard the day before it takes effect (2025-06-30)', RAISED, '2025-06-30', ['PAY-LEVEL']],
    ['the raised standard on its first day (2025-07-01)', RAISED, '2025-07-01', []],
    ['a yuan below the raised standard', { locality: 'hohhot', monthlyBaseFen: 419900 }, '2025-07-01', ['PAY-LEVEL']],
    ['a yuan above the raised standard', { locality: 'hohhot', monthlyBaseFen: 420100 }, '2025-07-01', ['PAY-LEVEL']],
    ['the L2 standard while the record says L1', payOn('L2'), '2025-03-01', ['PAY-LEVEL']],
  ] as const)('%s → %j', (_name, pay, date, failed) => {
    const outcome = given({ auxiliary: [hired()] }).when(adjust(pay, date));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else outcome.then({ auxiliary: [adjusted(pay, date)] });
  });

  it('a locality with no standard for the level cannot be determined: refused', () => {
    const [violation] = given({ auxiliary: [hired()] }).when(adjust({ locality: 'alxa', monthlyBaseFen: 400000 }, '2025-03-01')).thenRefusedCitingRules('PAY-LEVEL');
    expect(violation?.kind).toBe('CANNOT_DETERMINE');
  });

  it('the level is the one on record: once promoted to L2, Baotou\'s L2 standard, not its L1', () => {
    const promoted = on('2026-10-01', auxiliaryEvent('AuxiliaryPromoted', { auxiliaryId: AUX, route: 'ASSESSMENT', fromLevel: 'L1', toLevel: 'L2', assessmentId: 'a', selectionRef: null, pay: payOn('L2'), promotedOn: '2026-10-01' }));
    const baotouL1 = { locality: 'baotou', monthlyBaseFen: 410000 };
    const baotouL2 = { locality: 'baotou', monthlyBaseFen: 440000 };
    given({ auxiliary: [hired(), promoted] }).when(adjust(baotouL2, '2026-09-30')).thenRefusedWithStateCode('BEFORE_LATEST_PAY_CHANGE');
    given({ auxiliary: [hired(), promoted] }).when(adjust(baotouL1, '2026-10-01')).thenRefusedCitingRules('PAY-LEVEL');
    given({ auxiliary: [hired(), promoted] }).when(adjust(baotouL2, '2026-10-01')).then({ auxiliary: [adjusted(baotouL2, '2026-10-01')] });
  });

  it('the fixtures\' registry, without Baotou: no standard, refused', () => {
    scenario(adjustPay, { registry: REGISTRY_WITH_PAY }).given({ auxiliary: [hired()] }).when(adjust({ locality: 'baotou', monthlyBaseFen: 410000 }, '2025-03-01')).thenRefusedCitingRules('PAY-LEVEL');
  });

  it('Art. 47: before 2024-09-01 nothing is in force', () => {
    given({ auxiliary: [hired({ hiredOn: '2024-08-01' })] }).when(adjust(RAISED, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
  });
});
