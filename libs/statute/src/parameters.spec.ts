import { parameterOn, type ParameterKey, withParameterValues } from './parameters';
import { PARAMETERS_2024 } from './parameters-2024';
import { judge } from './rule-set';
import { RULE_SET_2024 } from './rule-sets/2024';

describe('parameters left to local measures: dated values with source and default flag', () => {
  it.each(Object.keys(PARAMETERS_2024) as ParameterKey[])('%s has a default in force on 2024-09-01, none before', (key) => {
    const p = parameterOn(PARAMETERS_2024, key, '2024-09-01');
    expect(p).toMatchObject({ key, isDefault: true, from: '2024-09-01', until: null });
    expect(p?.source.length).toBeGreaterThan(0);
    expect(parameterOn(PARAMETERS_2024, key, '2024-08-31')).toBeNull();
    // Every number names the clauses that leave it to local measures — but `record.*`, the record's own bounds, which no clause sets.
    if (key.startsWith('record.')) expect(PARAMETERS_2024[key].delegatedBy).toEqual([]);
    else expect(PARAMETERS_2024[key].delegatedBy.length).toBeGreaterThan(0);
  });

  const local = withParameterValues(PARAMETERS_2024, 'promotion.minMonthsInLevel', [
    { from: '2025-03-01', until: '2026-01-01', value: 36, source: '内蒙古自治区辅警层级管理办法（2025）第十条', isDefault: false },
  ]);
  it.each([
    ['2025-02-28', 24, true],
    ['2025-03-01', 36, false],
    ['2025-12-31', 36, false],
    ['2026-01-01', 24, true],
  ])('a local measure in force [2025-03-01, 2026-01-01): on %s the value is %i (default: %s)', (on, value, isDefault) => {
    expect(parameterOn(local, 'promotion.minMonthsInLevel', on)).toMatchObject({ value, isDefault });
  });

  it('on the same start date a configured value beats the default', () => {
    const same = withParameterValues(PARAMETERS_2024, 'healthCheck.intervalMonths', [{ from: '2024-09-01', value: 6, source: '某盟辅警健康管理规定', isDefault: false }]);
    expect(parameterOn(same, 'healthCheck.intervalMonths', '2024-09-01')).toMatchObject({ value: 6, isDefault: false });
  });

  it('the answer that used a configured value says so, and the rule obeys it', () => {
    const ruleSet = { ...RULE_SET_2024, parameters: local };
    const facts = {
      effectiveDate: '2025-06-01',
      promotion: { route: 'ASSESSMENT' as const, fromLevel: 'L1', toLevel: 'L2', inLevelSince: '2022-09-01', assessment: { grade: '称职', ref: 'A-1' }, selectionAllowsSkip: false },
      sanctions: [],
    };
    const j = judge(ruleSet, ['LEVEL-PROMOTE'], facts);
    expect(j.violations.map((v) => v.observed)).toEqual([33]);
    expect(j.parameters.find((p) => p.key === 'promotion.minMonthsInLevel')).toMatchObject({ value: 36, isDefault: false, source: '内蒙古自治区辅警层级管理办法（2025）第十条' });
    expect(j.usedDefaults).toBe(true);
  });
});
