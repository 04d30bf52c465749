import { failedRules } from '../testing/judge';

const on = '2024-10-01';

describe('Arts. 5, 18, 19: every organ has a level and a parent of the level above', () => {
  it.each([
    ['REGION', null, []],
    ['REGION', 'REGION', ['ORG-LEVEL']],
    ['CITY', 'REGION', []],
    ['CITY', null, ['ORG-LEVEL']],
    ['COUNTY', 'CITY', []],
    ['COUNTY', 'REGION', ['ORG-LEVEL']],
    ['UNIT', 'COUNTY', []],
    ['UNIT', 'CITY', []],
    ['UNIT', 'UNIT', []],
    ['UNIT', null, ['ORG-LEVEL']],
  ] as const)('%s under %s → %j', (level, parentLevel, failed) => {
    const organ = { id: 'o', level, parent: parentLevel ? { id: 'p', level: parentLevel } : null };
    expect(failedRules(['ORG-LEVEL'], { effectiveDate: on, organ })).toEqual(failed);
  });
});

describe('Art. 46: courts, procuratorates and justice administration apply the regulation too', () => {
  it.each([
    ['PUBLIC_SECURITY', []],
    ['COURT', []],
    ['PROCURATORATE', []],
    ['JUSTICE_ADMIN', []],
    ['ARMY', ['ORG-KIND']],
  ])('%s → %j', (kind, failed) => {
    expect(failedRules(['ORG-KIND'], { effectiveDate: on, organ: { id: 'o', kind: kind as 'COURT' } })).toEqual(failed);
  });
});

describe('Art. 34 ¶1: 谁使用、谁管理、谁负责 — exactly one using organ', () => {
  it.each([
    [['o1'], []],
    [['o1', 'o1'], []],
    [['o1', 'o2'], ['ORG-RESP']],
    [[], ['ORG-RESP']],
  ])('%j → %j', (usingOrganIds, failed) => {
    expect(failedRules(['ORG-RESP'], { effectiveDate: on, auxiliary: { usingOrganIds } })).toEqual(failed);
  });
});

describe('Art. 34 ¶3: an operator acts only within the organ subtree granted', () => {
  const county = { id: 'county', ancestorIds: ['city', 'region'] };
  it.each([
    ['granted the county itself', ['county'], []],
    ['granted the city above it', ['city'], []],
    ['granted a sibling county', ['county-2'], ['ORG-SUPERVISE']],
    ['granted nothing', [], ['ORG-SUPERVISE']],
  ])('%s → %j', (_n, grantedOrganIds, failed) => {
    expect(failedRules(['ORG-SUPERVISE'], { effectiveDate: on, operator: { grantedOrganIds }, targetOrgan: county })).toEqual(failed);
  });
  it('a county operator may not act on its city', () => {
    expect(failedRules(['ORG-SUPERVISE'], { effectiveDate: on, operator: { grantedOrganIds: ['county'] }, targetOrgan: { id: 'city', ancestorIds: ['region'] } })).toEqual(['ORG-SUPERVISE']);
  });
});

describe('Art. 7: quotas are set at region level, and hires and plans stay within them', () => {
  it.each([
    ['REGION', '内公发〔2024〕12号', 120, []],
    ['CITY', '呼公发〔2024〕3号', 120, ['QUOTA-SET']],
    ['REGION', null, 120, ['QUOTA-SET']],
    ['REGION', '内公发〔2024〕12号', -1, ['QUOTA-SET']],
    ['REGION', '内公发〔2024〕12号', 1.5, ['QUOTA-SET']],
  ] as const)('set by %s with %s, %s persons → %j', (setByLevel, documentRef, headcount, failed) => {
    expect(failedRules(['QUOTA-SET'], { effectiveDate: on, quota: { organId: 'o', setByLevel, documentRef, headcount, from: on } })).toEqual(failed);
  });

  it.each([
    [10, 9, []],
    [10, 10, ['QUOTA-HIRE']],
    [0, 0, ['QUOTA-HIRE']],
    [null, 0, ['QUOTA-HIRE']],
  ])('quota %s, headcount %i before the hire → %j', (quota, activeHeadcount, failed) => {
    expect(failedRules(['QUOTA-HIRE'], { effectiveDate: on, usingOrganQuota: { organId: 'o', quota, activeHeadcount } })).toEqual(failed);
  });

  it.each([
    [5, 10, 5, []],
    [6, 10, 5, ['QUOTA-PLAN']],
    [1, null, 0, ['QUOTA-PLAN']],
  ])('Art. 18 ¶1: %i openings, quota %s, %i committed → %j', (count, quota, committedHeadcount, failed) => {
    expect(failedRules(['QUOTA-PLAN'], { effectiveDate: on, plan: { openings: [{ organId: 'o', count, quota, committedHeadcount }] } })).toEqual(failed);
  });
});
