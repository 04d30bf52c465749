import { parameterOn, ruleSetInForce } from './index';
import { parameterTable, registryWithLocalMeasures } from './local-measures';

describe('local measures beside the defaults', () => {
  const pay = { from: '2024-09-01', value: [{ locality: 'hohhot', level: 'L1', monthlyBaseFen: 400000 }], source: '呼政办发〔2024〕1号' };

  it('adds configured values (isDefault false) and keeps the defaults for the rest', () => {
    const table = parameterTable({ parameters: { 'pay.standards': [pay] } }, 'test');
    expect(parameterOn(table, 'pay.standards', '2025-01-02')).toMatchObject({ value: pay.value, source: pay.source, isDefault: false });
    expect(parameterOn(table, 'promotion.minMonthsInLevel', '2025-01-02')).toMatchObject({ value: 24, isDefault: true });
  });

  it.each([
    ['not an object', [], /expected \{ "parameters"/],
    ['an unknown key', { parameters: { 'pay.bonus': [pay] } }, /unknown parameter pay\.bonus/],
    ['no source', { parameters: { 'pay.standards': [{ ...pay, source: ' ' }] } }, /source/],
    ['a bad date', { parameters: { 'pay.standards': [{ ...pay, from: '2024-02-30' }] } }, /from/],
    ['until before from', { parameters: { 'pay.standards': [{ ...pay, until: '2024-01-01' }] } }, /until/],
    ['pay in yuan with decimals', { parameters: { 'pay.standards': [{ ...pay, value: [{ locality: 'hohhot', level: 'L1', monthlyBaseFen: 4000.5 }] }] } }, /monthlyBaseFen/],
    ['months as text', { parameters: { 'promotion.minMonthsInLevel': [{ from: '2025-01-01', value: '36', source: 'x' }] } }, /non-negative integer/],
  ])('refuses %s, naming the problem', (_name, json, problem) => {
    expect(() => parameterTable(json, 'test')).toThrow(problem);
  });

  it('the rule set stays the 2024 one, in force from 2024-09-01', () => {
    const registry = registryWithLocalMeasures({ parameters: {} }, 'test');
    expect(ruleSetInForce(registry, '2024-09-01')?.id).toBe('2024');
    expect(ruleSetInForce(registry, '2024-08-31')).toBeNull();
  });
});
