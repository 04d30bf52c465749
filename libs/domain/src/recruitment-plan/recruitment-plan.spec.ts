import { REGISTRY } from '@auxledger/statute';
import { fold, type Envelope } from '../kernel';
import { planOpeningsReleased, planOpeningsReserved, quotaPlaceTaken, quotaSet, type OrganEvent } from '../organ/organ';
import { CITY, COUNTY, REGION, UNIT } from '../organ/organ.fixtures';
import { command, on, scenario } from '../testing';
import { announceRecruitment, type AnnounceRecruitment } from './announce-recruitment';
import { approveRecruitmentPlan, type ApproveRecruitmentPlan } from './approve-recruitment-plan';
import { closeRecruitmentPlan, type CloseRecruitmentPlan } from './close-recruitment-plan';
import { draftRecruitmentPlan, type DraftRecruitmentPlan } from './draft-recruitment-plan';
import { fileRecruitmentPlan, type FileRecruitmentPlan } from './file-recruitment-plan';
import { examsPassed, recruitmentStageFailed } from '../recruitment-application/recruitment-application';
import { REGISTERED } from '../recruitment-application/recruitment-application.fixtures';
import { recordRanking, type RecordRanking } from './record-ranking';
import {
  planFilingFinding, rankingRecorded, recruitmentAnnounced, recruitmentPlanApproved, recruitmentPlanClosed, recruitmentPlanDrafted, recruitmentPlanFiled,
  RecruitmentPlan, type ExistingPlan, type PlanOpening, type RecruitmentPlanEvent,
} from './recruitment-plan';

const opening = (count: number, extra: Partial<PlanOpening> = {}): PlanOpening => ({ openingId: 'o-1', organId: 'xincheng', category: null, count, targetedCategories: null, ...extra });
const quota = (headcount: number, from = '2024-09-01') => quotaSet({ organId: 'xincheng', category: null, headcount, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from });
const taken = (n: number): OrganEvent[] => Array.from({ length: n }, (_, i) => quotaPlaceTaken({ auxiliaryId: `aux-${i}`, category: 'DUTY', planId: null }));

/** 新城区分局 with a quota of 10, 3 auxiliaries and 2 openings held by another plan: headroom 5. */
const XINCHENG: OrganEvent[] = [COUNTY, quota(10), ...taken(3), planOpeningsReserved({ planId: 'plan-0', openings: [{ category: null, count: 2 }] })];

const draft = (data: Partial<DraftRecruitmentPlan['data']> = {}, effectiveDate = '2024-09-10') =>
  command<DraftRecruitmentPlan>('DraftRecruitmentPlan', { planId: 'plan-1', draftingOrganId: 'hohhot', title: '2024年辅警招聘', openings: [opening(5)], postConditions: [], ...data }, effectiveDate);
const DRAFTED = recruitmentPlanDrafted({ planId: 'plan-1', draftingOrganId: 'hohhot', draftingOrganLevel: 'CITY', title: '2024年辅警招聘', openings: [opening(5)], postConditions: [] });
const APPROVED = on('2024-09-20', recruitmentPlanApproved({ planId: 'plan-1', governmentLevel: 'CITY', approver: '呼和浩特市人民政府', documentNumber: '呼政批〔2024〕8号', approvedOn: '2024-09-20' }));

describe('DraftRecruitmentPlan', () => {
  const given = scenario(draftRecruitmentPlan).given;

  it('drafts the plan and reserves its openings in the organ recruited for, in one append', () => {
    given({ 'organ:hohhot': [CITY], 'organ:xincheng': XINCHENG })
      .when(draft())
      .then({
        plan: [DRAFTED],
        'organ:xincheng': [planOpeningsReserved({ planId: 'plan-1', openings: [{ category: null, count: 5 }] })],
      });
  });

  it('a city recruiting for itself reads and reserves in its own stream once', () => {
    const own = draft({ openings: [opening(2, { organId: 'hohhot', category: 'CIVILIAN' }), opening(1, { openingId: 'o-2', organId: 'hohhot', category: 'CIVILIAN' })] });
    expect(Object.keys(draftRecruitmentPlan.streams(own)).sort()).toEqual(['organ:hohhot', 'plan']);
    const { decision } = given({ 'organ:hohhot': [CITY, quotaSet({ organId: 'hohhot', category: null, headcount: 3, documentRef: 'D', setByOrganId: 'nmg', from: '2024-09-01' })] }).when(own);
    expect(decision.accepted && decision.events['organ:hohhot']).toEqual([planOpeningsReserved({ planId: 'plan-1', openings: [{ category: 'CIVILIAN', count: 3 }] })]);
  });

  it.each([
    ['an existing plan', { plan: [DRAFTED] }, draft(), 'PLAN_ALREADY_DRAFTED'],
    ['no openings', {}, draft({ openings: [] }), 'INVALID_OPENINGS'],
    ['a zero count', {}, draft({ openings: [opening(0)] }), 'INVALID_OPENINGS'],
    ['duplicate opening ids', {}, draft({ openings: [opening(1), opening(1)] }), 'INVALID_OPENINGS'],
    ['a drafting organ not registered', { 'organ:xincheng': XINCHENG }, draft(), 'ORGAN_NOT_REGISTERED'],
    ['an opening organ not registered', { 'organ:hohhot': [CITY] }, draft(), 'OPENING_ORGAN_NOT_REGISTERED'],
  ] as const)('refuses %s (STATE)', (_n, history, command, code) => {
    given(history).when(command).thenRefusedWithStateCode(code);
  });
});

describe('Arts. 18 ¶1, 19 (PLAN-ORGAN, PLAN-NO-SELF): only a CITY-level organ or above drafts a plan; a unit never recruits by itself', () => {
  const organs = { REGION, CITY, COUNTY, UNIT };
  it.each([
    ['REGION', []],
    ['CITY', []],
    ['COUNTY', ['PLAN-ORGAN']],
    ['UNIT', ['PLAN-ORGAN', 'PLAN-NO-SELF']],
  ] as const)('drafted by a %s organ → %j', (level, failed) => {
    const drafter = organs[level];
    const outcome = scenario(draftRecruitmentPlan)
      .given({ [`organ:${drafter.data.organId}`]: drafter.data.organId === 'xincheng' ? XINCHENG : [drafter], 'organ:xincheng': XINCHENG })
      .when(draft({ draftingOrganId: drafter.data.organId }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 18 ¶1 (QUOTA-PLAN): the openings fit in the quota headroom (quota − active − openings other plans hold)', () => {
  const given = scenario(draftRecruitmentPlan).given;
  it.each([
    [4, []],
    [5, []],
    [6, ['QUOTA-PLAN']],
  ])('%i openings against a headroom of 5 → %j', (count, failed) => {
    const outcome = given({ 'organ:hohhot': [CITY], 'organ:xincheng': XINCHENG }).when(draft({ openings: [opening(count)] }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('openings in two rows of one organ are added up', () => {
    given({ 'organ:hohhot': [CITY], 'organ:xincheng': XINCHENG })
      .when(draft({ openings: [opening(3), opening(3, { openingId: 'o-2', category: 'DUTY' })] }))
      .thenRefusedCitingRules('QUOTA-PLAN');
  });

  it('released openings of another plan free their headroom', () => {
    expect(given({ 'organ:hohhot': [CITY], 'organ:xincheng': [...XINCHENG, planOpeningsReleased({ planId: 'plan-0' })] }).when(draft({ openings: [opening(7)] })).decision.accepted).toBe(true);
  });

  it('an organ without a quota in force on the draft date has no headroom', () => {
    given({ 'organ:hohhot': [CITY], 'organ:xincheng': [COUNTY, quota(10, '2024-10-01')] }).when(draft({ openings: [opening(1)] }, '2024-09-30')).thenRefusedCitingRules('QUOTA-PLAN');
    expect(given({ 'organ:hohhot': [CITY], 'organ:xincheng': [COUNTY, quota(10, '2024-10-01')] }).when(draft({ openings: [opening(1)] }, '2024-10-01')).decision.accepted).toBe(true);
  });
});

describe('Art. 22 ¶2 (PREF-TARGETED): 定向招聘 only for items (1) and (2)', () => {
  it.each([
    [[1, 2], []],
    [[2], []],
    [[2, 3], ['PREF-TARGETED']],
    [[], ['PREF-TARGETED']],
  ])('a targeted opening for items %j → %j', (targetedCategories, failed) => {
    const outcome = scenario(draftRecruitmentPlan).given({ 'organ:hohhot': [CITY], 'organ:xincheng': XINCHENG }).when(draft({ openings: [opening(1, { targetedCategories })] }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('every failed rule is listed: a unit, over quota, a targeted opening for item (4)', () => {
    scenario(draftRecruitmentPlan)
      .given({ 'organ:xincheng-pcs': [UNIT], 'organ:xincheng': XINCHENG })
      .when(draft({ draftingOrganId: 'xincheng-pcs', openings: [opening(9, { targetedCategories: [4] })] }))
      .thenRefusedCitingRules('PLAN-ORGAN', 'PLAN-NO-SELF', 'QUOTA-PLAN', 'PREF-TARGETED');
  });
});

describe('Art. 47: plans drafted from 2024-09-01 are judged by the 2024 rules', () => {
  it.each([
    ['2024-08-31', ['RULESET-NOT-IN-FORCE']],
    ['2024-09-01', []],
  ])('drafted %s → %j', (date, failed) => {
    const outcome = scenario(draftRecruitmentPlan).given({ 'organ:hohhot': [CITY], 'organ:xincheng': XINCHENG }).when(draft({}, date));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('ApproveRecruitmentPlan — Art. 18 ¶1 (PLAN-APPROVAL): approved by the same-level people\'s government, approver and document recorded', () => {
  const approve = (data: Partial<ApproveRecruitmentPlan['data']> = {}) =>
    command<ApproveRecruitmentPlan>('ApproveRecruitmentPlan', { planId: 'plan-1', governmentLevel: 'CITY', approver: '呼和浩特市人民政府', documentNumber: '呼政批〔2024〕8号', ...data }, '2024-09-20');
  const given = scenario(approveRecruitmentPlan).given;

  it('records the approval', () => {
    given({ plan: [DRAFTED] }).when(approve()).then({ plan: [APPROVED.event] });
  });
  it.each([
    ['the region government approving a city plan', { governmentLevel: 'REGION' as const }, 1],
    ['no document number', { documentNumber: ' ' }, 1],
    ['a county government, no approver', { governmentLevel: 'COUNTY' as const, approver: '' }, 2],
  ])('%s → PLAN-APPROVAL with each defect listed', (_n, data, defects) => {
    expect(given({ plan: [DRAFTED] }).when(approve(data)).thenRefusedCitingRules('PLAN-APPROVAL')).toHaveLength(defects);
  });
  it.each([
    ['no plan', [], 'PLAN_NOT_FOUND'],
    ['an approved plan', [DRAFTED, APPROVED], 'PLAN_ALREADY_APPROVED'],
    ['a closed plan', [DRAFTED, recruitmentPlanClosed({ planId: 'plan-1', reason: 'WITHDRAWN', closedOn: '2024-09-15' })], 'PLAN_CLOSED'],
  ] as const)('refuses %s (STATE)', (_n, plan, code) => {
    given({ plan: [...plan] }).when(approve()).thenRefusedWithStateCode(code);
  });
});

describe('FileRecruitmentPlan — Art. 18 ¶2 (PLAN-FILING): a CITY-level plan is filed with the REGION organ', () => {
  const file = (data: Partial<FileRecruitmentPlan['data']> = {}, date = '2024-09-25') =>
    command<FileRecruitmentPlan>('FileRecruitmentPlan', { planId: 'plan-1', regionOrganId: 'nmg', filingRef: 'BA-2024-3', ...data }, date);
  const given = scenario(fileRecruitmentPlan).given;

  it('records the filing', () => {
    given({ plan: [DRAFTED, APPROVED], region: [REGION] }).when(file()).then({ plan: [recruitmentPlanFiled({ planId: 'plan-1', regionOrganId: 'nmg', filingRef: 'BA-2024-3', filedOn: '2024-09-25' })] });
  });
  it.each([
    ['filed with a city organ', [DRAFTED], [CITY], file({ regionOrganId: 'hohhot' }), 'FILING_NOT_WITH_REGION'],
    ['a region-level plan', [recruitmentPlanDrafted({ ...DRAFTED.data, draftingOrganId: 'nmg', draftingOrganLevel: 'REGION' })], [REGION], file(), 'FILING_NOT_REQUIRED'],
    ['filed twice', [DRAFTED, recruitmentPlanFiled({ planId: 'plan-1', regionOrganId: 'nmg', filingRef: 'X', filedOn: '2024-09-21' })], [REGION], file(), 'PLAN_ALREADY_FILED'],
    ['an unregistered region organ', [DRAFTED], [], file(), 'ORGAN_NOT_REGISTERED'],
    ['no filing reference', [DRAFTED], [REGION], file({ filingRef: '' }), 'FILING_REF_MISSING'],
    ['no plan', [], [REGION], file(), 'PLAN_NOT_FOUND'],
  ] as const)('refuses %s (STATE)', (_n, plan, region, command, code) => {
    given({ plan: [...plan], region: [...region] }).when(command).thenRefusedWithStateCode(code);
  });

  describe('supervision: an unfiled CITY plan is a finding (planFilingFinding)', () => {
    const planOf = (...events: (RecruitmentPlanEvent | Envelope<RecruitmentPlanEvent>)[]) =>
      fold(RecruitmentPlan, events.map((e) => ('event' in e ? e : on('2024-09-10', e)))) as ExistingPlan;
    const filedOn = (date: string) => recruitmentPlanFiled({ planId: 'plan-1', regionOrganId: 'nmg', filingRef: 'BA', filedOn: date });
    it.each([
      ['unfiled', planOf(DRAFTED), '2024-12-31', ['PLAN-FILING']],
      ['filed the day after', planOf(DRAFTED, filedOn('2025-01-01')), '2024-12-31', ['PLAN-FILING']],
      ['filed that day', planOf(DRAFTED, filedOn('2024-12-31')), '2024-12-31', []],
      ['a region plan, unfiled', planOf(recruitmentPlanDrafted({ ...DRAFTED.data, draftingOrganLevel: 'REGION' })), '2024-12-31', []],
    ])('%s, as of %s → %j', (_n, plan, asOf, failed) => {
      expect(planFilingFinding(plan, asOf, REGISTRY).violations.map((v) => v.ruleId)).toEqual(failed);
    });
  });
});

describe('AnnounceRecruitment — Art. 18 ¶1, Art. 20 (1): announced only after approval, still within quota', () => {
  const announce = (date = '2024-10-01', organIds = ['xincheng']) =>
    command<AnnounceRecruitment>('AnnounceRecruitment', { planId: 'plan-1', announcementRef: 'GG-1', organIds }, date);
  const given = scenario(announceRecruitment).given;
  const reservedByPlan1 = planOpeningsReserved({ planId: 'plan-1', openings: [{ category: null, count: 5 }] });

  it('announces an approved plan; its own reservation does not count against it', () => {
    given({ plan: [DRAFTED, APPROVED], 'organ:xincheng': [...XINCHENG, reservedByPlan1] })
      .when(announce())
      .then({ plan: [recruitmentAnnounced({ planId: 'plan-1', announcementRef: 'GG-1', announcedOn: '2024-10-01' })] });
  });
  it.each([
    ['not approved', [DRAFTED], '2024-10-01', ['PLAN-APPROVAL']],
    ['announced the day before the approval', [DRAFTED, APPROVED], '2024-09-19', ['PLAN-APPROVAL']],
    ['announced the day of the approval', [DRAFTED, APPROVED], '2024-09-20', []],
  ] as const)('%s → %j', (_n, plan, date, failed) => {
    const outcome = given({ plan: [...plan], 'organ:xincheng': [...XINCHENG, reservedByPlan1] }).when(announce(date));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
  it('a quota lowered since the draft, and no approval: both listed', () => {
    given({ plan: [DRAFTED], 'organ:xincheng': [...XINCHENG, reservedByPlan1, quota(8, '2024-09-25')] }).when(announce()).thenRefusedCitingRules('PLAN-APPROVAL', 'QUOTA-PLAN');
  });
  it.each([
    ['organs that are not the plan\'s', [DRAFTED, APPROVED], announce('2024-10-01', ['hohhot']), 'PLAN_ORGANS_MISMATCH'],
    ['an announced plan', [DRAFTED, APPROVED, recruitmentAnnounced({ planId: 'plan-1', announcementRef: 'GG-0', announcedOn: '2024-09-30' })], announce(), 'PLAN_ALREADY_ANNOUNCED'],
    ['no plan', [], announce(), 'PLAN_NOT_FOUND'],
  ] as const)('refuses %s (STATE)', (_n, plan, command, code) => {
    given({ plan: [...plan], 'organ:xincheng': XINCHENG }).when(command).thenRefusedWithStateCode(code);
  });
});

describe('CloseRecruitmentPlan', () => {
  const close = (reason: CloseRecruitmentPlan['data']['reason'] = 'COMPLETED', organIds = ['xincheng']) =>
    command<CloseRecruitmentPlan>('CloseRecruitmentPlan', { planId: 'plan-1', reason, organIds }, '2025-01-10');
  const given = scenario(closeRecruitmentPlan).given;
  it('closes the plan and releases its unfilled openings in each organ', () => {
    given({ plan: [DRAFTED, APPROVED] })
      .when(close())
      .then({ plan: [recruitmentPlanClosed({ planId: 'plan-1', reason: 'COMPLETED', closedOn: '2025-01-10' })], 'organ:xincheng': [planOpeningsReleased({ planId: 'plan-1' })] });
  });
  it.each([
    ['a plan approved, as never approved', [DRAFTED, APPROVED], close('NOT_APPROVED'), 'PLAN_WAS_APPROVED'],
    ['organs that are not the plan\'s', [DRAFTED], close('WITHDRAWN', []), 'PLAN_ORGANS_MISMATCH'],
    ['a closed plan', [DRAFTED, recruitmentPlanClosed({ planId: 'plan-1', reason: 'WITHDRAWN', closedOn: '2024-09-15' })], close(), 'PLAN_CLOSED'],
    ['no plan', [], close(), 'PLAN_NOT_FOUND'],
  ] as const)('refuses %s (STATE)', (_n, plan, command, code) => {
    given({ plan: [...plan] }).when(command).thenRefusedWithStateCode(code);
  });
});

describe('RecordRanking — Art. 22 ¶1 (PREF-RANK): preference only at equal scores, never for the ineligible', () => {
  const rank = (ranking: RecordRanking['data']['ranking']) => command<RecordRanking>('RecordRanking', { planId: 'plan-1', ranking }, '2024-11-05');
  const entry = (applicantId: string, score: number, preferenceCategories: number[] = [], eligible = true) => ({ applicantId, score, eligible, preferenceCategories });
  const announced = [DRAFTED, APPROVED, recruitmentAnnounced({ planId: 'plan-1', announcementRef: 'GG-1', announcedOn: '2024-10-01' })];
  /** An application of plan-1 on record: registered with its preference categories, examined with its total score, ended or not. */
  const application = (applicationId: string, total: number, preferenceCategories: number[] = [], ended = false, planId = 'plan-1') => [
    on('2024-10-10', { ...REGISTERED, data: { ...REGISTERED.data, applicationId, planId, preferenceCategories } }),
    on('2024-11-01', examsPassed({ applicationId, scores: { written: total, physical: total, interview: total, total } })),
    ...(ended ? [on('2024-11-03', recruitmentStageFailed({ applicationId, stage: 4, reason: 'BELOW_STANDARD', reasonRef: 'R-1' }))] : []),
  ];
  const RECORD = {
    'application:a': application('a', 90),
    'application:b': application('b', 85, [2]),
    'application:c': application('c', 85),
    'application:d': application('d', 95, [1], true),
    'application:x': application('x', 99, [], false, 'plan-2'),
  };
  const given = (history: Record<string, unknown[]>) => scenario(recordRanking).given(history as never);

  it('records a ranking by score, the preferred first at an equal score, with the values on record', () => {
    const ranking = [entry('a', 90), entry('b', 85, [2]), entry('c', 85)];
    given({ plan: announced, ...RECORD }).when(rank(ranking)).then({ plan: [rankingRecorded({ planId: 'plan-1', ranking, rankedOn: '2024-11-05' })] });
  });
  it.each([
    ['a preferred applicant above a higher score', [entry('b', 85, [2]), entry('a', 90)]],
    ['the non-preferred first at an equal score', [entry('c', 85), entry('b', 85, [2])]],
    ['an ineligible (ended) but preferred applicant ranked', [entry('d', 95, [1], false)]],
  ])('%s → PREF-RANK', (_n, ranking) => {
    given({ plan: announced, ...RECORD }).when(rank(ranking)).thenRefusedCitingRules('PREF-RANK');
  });
  it.each([
    ['a raised score', [entry('a', 90), entry('c', 88), entry('b', 85, [2])]],
    ['an added preference category', [entry('a', 90), entry('c', 85, [4]), entry('b', 85, [2])]],
    ['an ended application called eligible', [entry('d', 95, [1]), entry('a', 90)]],
  ])('a ranking that contradicts the applications on record is refused — %s (PREF-RANK, citing the record)', (_n, ranking) => {
    const violations = given({ plan: announced, ...RECORD }).when(rank(ranking)).thenRefusedCitingRules('PREF-RANK');
    expect(violations.some((v) => v.message.en.includes('contradict'))).toBe(true);
  });
  it('the order is judged on the record: a raised score does not lift an applicant above a higher one', () => {
    // c claims 91 to rank above a (90); on record c has 85.
    const violations = given({ plan: announced, ...RECORD }).when(rank([entry('c', 91), entry('a', 90), entry('b', 85, [2])])).thenRefusedCitingRules('PREF-RANK');
    expect(violations.map((v) => v.message.en)).toEqual(expect.arrayContaining([expect.stringContaining('a scores higher but ranks below c')]));
  });
  it('refuses a ranking before the announcement, an applicant listed twice, one of another plan or not examined (STATE)', () => {
    given({ plan: [DRAFTED, APPROVED], ...RECORD }).when(rank([entry('a', 90)])).thenRefusedWithStateCode('PLAN_NOT_ANNOUNCED');
    given({ plan: announced, ...RECORD }).when(rank([entry('a', 90), entry('a', 90)])).thenRefusedWithStateCode('DUPLICATE_APPLICANT');
    given({ plan: announced, ...RECORD }).when(rank([entry('x', 99)])).thenRefusedWithStateCode('APPLICATION_NOT_OF_PLAN');
    given({ plan: announced, ...RECORD }).when(rank([entry('nobody', 99)])).thenRefusedWithStateCode('APPLICATION_NOT_OF_PLAN');
    given({ plan: announced, 'application:e': application('e', 80).slice(0, 1) }).when(rank([entry('e', 80)])).thenRefusedWithStateCode('APPLICANT_NOT_EXAMINED');
  });
});

