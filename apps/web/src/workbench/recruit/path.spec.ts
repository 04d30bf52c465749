import { APPLICATION_STEPS, ONBOARDING_STEPS, PLAN_STEPS, type PathContext, type PlanRow, addMonths, addYears, current, dutyLimits, walk } from './path';
import { RECRUIT_WORDS } from './words-table';

const plan = (over: Partial<PlanRow> = {}): PlanRow => ({
  plan_id: 'plan-1', drafting_organ_id: 'xincheng', drafting_organ_level: 'COUNTY', title: 'T', status: 'DRAFTED', drafted_on: '2026-12-01',
  approved_on: null, approval_document: null, filed_on: null, filing_ref: null, announced_on: null, closed_on: null, openings_total: 1,
  openings: [{ organId: 'xincheng', category: 'DUTY', count: 1 }], organ_ids: ['xincheng'], ...over,
});
let n = 0;
const context = (over: Partial<PathContext> = {}): PathContext => ({
  today: '2026-12-03', organId: 'hohhot', openingOrganId: 'xincheng', regionOrganId: 'nmg', plan: null, application: null, file: null, payStandard: null,
  newId: (prefix) => `${prefix}-${++n}`, ...over,
});
const statuses = (states: ReturnType<typeof walk>) => states.map((s) => `${s.step.key}:${s.status}`);

describe('the guided recruitment path', () => {
  it('no plan: drafting is next, the rest later; the draft form knows the drafting city, the county of the opening, the date and an id', () => {
    const states = walk(PLAN_STEPS, context());
    expect(statuses(states)).toEqual(['draft:next', 'approve:later', 'file:later', 'announce:later']);
    expect(current(states)?.step.prefill(context())).toMatchObject({
      draftingOrganId: 'hohhot', effectiveDate: '2026-12-03', planId: expect.stringMatching(/^plan-/), openings: [expect.objectContaining({ organId: 'xincheng', count: 1 })],
    });
  });

  it('a drafted plan: approval next, with the plan id and its government level; an approved one may be filed, then announced', () => {
    expect(statuses(walk(PLAN_STEPS, context({ plan: plan() })))).toEqual(['draft:done', 'approve:next', 'file:later', 'announce:later']);
    expect(PLAN_STEPS[1]?.prefill(context({ plan: plan() }))).toMatchObject({ planId: 'plan-1', governmentLevel: 'COUNTY' });
    const approved = plan({ approved_on: '2026-12-02', status: 'APPROVED' });
    expect(statuses(walk(PLAN_STEPS, context({ plan: approved })))).toEqual(['draft:done', 'approve:done', 'file:next', 'announce:later']);
    expect(PLAN_STEPS[2]?.prefill(context({ plan: approved }))).toMatchObject({ regionOrganId: 'nmg' });
  });

  it('registration is blocked until the plan is announced (Art. 20 (1))', () => {
    const states = walk(APPLICATION_STEPS, context({ plan: plan({ approved_on: '2026-12-02' }) }));
    expect(states[0]).toMatchObject({ status: 'blocked', blockers: [{ reason: 'notAnnounced', article: 'art20i1' }] });
    expect(walk(APPLICATION_STEPS, context({ plan: plan({ announced_on: '2026-12-03' }) }))[0]?.status).toBe('next');
  });

  const application = {
    applicationId: 'app-1', planId: 'plan-1', openingId: null, organId: 'xincheng', recruitingOrganId: 'xincheng', personKey: 'pk-1', stage: 'EXAMS',
    nextStage: 'MEDICAL', registeredOn: '2026-12-03', announcedOn: '2026-12-03', failure: null, hired: null, person: null,
    stageDates: { QUALIFICATION_REVIEW: '2026-12-03', EXAMS: '2026-12-03', MEDICAL: null, INSPECTION: null, PUBLIC_NOTICE: null },
  };

  it('an application after its exams: medical next; the inspection form carries the person key; an ended one is blocked', () => {
    const c = context({ plan: plan({ announced_on: '2026-12-01' }), application });
    expect(statuses(walk(APPLICATION_STEPS, c))).toEqual(['register:done', 'qualification:done', 'exams:done', 'medical:next', 'inspection:later', 'notice:later', 'hire:later']);
    expect(APPLICATION_STEPS[4]?.prefill(c)).toMatchObject({ applicationId: 'app-1', personKey: 'pk-1' });
    const ended = walk(APPLICATION_STEPS, { ...c, application: { ...application, failure: { stage: 4, stageKey: 'MEDICAL', reason: 'BELOW_STANDARD', on: '2026-12-03' } } });
    expect(ended[3]).toMatchObject({ status: 'blocked', blockers: [{ reason: 'applicationEnded' }] });
  });

  it('the hire form: the opening’s organ and category, the pay standard in force, a three-year contract with six months’ probation', () => {
    const c = context({ plan: plan({ announced_on: '2026-12-01' }), application, payStandard: { locality: 'hohhot', level: 'L1', monthlyBaseFen: 400000 } });
    expect(APPLICATION_STEPS[6]?.prefill(c)).toMatchObject({
      usingOrganId: 'xincheng', category: 'DUTY', level: 'L1', pay: { locality: 'hohhot', monthlyBaseFen: 400000 },
      contract: { startDate: '2026-12-03', endDate: '2029-12-02', probationLastDay: '2027-06-02', kind: 'FIXED_TERM' },
    });
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addMonths('2026-12-03', 6)).toBe('2027-06-02');
  });

  const file = { auxiliary_id: 'aux-1', using_organ_id: 'xincheng', category: 'DUTY', status: 'PROBATION', hired_on: '2026-12-03', insurance: [], pre_job_training_on: null, assignments: [] };

  it('no pre-job training: no duty (DUTY-TRAINED, Art. 35 ¶2); no accident insurance: no high-risk duty (INSURANCE-RISK, Art. 28 ¶2)', () => {
    const c = context({ file });
    const states = walk(ONBOARDING_STEPS, c);
    expect(statuses(states)).toEqual(['training:next', 'insurance:next', 'duty:later']);
    expect(current(states)?.step.key).toBe('training');
    expect(ONBOARDING_STEPS[2]?.blockers?.(c)).toEqual([{ reason: 'noPreJobTraining', ruleId: 'DUTY-TRAINED', article: 'art35p2' }]);
    const trained = context({ file: { ...file, pre_job_training_on: '2026-12-03' } });
    expect(current(walk(ONBOARDING_STEPS, trained))?.step.key).toBe('duty');
    expect(dutyLimits(trained)).toEqual([{ reason: 'noAccidentInsurance', ruleId: 'INSURANCE-RISK', article: 'art28p2' }]);
    expect(dutyLimits(context({ file: { ...file, insurance: ['PERSONAL_ACCIDENT'] } }))).toEqual([]);
  });
});

describe('the guide’s words', () => {
  const keys = (o: unknown, prefix = ''): string[] =>
    typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

  it('zh-CN and en have the same keys, and every step, article and blocker of the path has its words', () => {
    expect(keys(RECRUIT_WORDS.en).sort()).toEqual(keys(RECRUIT_WORDS['zh-CN']).sort());
    const zh = new Set(keys(RECRUIT_WORDS['zh-CN']));
    for (const s of [...PLAN_STEPS, ...APPLICATION_STEPS, ...ONBOARDING_STEPS]) {
      expect([`steps.${s.key}.title`, `steps.${s.key}.hint`, `articles.${s.article}`].filter((k) => !zh.has(k))).toEqual([]);
      const c = context({ plan: plan(), file: { auxiliary_id: 'a', using_organ_id: 'x', category: 'DUTY', status: 'PROBATION', hired_on: 'd', insurance: [], pre_job_training_on: null, assignments: [] } });
      for (const b of [...(s.blockers?.(c) ?? []), ...dutyLimits(c)]) expect([`blocks.${b.reason}`, `articles.${b.article}`].filter((k) => !zh.has(k))).toEqual([]);
    }
  });
});
