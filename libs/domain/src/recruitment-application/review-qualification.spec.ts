import type { BackgroundFinding, TerminationReason } from '@auxledger/statute';
import type { Actor } from '../kernel';
import { UNIT } from '../organ/organ.fixtures';
import { personContractEnded, personContractStarted } from '../person';
import { command, on, scenario } from '../testing';
import { applicantHired, applicationRegistered, recruitmentStageFailed } from './recruitment-application';
import { APPLICANT, clearFindings, historyTo, REGISTERED, REVIEWED } from './recruitment-application.fixtures';
import { reviewQualification, type ReviewQualification } from './review-qualification';

const review = (data: Partial<ReviewQualification['data']> = {}, on = '2024-10-20', actor?: Actor) =>
  command<ReviewQualification>(
    'ReviewQualification',
    {
      applicationId: 'app-1',
      personKey: PK,
      backgroundFindings: clearFindings(),
      postConditions: [{ id: 'driving', met: true }],
      politicalAttestation: { conclusion: 'MEETS', attestedBy: 'reviewer-1', attestedOn: '2024-10-20', materialRefs: ['PA-1'] },
      ...data,
    },
    on,
    actor,
  );
const withFinding = (item: BackgroundFinding['item'], change: Partial<BackgroundFinding> | null): BackgroundFinding[] =>
  clearFindings().flatMap((f) => (f.item !== item ? [f] : change === null ? [] : [{ ...f, ...change }]));
const PK = REGISTERED.data.personKey;
/** The person registry of an applicant who served 包头 before, until 2021-06-30, leaving for `reason`. */
const served = (reason: TerminationReason) => [
  on('2019-07-01', personContractStarted({ personKey: PK, contractId: 'c-old', auxiliaryId: 'aux-old', organId: 'baotou-pcs', startDate: '2019-07-01' })),
  on('2021-06-30', personContractEnded({ personKey: PK, contractId: 'c-old', auxiliaryId: 'aux-old', organId: 'baotou-pcs', endedOn: '2021-06-30', reason })),
];

const given = scenario(reviewQualification).given;
const registered = { application: historyTo(1) };

describe('ReviewQualification (Art. 20 (2) 资格审查)', () => {
  describe('given a registered application', () => {
    it('records the review passed: cleared items with their sealed references only, the attestation, the post conditions met', () => {
      given(registered).when(review()).then({ application: [REVIEWED] });
    });

    it('refuses a negative political attestation: that is a failed stage to record (STATE)', () => {
      given(registered)
        .when(review({ politicalAttestation: { conclusion: 'DOES_NOT_MEET', attestedBy: 'r', attestedOn: '2024-10-20', materialRefs: [] } }))
        .thenRefusedWithStateCode('POLITICAL_ATTESTATION_NEGATIVE');
    });
  });

  it('refuses an application that does not exist (STATE)', () => {
    given({}).when(review()).thenRefusedWithStateCode('APPLICATION_NOT_FOUND');
  });

  it('refuses a second review (STATE)', () => {
    given({ application: historyTo(2) }).when(review()).thenRefusedWithStateCode('STAGE_ALREADY_RECORDED');
  });

  it('refuses an application already used for a hire (STATE)', () => {
    given({ application: [...historyTo(6), applicantHired({ applicationId: 'app-1', auxiliaryId: 'aux-1' })] }).when(review()).thenRefusedWithStateCode('APPLICATION_ALREADY_HIRED');
  });

  it('refuses a review once stage (2) is recorded failed (STATE)', () => {
    given({ application: [...historyTo(1), recruitmentStageFailed({ applicationId: 'app-1', stage: 2, reason: 'WITHDRAWN', reasonRef: null })] })
      .when(review())
      .thenRefusedWithStateCode('STAGE_ALREADY_RECORDED');
  });

  it('Art. 19 ¶2: a police station may not review (PLAN-NO-SELF)', () => {
    given({ ...registered, recruiter: [UNIT] }).when(review({}, '2024-10-20', { id: 'op', role: 'operator', organId: UNIT.data.organId })).thenRefusedCitingRules('PLAN-NO-SELF');
  });
});

describe('Art. 23 (DISQ-1..8): each circumstance disqualifies, whatever the eligibility', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8] as const)('item (%i) found → DISQ-%i', (item) => {
    given(registered).when(review({ backgroundFindings: withFinding(item, { found: true }) })).thenRefusedCitingRules(`DISQ-${item}`);
  });

  it.each([1, 3, 8] as const)('item (%i) with no finding recorded → DISQ-%i cannot be determined', (item) => {
    const violations = given(registered).when(review({ backgroundFindings: withFinding(item, null) })).thenRefusedCitingRules(`DISQ-${item}`);
    expect(violations.map((v) => v.kind)).toEqual(['CANNOT_DETERMINE']);
  });
});

describe('Art. 23 (5) (DISQ-5): someone the system itself recorded as dismissed for violations (因违纪违规被辞退解聘) cannot pass by declaring nothing', () => {
  it.each<[TerminationReason, string[]]>([
    ['DISMISSAL_FOR_VIOLATION', ['DISQ-5']],
    ['RESIGNATION', []],
    ['OTHER_STATUTORY', []],
  ])('an earlier service ended by %s, the check found nothing → %j', (reason, failed) => {
    const outcome = given({ ...registered, person: served(reason) }).when(review());
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('the violation cites the earlier termination: organ, date, auxiliary record and contract', () => {
    const [v] = given({ ...registered, person: served('DISMISSAL_FOR_VIOLATION') }).when(review()).thenRefusedCitingRules('DISQ-5');
    expect(v?.citation).toMatchObject({ article: 23, paragraph: 1, item: 5 });
    expect(v?.observed).toEqual({ organId: 'baotou-pcs', endedOn: '2021-06-30', reason: 'DISMISSAL_FOR_VIOLATION', auxiliaryId: 'aux-old', contractId: 'c-old' });
    expect(v?.message.zh).toContain('aux-old');
  });

  it('a dismissal dated after the review is not a fact on the review\'s date', () => {
    const later = served('DISMISSAL_FOR_VIOLATION').map((e) => (e.event.type === 'PersonContractEnded' ? on('2024-10-25', { ...e.event, data: { ...e.event.data, endedOn: '2024-10-25' } }) : e));
    expect(given({ ...registered, person: later }).when(review()).decision.accepted).toBe(true);
  });
});

describe('Art. 23 (6) (DISQ-6): 擅自离职 in the system\'s own service history disqualifies even when the check found nothing', () => {
  it.each<[TerminationReason, string[]]>([
    ['ABANDONMENT', ['DISQ-6']],
    ['RESIGNATION', []],
    ['CONTRACT_EXPIRY', []],
    ['MUTUAL_AGREEMENT', []],
  ])('an earlier service ended by %s → %j', (reason, failed) => {
    const outcome = given({ ...registered, person: served(reason) }).when(review());
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('history decides even without a finding on item (6)', () => {
    const violations = given({ ...registered, person: served('ABANDONMENT') }).when(review({ backgroundFindings: withFinding(6, null) })).thenRefusedCitingRules('DISQ-6');
    expect(violations.map((v) => v.kind)).toEqual(['NOT_MET']);
  });

  it('the history is read from the person registry stream the command names, and counted in the event', () => {
    expect(reviewQualification.streams(review()).person?.id).toBe(PK);
    given({ ...registered, person: served('RESIGNATION') }).when(review()).then({ application: [{ ...REVIEWED, data: { ...REVIEWED.data, serviceRecordsChecked: 1 } }] });
  });

  it('refuses a person key other than the application\'s, or a history supplied beside it (STATE)', () => {
    given({ ...registered, person: served('ABANDONMENT') }).when(review({ personKey: 'pk:other' })).thenRefusedWithStateCode('APPLICATION_PERSON_MISMATCH');
    given(registered).when(review({ serviceHistory: [] })).thenRefusedWithStateCode('SERVICE_HISTORY_FROM_COMMAND');
  });

  describe('deprecated: a command without personKey', () => {
    const legacy = (data: Partial<ReviewQualification['data']>) => {
      const c = review(data);
      const { personKey: _omitted, ...rest } = c.data;
      return { ...c, data: rest };
    };
    it('is judged on the serviceHistory it passes (no person stream is read)', () => {
      expect(reviewQualification.streams(legacy({})).person).toBeUndefined();
      given(registered).when(legacy({ serviceHistory: [{ organId: 'baotou-pcs', endedOn: '2021-06-30', reason: 'ABANDONMENT' }] })).thenRefusedCitingRules('DISQ-6');
      expect(given(registered).when(legacy({ serviceHistory: [] })).decision.accepted).toBe(true);
    });
    it('refuses when it passes neither personKey nor serviceHistory (STATE)', () => {
      given(registered).when(legacy({})).thenRefusedWithStateCode('PERSON_KEY_MISSING');
    });
  });
});

describe('Art. 21 (5) (ELIG-POST): the post conditions of the plan are met', () => {
  it.each([
    ['met', [{ id: 'driving', met: true }], []],
    ['not met', [{ id: 'driving', met: false }], ['ELIG-POST']],
    ['not assessed', [], ['ELIG-POST']],
    ['only an unknown condition assessed', [{ id: 'swimming', met: true }], ['ELIG-POST']],
  ])('%s → %j', (_n, postConditions, failed) => {
    const outcome = given(registered).when(review({ postConditions }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('every failed rule is listed, not only the first', () => {
  it('a criminal record, an abandonment in history, and a post condition not met', () => {
    given({ ...registered, person: served('ABANDONMENT') })
      .when(review({ backgroundFindings: withFinding(3, { found: true }), postConditions: [] }))
      .thenRefusedCitingRules('DISQ-3', 'DISQ-6', 'ELIG-POST');
  });

  it('the review also re-judges age on the registration date (not the review date)', () => {
    // Registered on the 18th birthday: eligible, whatever the date of the review.
    const registeredOnBirthday = on('2024-10-10', applicationRegistered({ ...REGISTERED.data, applicant: { ...APPLICANT, birthDate: '2006-10-10' } }));
    expect(given({ application: [registeredOnBirthday] }).when(review()).decision.accepted).toBe(true);
    const registeredTheEve = on('2024-10-09', applicationRegistered({ ...REGISTERED.data, applicant: { ...APPLICANT, birthDate: '2006-10-10' } }));
    given({ application: [registeredTheEve] }).when(review()).thenRefusedCitingRules('ELIG-AGE');
  });
});

describe('PIPL: the passed review keeps no finding, only cleared items and sealed references', () => {
  it('no "found" flag and no finding text in the event', () => {
    const { decision } = given(registered).when(review());
    const text = JSON.stringify(decision.accepted ? decision.events : null);
    expect(text).not.toContain('found');
    expect(text).toContain('BG-3');
  });
});
