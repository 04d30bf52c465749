import type { RecruitmentStage, StageRecord } from '../vocabulary';
import { failedRules, violationsOf } from '../testing/judge';

const on = '2024-10-01';
const passedUpTo = (n: number): StageRecord[] =>
  Array.from({ length: n }, (_, i) => ({ stage: (i + 1) as RecruitmentStage, outcome: 'PASSED' as const, date: `2024-10-0${i + 1}` }));

describe('Arts. 18 ¶1, 19: only a CITY-level organ or above recruits; units never recruit by themselves', () => {
  it.each([
    ['REGION', []],
    ['CITY', []],
    ['COUNTY', ['PLAN-ORGAN']],
    ['UNIT', ['PLAN-ORGAN', 'PLAN-NO-SELF']],
  ] as const)('%s → %j', (level, failed) => {
    expect(failedRules(['PLAN-ORGAN', 'PLAN-NO-SELF'], { effectiveDate: on, recruitingOrgan: { id: 'x', level } })).toEqual(failed);
  });
});

describe('Art. 18 ¶1: a plan is approved by the same-level government before it is announced', () => {
  const approval = { governmentLevel: 'CITY', approver: '呼和浩特市人民政府', documentNumber: '呼政批〔2024〕7号', approvedOn: '2024-09-10' } as const;
  it.each([
    ['approved the day before', approval, '2024-09-11', []],
    ['approved the same day', approval, '2024-09-10', []],
    ['announced the day before approval', approval, '2024-09-09', ['PLAN-APPROVAL']],
    ['approved by the region government', { ...approval, governmentLevel: 'REGION' }, '2024-09-11', ['PLAN-APPROVAL']],
    ['no document number', { ...approval, documentNumber: ' ' }, '2024-09-11', ['PLAN-APPROVAL']],
    ['not approved', null, '2024-09-11', ['PLAN-APPROVAL']],
  ] as const)('%s → %j', (_n, a, announcedOn, failed) => {
    expect(failedRules(['PLAN-APPROVAL'], { effectiveDate: on, plan: { draftingOrganLevel: 'CITY', approval: a, announcedOn } })).toEqual(failed);
  });
});

describe('Art. 18 ¶2: a CITY-level plan is filed with the REGION organ (supervision)', () => {
  it.each([
    ['CITY', null, ['PLAN-FILING']],
    ['CITY', '2024-09-30', []],
    ['CITY', '2024-10-02', ['PLAN-FILING']],
    ['REGION', null, []],
  ] as const)('%s filed %s → %j', (draftingOrganLevel, filedWithRegionOn, failed) => {
    expect(failedRules(['PLAN-FILING'], { effectiveDate: on, plan: { draftingOrganLevel, filedWithRegionOn } })).toEqual(failed);
  });
});

describe('Art. 17: 凡进必考 — no hire without an application that passed the exams', () => {
  it.each([
    ['no application', null, ['RECR-EXAM']],
    ['exams passed', { id: 'a', stages: passedUpTo(3) }, []],
    ['exams failed', { id: 'a', stages: [...passedUpTo(2), { stage: 3 as const, outcome: 'FAILED' as const, date: '2024-10-03' }] }, ['RECR-EXAM']],
  ])('%s → %j', (_n, application, failed) => {
    expect(failedRules(['RECR-EXAM'], { effectiveDate: on, application })).toEqual(failed);
  });
});

describe('Art. 20: stages in order, none skipped; hire only after the public notice', () => {
  it.each([
    ['hire after all six', passedUpTo(6), { kind: 'HIRE' }, 0],
    ['hire after five (no public notice)', passedUpTo(5), { kind: 'HIRE' }, 1],
    ['medical exam after stage 3', passedUpTo(3), { kind: 'STAGE', stage: 4 }, 0],
    ['medical exam after stage 2 (tests skipped)', passedUpTo(2), { kind: 'STAGE', stage: 4 }, 1],
    ['registration after the announcement', passedUpTo(1), { kind: 'STAGE', stage: 2 }, 0],
    ['announcement first', [], { kind: 'STAGE', stage: 1 }, 0],
  ] as const)('%s → %i violation(s)', (_n, stages, step, count) => {
    expect(violationsOf(['RECR-ORDER'], { effectiveDate: on, application: { id: 'a', stages }, step })).toHaveLength(count);
  });

  it('a failed stage ends the application', () => {
    const stages = [...passedUpTo(3), { stage: 4 as const, outcome: 'FAILED' as const, date: '2024-10-04' }];
    const violations = violationsOf(['RECR-ORDER'], { effectiveDate: on, application: { id: 'a', stages }, step: { kind: 'STAGE', stage: 5 } });
    expect(violations.map((v) => v.citation.item)).toEqual([4, 4]);
  });

  it('stages recorded out of order or back-dated are refused', () => {
    const stages: StageRecord[] = [
      { stage: 1, outcome: 'PASSED', date: '2024-10-05' },
      { stage: 3, outcome: 'PASSED', date: '2024-10-06' },
      { stage: 2, outcome: 'PASSED', date: '2024-10-01' },
    ];
    expect(violationsOf(['RECR-ORDER'], { effectiveDate: on, application: { id: 'a', stages }, step: { kind: 'STAGE', stage: 4 } }).length).toBeGreaterThanOrEqual(3);
  });
});

describe('Art. 22 ¶1: preferences rank applicants only at equal scores', () => {
  const a = (applicantId: string, score: number, preferenceCategories: number[] = [], eligible = true) => ({ applicantId, score, eligible, preferenceCategories });
  it.each([
    ['by score', [a('x', 90), a('y', 80, [2])], []],
    ['preferred first at equal score', [a('y', 85, [2]), a('x', 85)], []],
    ['non-preferred above preferred at equal score', [a('x', 85), a('y', 85, [1])], ['PREF-RANK']],
    ['preference lifting a lower score', [a('y', 80, [1]), a('x', 90)], ['PREF-RANK']],
    ['ineligible preferred applicant', [a('y', 95, [2], false)], ['PREF-RANK']],
  ])('%s → %j', (_n, ranking, failed) => {
    expect(failedRules(['PREF-RANK'], { effectiveDate: on, ranking })).toEqual(failed);
  });
});

describe('Art. 22 ¶1 (PREF-RANK): scores and preference categories are the record\'s, not the ranking\'s', () => {
  const a = (applicantId: string, score: number, preferenceCategories: number[] = [], eligible = true) => ({ applicantId, score, eligible, preferenceCategories });
  const onRecord = [a('x', 90), a('y', 85, [2]), a('z', 85)];
  it.each([
    ['as on record', [a('x', 90), a('y', 85, [2]), a('z', 85)], 0],
    ['categories in another order count the same', [a('x', 90), a('y', 85, [2]), a('z', 85)], 0],
    ['a raised score: the contradiction, and the order on record broken', [a('z', 95), a('x', 90), a('y', 85, [2])], 2],
    ['an added category at an equal score: the contradiction, and the order on record broken', [a('x', 90), a('z', 85, [5]), a('y', 85, [2])], 2],
    ['an applicant with no record', [a('w', 99)], 1],
  ])('%s', (_n, ranking, count) => {
    expect(failedRules(['PREF-RANK'], { effectiveDate: on, ranking, onRecord })).toEqual(Array(count).fill('PREF-RANK'));
  });
});

describe('Art. 22 ¶2: targeted openings only for categories (1) and (2)', () => {
  it.each([
    ['for martyrs\' families and veterans', [{ id: 't', categories: [1, 2] }], null, []],
    ['for graduates of police schools', [{ id: 't', categories: [4] }], null, ['PREF-TARGETED']],
    ['for nobody', [{ id: 't', categories: [] }], null, ['PREF-TARGETED']],
    ['a veteran takes a veterans\' opening', [{ id: 't', categories: [2] }], { openingId: 't', applicantCategories: [2] }, []],
    ['a hero takes a veterans\' opening', [{ id: 't', categories: [2] }], { openingId: 't', applicantCategories: [3] }, ['PREF-TARGETED']],
  ])('%s → %j', (_n, targetedOpenings, targetedPlacement, failed) => {
    expect(failedRules(['PREF-TARGETED'], { effectiveDate: on, targetedOpenings, targetedPlacement })).toEqual(failed);
  });
});

describe('Arts. 3, 24: one natural person holds at most one active contract', () => {
  it.each([
    [[], []],
    [['c-1'], ['PERSON-UNIQUE']],
  ])('active contracts %j → %j', (activeContractIds, failed) => {
    expect(failedRules(['PERSON-UNIQUE'], { effectiveDate: on, person: { activeContractIds } })).toEqual(failed);
  });
});
