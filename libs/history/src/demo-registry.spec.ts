import { judgeInForce } from '@auxledger/statute';
import { DEMO_PAY_RISE_FROM, demoRegistry, payStandardOn } from './demo-registry';

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

  it('has none before the regulation is in force, nor for an unknown locality', () => {
    expect(payStandardOn(registry, 'hohhot', 'L1', '2024-08-31')).toBeNull();
    expect(payStandardOn(registry, 'nowhere', 'L1', '2025-01-02')).toBeNull();
  });
});
