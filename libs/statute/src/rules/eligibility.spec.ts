import { judgeInForce } from '../rule-set';
import { REGISTRY } from '../registry';
import { failedRules, violationsOf } from '../testing/judge';
import type { BackgroundFinding } from './eligibility';

const on = '2024-10-01';

describe('Art. 21 ¶1 (2): an applicant is at least 18 full years old on the registration date', () => {
  it.each([
    ['2006-10-15', '2024-10-14', ['ELIG-AGE']],
    ['2006-10-15', '2024-10-15', []],
    ['2006-10-15', '2024-10-16', []],
    ['2008-02-29', '2026-02-27', ['ELIG-AGE']],
    ['2008-02-29', '2026-02-28', []],
  ])('born %s, registering %s → %j', (birthDate, date, failed) => {
    expect(failedRules(['ELIG-AGE'], { effectiveDate: date, applicant: { birthDate }, registration: { date } })).toEqual(failed);
  });

  it('says the age observed and the age expected', () => {
    const [v] = violationsOf(['ELIG-AGE'], { effectiveDate: '2024-10-14', applicant: { birthDate: '2006-10-15' }, registration: { date: '2024-10-14' } });
    expect(v).toMatchObject({ observed: 17, expected: '≥ 18', citationText: { zh: '《内蒙古自治区公安机关警务辅助人员条例》第二十一条第一款第（二）项' } });
  });
});

describe('Art. 21 ¶1 (2): an applicant is a PRC citizen', () => {
  it.each([
    ['CN', []],
    ['MN', ['ELIG-CITIZEN']],
    ['', ['ELIG-CITIZEN']],
  ])('%s → %j', (nationality, failed) => {
    expect(failedRules(['ELIG-CITIZEN'], { effectiveDate: on, applicant: { nationality } })).toEqual(failed);
  });
});

describe('Art. 21 ¶1 (3): college education, relaxed to high school only with a CITY-level government approval', () => {
  const cityGov = { authority: 'GOVERNMENT', level: 'CITY', documentNumber: '呼政字〔2024〕1号' } as const;
  it.each([
    ['JUNIOR_COLLEGE, no relaxation', 'JUNIOR_COLLEGE', null, []],
    ['BACHELOR', 'BACHELOR', null, []],
    ['HIGH_SCHOOL, no relaxation', 'HIGH_SCHOOL', null, ['ELIG-EDU']],
    ['HIGH_SCHOOL, veteran, city government approval', 'HIGH_SCHOOL', { ground: 'VETERAN', approval: cityGov }, []],
    ['SECONDARY_VOCATIONAL, former fire rescuer, region government', 'SECONDARY_VOCATIONAL', { ground: 'FORMER_FIRE_RESCUE', approval: { ...cityGov, level: 'REGION' } }, []],
    ['HIGH_SCHOOL, special post, county government', 'HIGH_SCHOOL', { ground: 'SPECIAL_POST', approval: { ...cityGov, level: 'COUNTY' } }, ['ELIG-EDU', 'ELIG-EDU-RELAX']],
    ['HIGH_SCHOOL, veteran, approved by the city public security organ', 'HIGH_SCHOOL', { ground: 'VETERAN', approval: { ...cityGov, authority: 'PUBLIC_SECURITY' } }, ['ELIG-EDU', 'ELIG-EDU-RELAX']],
    ['HIGH_SCHOOL, veteran, no approval', 'HIGH_SCHOOL', { ground: 'VETERAN', approval: null }, ['ELIG-EDU', 'ELIG-EDU-RELAX']],
    ['BELOW_HIGH_SCHOOL, veteran, city approval', 'BELOW_HIGH_SCHOOL', { ground: 'VETERAN', approval: cityGov }, ['ELIG-EDU', 'ELIG-EDU-RELAX']],
  ] as const)('%s → %j', (_name, education, educationRelaxation, failed) => {
    expect(failedRules(['ELIG-EDU', 'ELIG-EDU-RELAX'], { effectiveDate: on, applicant: { education, educationRelaxation } })).toEqual(failed);
  });

  it('the relaxation cites itself (sentence 2) and points at the rule it relaxes', () => {
    const violations = violationsOf(['ELIG-EDU', 'ELIG-EDU-RELAX'], {
      effectiveDate: on,
      applicant: { education: 'HIGH_SCHOOL', educationRelaxation: { ground: 'VETERAN', approval: null } },
    });
    const base = violations.find((v) => v.ruleId === 'ELIG-EDU');
    const relax = violations.find((v) => v.ruleId === 'ELIG-EDU-RELAX');
    expect(base?.citation).toEqual({ law: 'NMG-AUX', revision: '2024', article: 21, paragraph: 1, item: 3, sentence: 1 });
    expect(base?.relaxes).toBeUndefined();
    expect(relax?.citation).toEqual({ law: 'NMG-AUX', revision: '2024', article: 21, paragraph: 1, item: 3, sentence: 2 });
    expect(relax?.relaxes).toBe('ELIG-EDU');
  });
});

describe('Art. 21 ¶1 (4): the medical examination is passed', () => {
  const stage = (s: 1 | 2 | 3 | 4, outcome: 'PASSED' | 'FAILED') => ({ stage: s, outcome, date: '2024-10-01' });
  it.each([
    ['passed', { id: 'a', stages: [stage(1, 'PASSED'), stage(2, 'PASSED'), stage(3, 'PASSED'), stage(4, 'PASSED')] }, []],
    ['failed', { id: 'a', stages: [stage(4, 'FAILED')] }, ['ELIG-FIT']],
    ['not held', { id: 'a', stages: [stage(1, 'PASSED')] }, ['ELIG-FIT']],
    ['no application', null, ['ELIG-FIT']],
  ])('%s → %j', (_n, application, failed) => {
    expect(failedRules(['ELIG-FIT'], { effectiveDate: on, application })).toEqual(failed);
  });
});

describe('Art. 21 ¶1 (5): post-specific conditions are met', () => {
  it('reports each unmet condition', () => {
    const conditions = [
      { id: 'driving', description: '持有C1驾驶证', met: true },
      { id: 'mongolian', description: '熟练使用蒙古语', met: false },
      { id: 'height', description: '身高', met: false },
    ];
    expect(violationsOf(['ELIG-POST'], { effectiveDate: on, postConditions: conditions }).map((v) => v.message.en)).toEqual([
      'Post condition not met: mongolian',
      'Post condition not met: height',
    ]);
    expect(failedRules(['ELIG-POST'], { effectiveDate: on, postConditions: conditions.slice(0, 1) })).toEqual([]);
  });
});

describe('Art. 21 ¶1 (1): political quality is recorded, not machine-checked', () => {
  it('is listed as recorded-only in the judgement and fails nothing', () => {
    const j = judgeInForce(REGISTRY, ['ELIG-POLITICAL'], { effectiveDate: on });
    expect(j.violations).toEqual([]);
    expect(j.checked).toEqual([]);
    expect(j.recordedOnly.map((r) => r.ruleId)).toEqual(['ELIG-POLITICAL']);
  });
});

describe('Art. 23 (1)–(8): each disqualification is its own rule and overrides eligibility', () => {
  const clean = (): BackgroundFinding[] => ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, found: false, ref: `BG-${item}` }));
  const all = ['DISQ-1', 'DISQ-2', 'DISQ-3', 'DISQ-4', 'DISQ-5', 'DISQ-6', 'DISQ-7', 'DISQ-8'] as const;

  it('a clean background check passes all eight', () => {
    expect(failedRules(all, { effectiveDate: on, background: { findings: clean() }, serviceHistory: [] })).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8] as const)('a finding on item (%i) fails exactly DISQ-%i, citing Art. 23 (%i)', (item) => {
    const findings = clean().map((f) => (f.item === item ? { ...f, found: true } : f));
    const violations = violationsOf(all, { effectiveDate: on, background: { findings }, serviceHistory: [] });
    expect(violations.map((v) => v.ruleId)).toEqual([`DISQ-${item}`]);
    expect(violations[0]?.citation).toEqual({ law: 'NMG-AUX', revision: '2024', article: 23, paragraph: 1, item });
  });

  it('a missing finding cannot be decided and is refused as such', () => {
    const [v] = violationsOf(['DISQ-3'], { effectiveDate: on, background: { findings: [] } });
    expect(v).toMatchObject({ ruleId: 'DISQ-3', kind: 'CANNOT_DETERMINE' });
  });

  it('disqualification overrides eligibility: an eligible adult citizen with a detention record is refused', () => {
    const findings = clean().map((f) => (f.item === 4 ? { ...f, found: true } : f));
    expect(
      failedRules(['ELIG-AGE', 'ELIG-CITIZEN', ...all], {
        effectiveDate: on,
        applicant: { birthDate: '1990-01-01', nationality: 'CN' },
        registration: { date: on },
        background: { findings },
        serviceHistory: [],
      }),
    ).toEqual(['DISQ-4']);
  });
});

describe('Art. 23 (6): an earlier 擅自离职 in the system\'s own history disqualifies, declared or not', () => {
  const findings = ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, found: false, ref: 'BG' }));
  it.each([
    ['abandoned earlier, background check found nothing', [{ organId: 'o1', endedOn: '2022-03-01', reason: 'ABANDONMENT' }], ['DISQ-6']],
    ['resigned earlier', [{ organId: 'o1', endedOn: '2022-03-01', reason: 'RESIGNATION' }], []],
    ['contract expired earlier', [{ organId: 'o1', endedOn: '2022-03-01', reason: 'CONTRACT_EXPIRY' }], []],
    ['no earlier service', [], []],
  ] as const)('%s → %j', (_n, serviceHistory, failed) => {
    expect(failedRules(['DISQ-6'], { effectiveDate: on, background: { findings }, serviceHistory })).toEqual(failed);
  });

  it('history decides even when no finding on item (6) was recorded', () => {
    const violations = violationsOf(['DISQ-6'], { effectiveDate: on, background: { findings: [] }, serviceHistory: [{ organId: 'o1', endedOn: '2022-03-01', reason: 'ABANDONMENT' }] });
    expect(violations.map((v) => v.kind)).toEqual(['NOT_MET']);
  });
});

describe('Art. 23 (5): an earlier dismissal for violations in the system\'s own record disqualifies, declared or not', () => {
  const findings = ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, found: false, ref: 'BG' }));
  const dismissed = { organId: 'o1', endedOn: '2022-03-01', reason: 'DISMISSAL_FOR_VIOLATION', auxiliaryId: 'aux-9', contractId: 'c-9' } as const;
  it.each([
    ['dismissed for violations earlier, background check found nothing', [dismissed], ['DISQ-5']],
    ['abandoned earlier: item (6), not (5)', [{ ...dismissed, reason: 'ABANDONMENT' }], ['DISQ-6']],
    ['resigned earlier', [{ ...dismissed, reason: 'RESIGNATION' }], []],
  ] as const)('%s → %j', (_n, serviceHistory, failed) => {
    expect(failedRules(['DISQ-5', 'DISQ-6'], { effectiveDate: on, background: { findings }, serviceHistory })).toEqual(failed);
  });

  it('cites the earlier termination on record, and decides without a finding on item (5)', () => {
    const [v] = violationsOf(['DISQ-5'], { effectiveDate: on, background: { findings: [] }, serviceHistory: [dismissed] });
    expect(v).toMatchObject({ kind: 'NOT_MET', citation: { article: 23, paragraph: 1, item: 5 }, observed: { auxiliaryId: 'aux-9', contractId: 'c-9', endedOn: '2022-03-01', organId: 'o1' } });
  });

  it('a finding of (5) found is still listed beside the record', () => {
    const found = findings.map((f) => (f.item === 5 ? { ...f, found: true } : f));
    expect(failedRules(['DISQ-5'], { effectiveDate: on, background: { findings: found }, serviceHistory: [dismissed] })).toEqual(['DISQ-5', 'DISQ-5']);
  });
});
