import type { EducationLevel, EducationRelaxation } from '@auxledger/statute';
import type { Actor } from '../kernel';
import { CITY, COUNTY, UNIT } from '../organ/organ.fixtures';
import { type PlanOpening, recruitmentPlanClosed, recruitmentPlanDrafted } from '../recruitment-plan/recruitment-plan';
import { command, on, scenario } from '../testing';
import { ANNOUNCED, ANNOUNCED_PLAN, APPLICANT, APPROVED, DRAFTED, REGISTERED } from './recruitment-application.fixtures';
import { applicationRegistered, type ApplicantProfile } from './recruitment-application';
import { registerApplication, type RegisterApplication } from './register-application';

const REGION_ADMIN: Actor = { id: 'admin-1', role: 'admin', organId: null };
const actorOf = (organId: string): Actor => ({ id: `op-${organId}`, role: 'operator', organId });

const register = (data: Partial<RegisterApplication['data']> = {}, on = '2024-10-10', actor: Actor = REGION_ADMIN) =>
  command<RegisterApplication>('RegisterApplication', { applicationId: 'app-1', planId: 'plan-1', personKey: 'pk:9f2c…', applicant: APPLICANT, preferenceCategories: [], targetedOpeningId: null, ...data }, on, actor);
const withApplicant = (applicant: Partial<ApplicantProfile>, on?: string) => register({ applicant: { ...APPLICANT, ...applicant } }, on);

const given = scenario(registerApplication).given;
const accepted = (outcome: { decision: { accepted: boolean } }) => expect(outcome.decision.accepted).toBe(true);

describe('RegisterApplication', () => {
  describe('given an announced plan', () => {
    it('registers the applicant with stage (1) taken from the announcement and the plan\'s post conditions', () => {
      given({ plan: ANNOUNCED_PLAN }).when(register()).then({ application: [REGISTERED] });
    });

    it('carries the person key, never an ID number', () => {
      const { decision } = given({ plan: ANNOUNCED_PLAN }).when(register({ personKey: 'pk:abc' }));
      expect(JSON.stringify(decision)).not.toMatch(/idNumber|\d{17}[\dX]/);
      expect(decision.accepted && decision.events.application?.[0]?.data).toMatchObject({ personKey: 'pk:abc' });
    });

    it('refuses a second registration under the same id (STATE)', () => {
      given({ plan: ANNOUNCED_PLAN, application: [REGISTERED] }).when(register()).thenRefusedWithStateCode('APPLICATION_ALREADY_REGISTERED');
    });

    it('refuses an opening that is not a targeted one of the plan (STATE)', () => {
      given({ plan: ANNOUNCED_PLAN }).when(register({ targetedOpeningId: 'o-open' })).thenRefusedWithStateCode('NOT_A_TARGETED_OPENING');
    });

    it('refuses an actor whose organ is not registered (STATE)', () => {
      given({ plan: ANNOUNCED_PLAN }).when(register({}, '2024-10-10', actorOf('ghost'))).thenRefusedWithStateCode('ACTOR_ORGAN_NOT_REGISTERED');
    });
  });

  it('refuses a plan that does not exist (STATE)', () => {
    given({}).when(register()).thenRefusedWithStateCode('PLAN_NOT_FOUND');
  });

  it('refuses a closed plan (STATE)', () => {
    given({ plan: [...ANNOUNCED_PLAN, recruitmentPlanClosed({ planId: 'plan-1', reason: 'COMPLETED', closedOn: '2025-01-01' })] }).when(register()).thenRefusedWithStateCode('PLAN_CLOSED');
  });
});

describe('an application knows the organs it may be hired into: its targeted opening\'s organ, and the organs its plan recruits for', () => {
  const TWO_ORGANS = [
    recruitmentPlanDrafted({ ...DRAFTED.data, openings: [DRAFTED.data.openings[0] as PlanOpening, { ...(DRAFTED.data.openings[1] as PlanOpening), organId: 'saihan' }] }),
    APPROVED,
    ANNOUNCED,
  ];
  const registeredWith = (outcome: { decision: unknown }) => {
    const decision = outcome.decision as { accepted: boolean; events?: { application?: { data: Record<string, unknown> }[] } };
    expect(decision.accepted).toBe(true);
    return decision.events?.application?.[0]?.data;
  };

  it('a targeted registration records the targeted opening\'s organ (targetedOrganId)', () => {
    const data = registeredWith(given({ plan: TWO_ORGANS }).when(register({ targetedOpeningId: 'o-veterans', preferenceCategories: [1] })));
    expect(data).toMatchObject({ targetedOpeningId: 'o-veterans', targetedOrganId: 'saihan', openingOrganIds: ['xincheng', 'saihan'] });
  });

  it('an open registration records no targeted organ, and every organ of the plan\'s openings', () => {
    const data = registeredWith(given({ plan: TWO_ORGANS }).when(register()));
    expect(data).toMatchObject({ targetedOpeningId: null, targetedOrganId: null, openingOrganIds: ['xincheng', 'saihan'] });
  });
});

describe('Art. 20 (RECR-ORDER): registration (2) only after the announcement (1)', () => {
  it.each([
    ['drafted', [DRAFTED]],
    ['approved, not announced', [DRAFTED, APPROVED]],
  ])('a plan only %s: refused', (_n, plan) => {
    given({ plan }).when(register()).thenRefusedCitingRules('RECR-ORDER');
  });

  it('announced: accepted', () => {
    accepted(given({ plan: [DRAFTED, APPROVED, on('2024-10-01', ANNOUNCED)] }).when(register()));
  });
});

describe('Art. 21 (2) (ELIG-AGE): 年满十八周岁 on the registration date — the birthday itself counts', () => {
  it.each([
    ['2006-10-10', '2024-10-09', ['ELIG-AGE']],
    ['2006-10-10', '2024-10-10', []],
    ['2006-10-11', '2024-10-10', ['ELIG-AGE']],
    ['1960-01-01', '2024-10-10', []],
    // 29 February: the 18th birthday falls on 28 February of a common year.
    ['2008-02-29', '2026-02-27', ['ELIG-AGE']],
    ['2008-02-29', '2026-02-28', []],
  ])('born %s, registering %s → %j', (birthDate, registeredOn, failed) => {
    const outcome = given({ plan: ANNOUNCED_PLAN }).when(withApplicant({ birthDate }, registeredOn));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else accepted(outcome);
  });
});

describe('Art. 21 (2) (ELIG-CITIZEN): a citizen of the PRC', () => {
  it.each([['CN', []], ['MN', ['ELIG-CITIZEN']], ['', ['ELIG-CITIZEN']]])('nationality %j → %j', (nationality, failed) => {
    const outcome = given({ plan: ANNOUNCED_PLAN }).when(withApplicant({ nationality }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else accepted(outcome);
  });
});

describe('Art. 21 (3) (ELIG-EDU, ELIG-EDU-RELAX): 大学专科 or above; 高中/中专 only for veterans, former rescuers or special posts with CITY-level government approval', () => {
  const approval = (authority: 'GOVERNMENT' | 'PUBLIC_SECURITY', level: 'REGION' | 'CITY' | 'COUNTY', documentNumber = '呼政批〔2024〕9号') => ({ authority, level, documentNumber });
  it.each<[string, EducationLevel, EducationRelaxation | null, string[]]>([
    ['college, no relaxation', 'JUNIOR_COLLEGE', null, []],
    ['bachelor', 'BACHELOR', null, []],
    ['high school, no relaxation', 'HIGH_SCHOOL', null, ['ELIG-EDU']],
    ['high school, veteran, approved by the city government', 'HIGH_SCHOOL', { ground: 'VETERAN', approval: approval('GOVERNMENT', 'CITY') }, []],
    ['中专, former rescuer, approved by the region government', 'SECONDARY_VOCATIONAL', { ground: 'FORMER_FIRE_RESCUE', approval: approval('GOVERNMENT', 'REGION') }, []],
    ['high school, special post, approved by the city government', 'HIGH_SCHOOL', { ground: 'SPECIAL_POST', approval: approval('GOVERNMENT', 'CITY') }, []],
    ['high school, veteran, approved by a county government', 'HIGH_SCHOOL', { ground: 'VETERAN', approval: approval('GOVERNMENT', 'COUNTY') }, ['ELIG-EDU', 'ELIG-EDU-RELAX']],
    ['high school, veteran, approved by the city public security organ', 'HIGH_SCHOOL', { ground: 'VETERAN', approval: approval('PUBLIC_SECURITY', 'CITY') }, ['ELIG-EDU', 'ELIG-EDU-RELAX']],
    ['high school, veteran, no approval', 'HIGH_SCHOOL', { ground: 'VETERAN', approval: null }, ['ELIG-EDU', 'ELIG-EDU-RELAX']],
    ['below high school, veteran, approved', 'BELOW_HIGH_SCHOOL', { ground: 'VETERAN', approval: approval('GOVERNMENT', 'CITY') }, ['ELIG-EDU', 'ELIG-EDU-RELAX']],
  ])('%s → %j', (_n, education, educationRelaxation, failed) => {
    const outcome = given({ plan: ANNOUNCED_PLAN }).when(withApplicant({ education, educationRelaxation }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else accepted(outcome);
  });

  it('the relaxation\'s violation cites the exception (Art. 21 ¶1 (3), its second sentence) and names the rule it relaxes', () => {
    const violations = given({ plan: ANNOUNCED_PLAN })
      .when(withApplicant({ education: 'HIGH_SCHOOL', educationRelaxation: { ground: 'VETERAN', approval: null } }))
      .thenRefusedCitingRules('ELIG-EDU', 'ELIG-EDU-RELAX');
    expect(violations.find((v) => v.ruleId === 'ELIG-EDU-RELAX')).toMatchObject({ relaxes: 'ELIG-EDU', citation: { article: 21, item: 3 } });
  });
});

describe('Art. 22 ¶2 (PREF-TARGETED): a targeted opening (定向招聘) takes only applicants of items (1) and (2)', () => {
  it.each([
    [[1], []],
    [[2, 4], []],
    [[3], ['PREF-TARGETED']],
    [[], ['PREF-TARGETED']],
  ])('an applicant of items %j on the veterans\' opening → %j', (preferenceCategories, failed) => {
    const outcome = given({ plan: ANNOUNCED_PLAN }).when(register({ targetedOpeningId: 'o-veterans', preferenceCategories }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else accepted(outcome);
  });
});

describe('Art. 19 ¶2 (PLAN-NO-SELF): a unit (警种、单位、基层所队) may not recruit by itself', () => {
  it.each([
    ['the city organ', CITY, []],
    ['a county organ', COUNTY, []],
    ['a police station', UNIT, ['PLAN-NO-SELF']],
  ] as const)('registration taken by %s → %j', (_n, organ, failed) => {
    const outcome = given({ plan: ANNOUNCED_PLAN, recruiter: [organ] }).when(register({}, '2024-10-10', actorOf(organ.data.organId)));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else accepted(outcome);
  });
});

describe('every failed rule is listed, not only the first', () => {
  it('a 17-year-old foreigner with high school only, registered by a police station', () => {
    const command = register({ applicant: { ...APPLICANT, birthDate: '2007-01-01', nationality: 'KZ', education: 'HIGH_SCHOOL' } }, '2024-10-10', actorOf(UNIT.data.organId));
    given({ plan: ANNOUNCED_PLAN, recruiter: [UNIT] }).when(command).thenRefusedCitingRules('PLAN-NO-SELF', 'ELIG-AGE', 'ELIG-CITIZEN', 'ELIG-EDU');
  });
});

describe('Art. 47: registrations are judged by the 2024 rules from 2024-09-01', () => {
  const earlyPlan = [DRAFTED, APPROVED, { ...ANNOUNCED, data: { ...ANNOUNCED.data, announcedOn: '2024-08-20' } }];
  it('registered 2024-08-31: no rule set in force', () => {
    given({ plan: earlyPlan }).when(register({}, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
  });
  it('registered 2024-09-01: judged and accepted', () => {
    given({ plan: earlyPlan }).when(register({}, '2024-09-01')).then({ application: [applicationRegistered({ ...REGISTERED.data, announcedOn: '2024-08-20' })] });
  });
});
