import { HIRE_CHECKS, type FactsFor } from './checks';
import { nmg } from './citation';
import { PARAMETERS_2024 } from './parameters-2024';
import { REGISTRY } from './registry';
import { defineCheck } from './rule';
import { createRegistry, judge, judgeInForce, NO_RULE_SET_IN_FORCE, type RuleSet, ruleSetInForce } from './rule-set';
import { RULE_SET_2024 } from './rule-sets/2024';

describe('Art. 47: the 2024 rule set is in force from 2024-09-01, and nothing before is judged under it', () => {
  it.each([
    ['2024-08-31', null],
    ['2024-09-01', '2024'],
    ['2099-12-31', '2024'],
    ['2021-12-01', null],
  ])('rule set in force on %s: %s', (on, id) => {
    expect(ruleSetInForce(REGISTRY, on)?.id ?? null).toBe(id);
  });

  it('a command effective 2024-08-31 is refused with its own reason, not judged under 2024 rules', () => {
    const j = judgeInForce(REGISTRY, ['ELIG-AGE'], { effectiveDate: '2024-08-31', applicant: { birthDate: '2000-01-01' }, registration: { date: '2024-08-31' } });
    expect(j.ok).toBe(false);
    expect(j.ruleSet).toBeNull();
    expect(j.checked).toEqual([]);
    expect(j.violations).toEqual([
      expect.objectContaining({
        ruleId: NO_RULE_SET_IN_FORCE,
        kind: 'CANNOT_DETERMINE',
        observed: '2024-08-31',
        expected: '[2024-09-01, ∞)',
        citationText: { zh: '《内蒙古自治区公安机关警务辅助人员条例》第四十七条', en: 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 47' },
      }),
    ]);
    expect(j.violations[0]?.message.zh).toContain('2024-08-31');
  });

  it('the same command effective 2024-09-01 is judged', () => {
    const j = judgeInForce(REGISTRY, ['ELIG-AGE'], { effectiveDate: '2024-09-01', applicant: { birthDate: '2000-01-01' }, registration: { date: '2024-09-01' } });
    expect(j).toMatchObject({ ok: true, ruleSet: { id: '2024', from: '2024-09-01', until: null }, checked: ['ELIG-AGE'], violations: [] });
  });

  it('judging with a rule set directly also refuses a date outside its interval', () => {
    const j = judge(RULE_SET_2024, ['ELIG-AGE'], { effectiveDate: '2024-08-31', applicant: { birthDate: '2000-01-01' }, registration: { date: '2024-08-31' } });
    expect(j.violations.map((v) => v.ruleId)).toEqual([NO_RULE_SET_IN_FORCE]);
  });
});

describe('a revision is data plus rules: another rule set in the registry', () => {
  // A made-up 2021 rule set with one rule, to show how an earlier or later revision is added.
  const AGE_2021 = defineCheck({
    id: 'ELIG-AGE',
    title: { zh: '年满十八周岁（2021）', en: 'At least 18 (2021)' },
    citations: [{ law: 'NMG-AUX', revision: '2021', article: 20, paragraph: 1, item: 2 }],
    uses: ['COMMAND'],
    parameters: [],
    check: function alwaysRefuses(_facts: { applicant: { birthDate: string } }, { fail }) {
      return [fail({ zh: '2021', en: '2021', observed: null, expected: null })];
    },
  });
  const set2021: RuleSet = { id: '2021', title: { zh: '2021', en: '2021' }, inForceBy: nmg(47), from: '2022-01-01', until: '2024-09-01', rules: { 'ELIG-AGE': AGE_2021 }, parameters: PARAMETERS_2024 };
  const registry = createRegistry<RuleSet['rules']>([RULE_SET_2024, set2021]);

  it.each([
    ['2024-08-31', '2021', 'Inner Mongolia Auxiliary Police Regulation (2021) Art. 20 ¶1 (2)'],
    ['2024-09-01', '2024', null],
  ])('on %s the rule set %s judges', (on, id, citation) => {
    const j = judgeInForce(registry, ['ELIG-AGE'], { effectiveDate: on, applicant: { birthDate: '2000-01-01' }, registration: { date: on } });
    expect(j.ruleSet?.id).toBe(id);
    expect(j.violations[0]?.citationText.en ?? null).toBe(citation);
  });

  it('overlapping rule sets are refused', () => {
    expect(() => createRegistry([RULE_SET_2024, { ...set2021, until: '2024-09-02' }])).toThrow(/overlap/);
  });

  it('a rule id the rule set does not have cannot be determined', () => {
    const j = judge(set2021, ['ELIG-CITIZEN'], { effectiveDate: '2023-01-01' });
    expect(j.violations.map((v) => [v.ruleId, v.kind])).toEqual([['RULE-NOT-IN-RULE-SET', 'CANNOT_DETERMINE']]);
  });
});

describe('a judgement returns every failed rule, never only the first', () => {
  const badHire: FactsFor<typeof HIRE_CHECKS> = {
    effectiveDate: '2024-10-01',
    applicant: { birthDate: '2007-01-01', nationality: 'MN', education: 'HIGH_SCHOOL', educationRelaxation: null },
    registration: { date: '2024-09-15' },
    postConditions: [],
    background: { findings: ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, found: item === 7, ref: 'BG' })) },
    serviceHistory: [{ organId: 'o9', endedOn: '2023-01-01', reason: 'ABANDONMENT' }],
    application: { id: 'a1', stages: [{ stage: 1, outcome: 'PASSED', date: '2024-09-01' }] },
    step: { kind: 'HIRE' },
    person: { activeContractIds: ['c-old'] },
    usingOrganQuota: { organId: 'o1', quota: 10, activeHeadcount: 10 },
    auxiliary: { usingOrganIds: ['o1'] },
    contract: { clauses: ['DUTIES'], kind: 'FIXED_TERM', startDate: '2024-10-01', endDate: '2024-12-15', probationLastDay: '2024-10-15' },
    pay: { locality: '150100', level: 'L1', monthlyBaseFen: 300000 },
  };

  it('lists each failed rule with citation, bilingual message, observed and expected', () => {
    const j = judgeInForce(REGISTRY, HIRE_CHECKS, badHire);
    expect(j.ok).toBe(false);
    expect([...new Set(j.violations.map((v) => v.ruleId))]).toEqual([
      'ELIG-AGE', 'ELIG-CITIZEN', 'ELIG-EDU', 'DISQ-6', 'DISQ-7', 'RECR-EXAM', 'RECR-ORDER', 'ELIG-FIT', 'PERSON-UNIQUE', 'QUOTA-HIRE', 'CONTRACT-REQUIRED', 'CONTRACT-PROBATION', 'PAY-LEVEL',
    ]);
    for (const v of j.violations) {
      expect(v.citationText.zh).toMatch(/^《.+》第.+条/);
      expect(v.citationText.en).toMatch(/Art\. \d+/);
      expect(v.message.zh.length).toBeGreaterThan(0);
      expect(v.message.en.length).toBeGreaterThan(0);
      expect(v).toHaveProperty('observed');
      expect(v).toHaveProperty('expected');
    }
    expect(j.recordedOnly.map((r) => r.ruleId)).toEqual(['ELIG-POLITICAL']);
  });

  it('lists the parameters it read, with source and default flag', () => {
    const j = judgeInForce(REGISTRY, HIRE_CHECKS, badHire);
    expect(j.parameters.map((p) => p.key).sort()).toEqual(['levels', 'pay.standards']);
    expect(j.parameters.every((p) => p.isDefault && p.source.startsWith('default'))).toBe(true);
    expect(j.usedDefaults).toBe(true);
    expect(j.violations.find((v) => v.ruleId === 'PAY-LEVEL')?.parameters).toEqual(['levels', 'pay.standards']);
  });

  it('a judgement reading no parameter says it used no default', () => {
    const j = judgeInForce(REGISTRY, ['ELIG-CITIZEN'], { effectiveDate: '2024-10-01', applicant: { nationality: 'CN' } });
    expect(j).toMatchObject({ ok: true, parameters: [], usedDefaults: false });
  });

  it('a rule whose parameter has no value in force cannot be determined', () => {
    const ruleSet = { ...RULE_SET_2024, parameters: { ...PARAMETERS_2024, 'healthCheck.intervalMonths': { ...PARAMETERS_2024['healthCheck.intervalMonths'], values: [] } } };
    const j = judge(ruleSet, ['HEALTH-CHECK'], { effectiveDate: '2024-10-01', employment: { hiredOn: '2024-09-01' }, health: { lastCheckOn: null } });
    expect(j.violations.map((v) => [v.ruleId, v.kind])).toEqual([['HEALTH-CHECK', 'CANNOT_DETERMINE']]);
  });
});
