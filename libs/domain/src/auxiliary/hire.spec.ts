import { type RecruitmentApplicationEvent, type ApplicationRegistered, applicantHired, applicationRegistered, examsPassed, inspectionPassed, medicalExaminationPassed, publicNoticeCompleted, qualificationReviewPassed } from '../recruitment-application';
import { REGISTERED, STAGE_DATES, historyTo } from '../recruitment-application/recruitment-application.fixtures';
import type { Envelope } from '../kernel';
import { quotaPlaceTaken, quotaSet } from '../organ';
import { COUNTY, registered } from '../organ/organ.fixtures';
import { personContractEnded, personContractStarted } from '../person';
import { applicationRegisteredV1, command, on, scenario } from '../testing';
import { CONTRACT, REGISTRY_WITH_PAY, payOn } from './auxiliary.fixtures';
import { type LabourContract, auxiliaryEvent } from './events';
import { type Hire, hire } from './hire';

const PK = REGISTERED.data.personKey;
const HIRE_ON = '2025-01-02';
const contract = (c: Partial<LabourContract> = {}): LabourContract => ({ ...CONTRACT, startDate: HIRE_ON, endDate: '2028-01-01', probationLastDay: '2025-07-01', ...c });

const hireOn = (data: Partial<Hire['data']> = {}, date = HIRE_ON) =>
  command<Hire>('Hire', { auxiliaryId: 'aux-9', applicationId: 'app-1', personKey: PK, usingOrganId: 'xincheng', category: 'DUTY', contract: contract({ startDate: date }), level: 'L1', pay: payOn('L1'), ...data }, date);

const QUOTA = (headcount: number) => quotaSet({ organId: 'xincheng', category: null, headcount, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2024-09-01' });
const ORGAN_WITH_ROOM = [COUNTY, QUOTA(10)];
const PASSED = historyTo(6);
const given = scenario(hire, { registry: REGISTRY_WITH_PAY }).given;
const ready = { organ: ORGAN_WITH_ROOM, application: PASSED };

const servedBefore = (reason: 'ABANDONMENT' | 'RESIGNATION') => [
  personContractStarted({ personKey: PK, contractId: 'c-old', auxiliaryId: 'aux-old', organId: 'baotou', startDate: '2021-03-01' }),
  personContractEnded({ personKey: PK, contractId: 'c-old', auxiliaryId: 'aux-old', organId: 'baotou', endedOn: '2022-05-01', reason }),
];

const expectedHire = (c: LabourContract = contract()) => ({
  auxiliary: [auxiliaryEvent('AuxiliaryHired', { auxiliaryId: 'aux-9', personKey: PK, applicationId: 'app-1', usingOrganId: 'xincheng', category: 'DUTY', contract: c, level: 'L1', pay: payOn('L1'), hiredOn: HIRE_ON })],
  person: [personContractStarted({ personKey: PK, contractId: c.contractId, auxiliaryId: 'aux-9', organId: 'xincheng', startDate: HIRE_ON })],
  organ: [quotaPlaceTaken({ auxiliaryId: 'aux-9', category: 'DUTY', planId: 'plan-1' })],
  application: [applicantHired({ applicationId: 'app-1', auxiliaryId: 'aux-9' })],
});

describe('Hire', () => {
  describe('given an application through the public notice, an organ with room, a person never hired', () => {
    it('hires: the auxiliary, the person registry, the organ\'s quota and the application, in one append', () => {
      given(ready).when(hireOn()).then(expectedHire());
    });

    it('the hire carries the personKey and outcomes, never the applicant\'s profile', () => {
      const decision = given(ready).when(hireOn()).decision;
      expect(JSON.stringify(decision.accepted && decision.events.auxiliary)).not.toMatch(/birthDate|nationality|education|findings|BG-/);
    });

    it('refuses an auxiliary id already hired (STATE)', () => {
      given({ ...ready, auxiliary: expectedHire().auxiliary.map((e) => on(HIRE_ON, e)) }).when(hireOn()).thenRefusedWithStateCode('AUXILIARY_ALREADY_HIRED');
    });

    it('refuses an application already used for a hire (STATE)', () => {
      given({ organ: ORGAN_WITH_ROOM, application: [...PASSED, on('2024-12-20', applicantHired({ applicationId: 'app-1', auxiliaryId: 'aux-8' }))] })
        .when(hireOn())
        .thenRefusedWithStateCode('APPLICATION_ALREADY_USED');
    });

    it('refuses another person\'s application (STATE)', () => {
      given(ready).when(hireOn({ personKey: 'pk:other' })).thenRefusedWithStateCode('APPLICATION_PERSON_MISMATCH');
    });

    it('refuses an unregistered using organ (STATE)', () => {
      given({ application: PASSED }).when(hireOn()).thenRefusedWithStateCode('ORGAN_NOT_REGISTERED');
    });

    it('refuses a contract that does not start on the hire date, or a fixed term without end (STATE)', () => {
      given(ready).when(hireOn({ contract: contract({ startDate: '2025-02-01' }) })).thenRefusedWithStateCode('CONTRACT_INCONSISTENT');
      given(ready).when(hireOn({ contract: contract({ endDate: null }) })).thenRefusedWithStateCode('CONTRACT_INCONSISTENT');
    });
  });

  describe('given no application', () => {
    it('Art. 17 凡进必考: refused by RECR-EXAM, with what else can be judged', () => {
      given({ organ: ORGAN_WITH_ROOM }).when(hireOn()).thenRefusedCitingRules('RECR-EXAM', 'RECR-ORDER', 'ELIG-FIT');
    });
  });

  describe('given an application still under way (through the medical examination)', () => {
    it('Art. 20: refused by RECR-ORDER — inspection and public notice come first', () => {
      given({ organ: ORGAN_WITH_ROOM, application: historyTo(4) }).when(hireOn()).thenRefusedCitingRules('RECR-ORDER');
    });
  });
});

describe('Arts. 18–20, 34 ¶1: an application is hired only by an organ its plan recruits for — another organ may not use up its applicant', () => {
  const SAIHAN = [registered('saihan', 'COUNTY', 'hohhot'), quotaSet({ organId: 'saihan', category: null, headcount: 10, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2024-09-01' })];
  const withRegistration = (data: Partial<ApplicationRegistered['data']>): Envelope<RecruitmentApplicationEvent>[] => [
    on(STAGE_DATES[0], applicationRegistered({ ...REGISTERED.data, ...data })),
    ...PASSED.slice(1),
  ];

  describe('given an application to a targeted opening of 新城区', () => {
    const targeted = withRegistration({ targetedOpeningId: 'o-veterans', targetedOrganId: 'xincheng', openingOrganIds: ['xincheng', 'saihan'] });
    it('赛罕区 may not hire on it, though the plan also recruits for 赛罕区 (STATE APPLICATION_FOR_ANOTHER_ORGAN, naming the organ)', () => {
      const outcome = given({ organ: SAIHAN, application: targeted }).when(hireOn({ usingOrganId: 'saihan' }));
      outcome.thenRefusedWithStateCode('APPLICATION_FOR_ANOTHER_ORGAN');
      const decision = outcome.decision as { refusal?: { message: { zh: string; en: string }; details?: unknown } };
      expect(decision.refusal?.message.en).toContain('xincheng');
      expect(decision.refusal?.message.zh).toContain('xincheng');
      expect(decision.refusal?.details).toEqual({ usingOrganId: 'saihan', applicationOrganIds: ['xincheng'] });
    });
    it('新城区 hires on it', () => {
      expect(given({ organ: ORGAN_WITH_ROOM, application: targeted }).when(hireOn()).decision.accepted).toBe(true);
    });
  });

  describe('given an open application to a plan recruiting for 新城区 only', () => {
    it('赛罕区 may not hire on it (STATE APPLICATION_FOR_ANOTHER_ORGAN)', () => {
      given({ organ: SAIHAN, application: withRegistration({ targetedOrganId: null, openingOrganIds: ['xincheng'] }) })
        .when(hireOn({ usingOrganId: 'saihan' }))
        .thenRefusedWithStateCode('APPLICATION_FOR_ANOTHER_ORGAN');
    });
  });

  describe('given an application registered before the organs were recorded (no targetedOrganId, no openingOrganIds)', () => {
    it('is not checked: 赛罕区 hires on it, as before', () => {
      const { targetedOrganId: _t, openingOrganIds: _o, ...old } = REGISTERED.data;
      const history = [on(STAGE_DATES[0], applicationRegisteredV1(old) as never), ...PASSED.slice(1)];
      expect(given({ organ: SAIHAN, application: history }).when(hireOn({ usingOrganId: 'saihan' })).decision.accepted).toBe(true);
    });
  });
});

describe('Art. 24 with 劳动合同法 Art. 19: probation within the limit for the contract\'s term (start 2025-01-02)', () => {
  // lastDay(start, n months) = start + n months − 1 day: 1 month → 2025-02-01, 2 → 2025-03-01, 6 → 2025-07-01.
  it.each([
    ['term under 3 months (to 2025-03-31), no probation', [], { endDate: '2025-03-31', probationLastDay: null }],
    ['term under 3 months (to 2025-03-31), any probation', ['CONTRACT-PROBATION'], { endDate: '2025-03-31', probationLastDay: '2025-01-05' }],
    ['term exactly 3 months (to 2025-04-01), 1 month', [], { endDate: '2025-04-01', probationLastDay: '2025-02-01' }],
    ['term exactly 3 months (to 2025-04-01), 1 month and a day', ['CONTRACT-PROBATION'], { endDate: '2025-04-01', probationLastDay: '2025-02-02' }],
    ['term just under 1 year (to 2025-12-31), 2 months', ['CONTRACT-PROBATION'], { endDate: '2025-12-31', probationLastDay: '2025-03-01' }],
    ['term exactly 1 year (to 2026-01-01), 2 months', [], { endDate: '2026-01-01', probationLastDay: '2025-03-01' }],
    ['term exactly 1 year (to 2026-01-01), 2 months and a day', ['CONTRACT-PROBATION'], { endDate: '2026-01-01', probationLastDay: '2025-03-02' }],
    ['term just under 3 years (to 2027-12-31), 6 months', ['CONTRACT-PROBATION'], { endDate: '2027-12-31', probationLastDay: '2025-07-01' }],
    ['term exactly 3 years (to 2028-01-01), 6 months', [], { endDate: '2028-01-01', probationLastDay: '2025-07-01' }],
    ['term exactly 3 years (to 2028-01-01), 6 months and a day', ['CONTRACT-PROBATION'], { endDate: '2028-01-01', probationLastDay: '2025-07-02' }],
    ['open-ended, 6 months', [], { kind: 'OPEN_ENDED', endDate: null, probationLastDay: '2025-07-01' }],
    ['open-ended, 6 months and a day', ['CONTRACT-PROBATION'], { kind: 'OPEN_ENDED', endDate: null, probationLastDay: '2025-07-02' }],
    ['task-based, any probation', ['CONTRACT-PROBATION'], { kind: 'TASK_BASED', endDate: null, probationLastDay: '2025-01-10' }],
  ] as const)('%s → %j', (_name, failed, c) => {
    const outcome = given(ready).when(hireOn({ contract: contract(c) }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('a probation past a short term: both limits listed, citing 劳动合同法 beside Art. 24', () => {
    const violations = given(ready).when(hireOn({ contract: contract({ endDate: '2025-06-30', probationLastDay: '2025-07-15' }) })).thenRefusedCitingRules('CONTRACT-PROBATION');
    expect(violations).toHaveLength(2);
    expect(violations[0]?.citation.law).toBe('PRC-LABOUR-CONTRACT');
  });
});

describe('Art. 24: the labour contract has every required clause', () => {
  it('a contract without the breach-liability clause is refused', () => {
    given(ready).when(hireOn({ contract: contract({ clauses: CONTRACT.clauses.filter((c) => c !== 'BREACH_LIABILITY') }) })).thenRefusedCitingRules('CONTRACT-REQUIRED');
  });
});

describe('Arts. 3 ¶1, 24 (PERSON-UNIQUE): one natural person holds at most one active contract', () => {
  it.each([
    ['never served', [], []],
    ['served before, resigned', [], servedBefore('RESIGNATION')],
    ['serving now at another organ', ['PERSON-UNIQUE'], [personContractStarted({ personKey: PK, contractId: 'c-other', auxiliaryId: 'aux-other', organId: 'baotou', startDate: '2024-10-01' })]],
  ] as const)('%s → %j', (_name, failed, person) => {
    const outcome = given({ ...ready, person }).when(hireOn());
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 23 (6): one who left auxiliary work before the contract ended without permission is not hired — from the system\'s own records', () => {
  it('an earlier 擅自离职 in the person registry refuses the hire though the background check cleared item (6)', () => {
    const [violation] = given({ ...ready, person: servedBefore('ABANDONMENT') }).when(hireOn()).thenRefusedCitingRules('DISQ-6');
    expect(violation?.message.en).toMatch(/baotou/);
  });
});

describe('Art. 7: a hire stays within the using organ\'s 用人额度', () => {
  const places = (n: number) => Array.from({ length: n }, (_, i) => quotaPlaceTaken({ auxiliaryId: `aux-${i}`, category: 'DUTY' }));
  it.each([
    ['quota 2, one place taken', [], [COUNTY, QUOTA(2), ...places(1)]],
    ['quota 2, two places taken', ['QUOTA-HIRE'], [COUNTY, QUOTA(2), ...places(2)]],
    ['no quota set', ['QUOTA-HIRE'], [COUNTY]],
  ] as const)('%s → %j', (_name, failed, organ) => {
    const outcome = given({ organ, application: PASSED }).when(hireOn());
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 47: the regulation is in force from 2024-09-01', () => {
  // An application run over the summer of 2024, finished by 2024-08-30.
  const summer: Envelope<RecruitmentApplicationEvent>[] = [
    on('2024-06-05', applicationRegistered({ ...REGISTERED.data, announcedOn: '2024-06-01' })),
    on('2024-06-20', qualificationReviewPassed({ applicationId: 'app-1', clearedFindings: ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, ref: `BG-${item}` })), postConditionsMet: ['driving'], politicalAttestation: { conclusion: 'MEETS', attestedBy: 'r', attestedOn: '2024-06-20', materialRefs: [] }, serviceRecordsChecked: 0 })),
    on('2024-07-01', examsPassed({ applicationId: 'app-1', scores: { written: 80, physical: 80, interview: 80, total: 80 } })),
    on('2024-07-10', medicalExaminationPassed({ applicationId: 'app-1', reportRef: 'M' })),
    on('2024-07-20', inspectionPassed({ applicationId: 'app-1', clearedFindings: [], serviceRecordsChecked: 0 })),
    on('2024-08-30', publicNoticeCompleted({ applicationId: 'app-1', noticeFrom: '2024-08-20', noticeUntil: '2024-08-27' })),
  ];
  const openEnded = (startDate: string) => contract({ kind: 'OPEN_ENDED', startDate, endDate: null, probationLastDay: null });
  it('a hire effective 2024-08-31 is refused: no rule set in force', () => {
    given({ organ: ORGAN_WITH_ROOM, application: summer }).when(hireOn({ contract: openEnded('2024-08-31') }, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
  });
  it('a hire effective 2024-09-01 is judged and accepted', () => {
    expect(given({ organ: ORGAN_WITH_ROOM, application: summer }).when(hireOn({ contract: openEnded('2024-09-01') }, '2024-09-01')).decision.accepted).toBe(true);
  });
});

describe('every failed rule is listed, not only the first', () => {
  it('a person serving elsewhere, a full quota, too long a probation, a missing clause, the wrong pay', () => {
    given({ organ: [COUNTY, QUOTA(0)], application: PASSED, person: [personContractStarted({ personKey: PK, contractId: 'c-x', auxiliaryId: 'aux-x', organId: 'baotou', startDate: '2024-10-01' })] })
      .when(hireOn({ contract: contract({ probationLastDay: '2025-09-01', clauses: ['DUTIES'] }), pay: { locality: 'hohhot', monthlyBaseFen: 1 } }))
      .thenRefusedCitingRules('PERSON-UNIQUE', 'QUOTA-HIRE', 'CONTRACT-PROBATION', 'CONTRACT-REQUIRED', 'PAY-LEVEL');
  });
});
