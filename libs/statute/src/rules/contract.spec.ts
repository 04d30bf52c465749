import { PARAMETERS_2024 } from '../parameters-2024';
import { withParameterValues } from '../parameters';
import { judge } from '../rule-set';
import { RULE_SET_2024 } from '../rule-sets/2024';
import { failedRules, violationsOf } from '../testing/judge';
import { CONTRACT_CLAUSES } from './contract';

const on = '2024-10-01';

describe('Art. 24: a labour contract with every required clause', () => {
  it('all seven clauses → no violation', () => {
    expect(failedRules(['CONTRACT-REQUIRED'], { effectiveDate: on, contract: { clauses: CONTRACT_CLAUSES } })).toEqual([]);
  });
  it.each(CONTRACT_CLAUSES.map((c) => [c]))('missing %s → refused', (missing) => {
    const [v] = violationsOf(['CONTRACT-REQUIRED'], { effectiveDate: on, contract: { clauses: CONTRACT_CLAUSES.filter((c) => c !== missing) } });
    expect(v?.message.en).toContain(missing);
  });
});

describe('Art. 24 and 劳动合同法 Art. 19: probation limited by the contract term', () => {
  const start = '2024-09-01';
  it.each([
    // term under 3 months: no probation at all
    ['2 months 30 days', 'FIXED_TERM', '2024-11-29', '2024-09-01', false],
    ['2 months 30 days, no probation', 'FIXED_TERM', '2024-11-29', null, true],
    // 3 months to under 1 year: at most 1 month
    ['exactly 3 months, 1 month', 'FIXED_TERM', '2024-11-30', '2024-09-30', true],
    ['exactly 3 months, 1 month + 1 day', 'FIXED_TERM', '2024-11-30', '2024-10-01', false],
    ['1 year minus a day, 1 month', 'FIXED_TERM', '2025-08-30', '2024-09-30', true],
    ['1 year minus a day, 2 months', 'FIXED_TERM', '2025-08-30', '2024-10-31', false],
    // 1 to under 3 years: at most 2 months
    ['exactly 1 year, 2 months', 'FIXED_TERM', '2025-08-31', '2024-10-31', true],
    ['exactly 1 year, 2 months + 1 day', 'FIXED_TERM', '2025-08-31', '2024-11-01', false],
    ['3 years minus a day, 6 months', 'FIXED_TERM', '2027-08-30', '2025-02-28', false],
    // 3 years or more, or open-ended: at most 6 months
    ['exactly 3 years, 6 months', 'FIXED_TERM', '2027-08-31', '2025-02-28', true],
    ['exactly 3 years, 6 months + 1 day', 'FIXED_TERM', '2027-08-31', '2025-03-01', false],
    ['open-ended, 6 months', 'OPEN_ENDED', null, '2025-02-28', true],
    ['open-ended, 6 months + 1 day', 'OPEN_ENDED', null, '2025-03-01', false],
    ['task-based, any probation', 'TASK_BASED', null, '2024-09-15', false],
  ] as const)('%s → allowed: %s', (_n, kind, endDate, probationLastDay, allowed) => {
    const failed = failedRules(['CONTRACT-PROBATION'], { effectiveDate: on, contract: { kind, startDate: start, endDate, probationLastDay } });
    expect(failed.length === 0).toBe(allowed);
  });

  it('cites 劳动合同法 Art. 19 ¶3 when no probation is allowed, and Art. 24 beside it', () => {
    const [v] = violationsOf(['CONTRACT-PROBATION'], { effectiveDate: on, contract: { kind: 'TASK_BASED', startDate: start, endDate: null, probationLastDay: '2024-09-10' } });
    expect(v?.citationText.zh).toBe('《中华人民共和国劳动合同法》第十九条第三款');
    expect(v?.alsoCited.map((c) => c.text.zh)).toContain('《内蒙古自治区公安机关警务辅助人员条例》第二十四条');
  });

  it('cites 劳动合同法 Art. 19 ¶1 for a probation over the limit', () => {
    const [v] = violationsOf(['CONTRACT-PROBATION'], { effectiveDate: on, contract: { kind: 'FIXED_TERM', startDate: start, endDate: '2025-08-31', probationLastDay: '2024-11-01' } });
    expect(v?.citationText.en).toBe('PRC Labour Contract Law (2012) Art. 19 ¶1');
    expect(v).toMatchObject({ observed: '2024-11-01', expected: '≤ 2024-10-31' });
  });
});

describe('劳动合同法 Art. 19 ¶2 (CONTRACT-PROBATION): the same employer and worker agree a probation only once — none on renewal', () => {
  const renewal = (probationLastDay: string | null, renewalOf: { contractId: string; probationLastDay: string | null } | null) => ({
    effectiveDate: '2027-09-01',
    contract: { kind: 'FIXED_TERM' as const, startDate: '2027-10-01', endDate: '2030-09-30', probationLastDay, renewalOf },
  });
  it.each([
    ['a first contract (renewalOf null), 6 months', '2028-03-31', null, []],
    ['a renewal without probation', null, { contractId: 'c-1', probationLastDay: '2025-03-31' }, []],
    ['a renewal of a contract that had one, 1 day of probation', '2027-10-01', { contractId: 'c-1', probationLastDay: '2025-03-31' }, ['CONTRACT-PROBATION']],
    ['a renewal of a contract that had none, 1 month', '2027-10-31', { contractId: 'c-1', probationLastDay: null }, ['CONTRACT-PROBATION']],
  ] as const)('%s → %j', (_n, probationLastDay, renewalOf, failed) => {
    expect(failedRules(['CONTRACT-PROBATION'], renewal(probationLastDay, renewalOf))).toEqual(failed);
  });

  it('cites 劳动合同法 Art. 19 ¶2, with Art. 24 beside it; a probation also over the limit is a second violation', () => {
    const violations = violationsOf(['CONTRACT-PROBATION'], renewal('2028-04-01', { contractId: 'c-1', probationLastDay: '2025-03-31' }));
    expect(violations.map((v) => v.citationText.zh)).toEqual(['《中华人民共和国劳动合同法》第十九条第二款', '《中华人民共和国劳动合同法》第十九条第一款']);
    expect(violations[0]?.alsoCited.map((c) => c.text.zh)).toContain('《内蒙古自治区公安机关警务辅助人员条例》第二十四条');
    expect(violations[0]).toMatchObject({ observed: '2028-04-01', expected: null });
    expect(violations[0]?.message.zh).toContain('c-1');
  });
});

describe('Arts. 27 ¶2, 36 ¶1: pay follows the level\'s pay standard in force', () => {
  const configured = {
    ...RULE_SET_2024,
    parameters: withParameterValues(PARAMETERS_2024, 'pay.standards', [
      { from: '2025-01-01', value: [{ locality: '150100', level: 'L1', monthlyBaseFen: 3_200_00 }], source: '呼和浩特市辅警薪酬标准（2025）', isDefault: false },
    ]),
  };
  const pay = (monthlyBaseFen: number, level = 'L1') => ({ locality: '150100', level, monthlyBaseFen });

  it('no standard configured (default): cannot be determined', () => {
    const j = judge(configured, ['PAY-LEVEL'], { effectiveDate: '2024-12-31', pay: pay(3_200_00) });
    expect(j.violations.map((v) => v.kind)).toEqual(['CANNOT_DETERMINE']);
    expect(j.parameters.find((p) => p.key === 'pay.standards')?.isDefault).toBe(true);
  });

  it.each([
    ['at the standard', 3_200_00, 'L1', []],
    ['below the standard', 3_199_99, 'L1', ['PAY-LEVEL']],
    ['above the standard', 3_200_01, 'L1', ['PAY-LEVEL']],
    ['unknown level', 3_200_00, 'L9', ['PAY-LEVEL']],
  ])('from 2025-01-01, %s → %j', (_n, fen, level, failed) => {
    const j = judge(configured, ['PAY-LEVEL'], { effectiveDate: '2025-01-01', pay: pay(fen, level) });
    expect(j.violations.map((v) => v.ruleId)).toEqual(failed);
    expect(j.parameters.find((p) => p.key === 'pay.standards')).toMatchObject({ isDefault: false, source: '呼和浩特市辅警薪酬标准（2025）' });
  });
});

describe('Art. 28 ¶1: social insurance and housing fund within 30 days of hiring (supervision)', () => {
  const all = ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND'] as const;
  it.each([
    ['day 30, nothing enrolled', '2024-10-01', [], 0],
    ['day 31, nothing enrolled', '2024-10-02', [], 2],
    ['day 31, all enrolled', '2024-10-02', all, 0],
    ['day 31, housing fund missing', '2024-10-02', all.slice(0, 5), 1],
  ] as const)('hired 2024-09-01, %s → %i', (_n, effectiveDate, enrolled, count) => {
    expect(violationsOf(['INSURANCE'], { effectiveDate, employment: { hiredOn: '2024-09-01' }, insurance: { enrolled } })).toHaveLength(count);
  });
});

describe('Art. 28 ¶2: posting to a high-risk duty needs personal accident insurance', () => {
  it.each([
    ['patrol without accident insurance', ['SVC_PATROL'], [], ['INSURANCE-RISK']],
    ['patrol with accident insurance', ['SVC_PATROL'], ['PERSONAL_ACCIDENT'], []],
    ['archives without accident insurance', ['CIV_ADMIN'], [], []],
  ] as const)('%s → %j', (_n, dutyCodes, enrolled, failed) => {
    expect(failedRules(['INSURANCE-RISK'], { effectiveDate: on, assignment: { dutyCodes }, insurance: { enrolled } })).toEqual(failed);
  });
});

describe('Art. 28 ¶3: regular health checks (supervision, default yearly)', () => {
  it.each([
    ['2025-06-30', '2024-06-30', []],
    ['2025-07-01', '2024-06-30', ['HEALTH-CHECK']],
    ['2025-09-01', null, []],
    ['2025-09-02', null, ['HEALTH-CHECK']],
  ])('on %s, last check %s → %j', (effectiveDate, lastCheckOn, failed) => {
    expect(failedRules(['HEALTH-CHECK'], { effectiveDate, employment: { hiredOn: '2024-09-01' }, health: { lastCheckOn } })).toEqual(failed);
  });
});
