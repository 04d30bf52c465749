import { judgeInForce } from '@auxledger/statute';
import { registryWithLocalMeasures } from '@auxledger/statute';
import { DEMO_PAY_RISE_FROM, demoLocalMeasures, demoRegistry, payStandardChangesBetween, payStandardOn } from './demo-registry';

describe('demoRegistry: PAY-LEVEL can decide, on demo values that say so', () => {
  const registry = demoRegistry();

  it('has a standard per 盟市 and level, so a hire on L1 at the standard passes PAY-LEVEL and another amount does not', () => {
    const fen = payStandardOn(registry, 'hohhot', 'L1', '2025-01-02') as number;
    expect(fen).toBeGreaterThan(0);
    const judge = (monthlyBaseFen: number) => judgeInForce(registry, ['PAY-LEVEL'], { effectiveDate: '2025-01-02', pay: { locality: 'hohhot', level: 'L1', monthlyBaseFen } });
    expect(judge(fen).ok).toBe(true);
    expect(judge(fen + 100).violations.map((v) => v.ruleId)).toEqual(['PAY-LEVEL']);
  });

  it('says plainly in its source that the values are demo values, not a government standard', () => {
    const judgement = judgeInForce(registry, ['PAY-LEVEL'], { effectiveDate: '2025-01-02', pay: { locality: 'alxa', level: 'L3', monthlyBaseFen: 0 } });
    const pay = judgement.parameters.find((p) => p.key === 'pay.standards');
    expect(pay?.isDefault).toBe(false);
    expect(pay?.source).toMatch(/^demo: /);
  });

  it('rises from 2026-01-01: the standard in force depends on the effective date', () => {
    const before = payStandardOn(registry, 'ordos', 'L2', '2025-12-31') as number;
    const after = payStandardOn(registry, 'ordos', 'L2', DEMO_PAY_RISE_FROM) as number;
    expect(after).toBeGreaterThan(before);
    expect(after % 100).toBe(0);
  });

  it('is the local measures file `npm run demo` writes: read back from JSON, the same standard for every locality, level and period', () => {
    const fromFile = registryWithLocalMeasures(JSON.parse(JSON.stringify(demoLocalMeasures())), 'file');
    for (const locality of ['hohhot', 'alxa', 'xilingol']) {
      for (const level of ['L1', 'L6']) {
        for (const on of ['2024-09-01', '2025-12-31', DEMO_PAY_RISE_FROM, '2027-06-30']) {
          expect(payStandardOn(fromFile, locality, level, on)).toBe(payStandardOn(registry, locality, level, on));
        }
      }
    }
    expect(payStandardOn(fromFile, 'hohhot', 'L1', '2025-01-02')).not.toBeNull();
  });

  it('has none before the regulation is in force, nor for an unknown locality', () => {
    expect(payStandardOn(registry, 'hohhot', 'L1', '2024-08-31')).toBeNull();
    expect(payStandardOn(registry, 'nowhere', 'L1', '2025-01-02')).toBeNull();
  });

  it.each([
    ['after the first day the regulation is in force', '2024-09-01', 'on', [DEMO_PAY_RISE_FROM]],
    ['after the eve of the rise', '2025-12-31', 'on', [DEMO_PAY_RISE_FROM]],
    ['after the day of the rise', DEMO_PAY_RISE_FROM, 'on', []],
    ['up to the eve of the rise', '2024-08-31', '2025-12-31', ['2024-09-01']],
    ['up to the day of the rise (inclusive)', '2025-06-30', DEMO_PAY_RISE_FROM, [DEMO_PAY_RISE_FROM]],
  ] as const)('the standards change (Art. 27 ¶2) %s: %s … %s → %j', (_n, after, upTo, changes) => {
    expect(payStandardChangesBetween(registry, after, upTo === 'on' ? undefined : upTo)).toEqual(changes);
  });
});
