import { quotaPlaceReleased, quotaPlaceTaken } from '../organ';
import { COUNTY } from '../organ/organ.fixtures';
import { personContractEnded, personContractStarted } from '../person';
import { command, on, scenario } from '../testing';
import { AUX, CONTRACT, ORGAN, PERSON, dutyAssigned, hired, preJobPassed, suspendedOn, terminatedOn } from './auxiliary.fixtures';
import { auxiliaryEvent } from './events';
import { type Terminate, terminate } from './terminate';

const end = (data: Partial<Terminate['data']> = {}, date = '2025-06-30') =>
  command<Terminate>('Terminate', { auxiliaryId: AUX, personKey: PERSON, usingOrganId: ORGAN, reason: 'RESIGNATION', ground: { kind: 'LAW', ref: '劳动合同法第三十七条' }, ...data }, date);
const given = scenario(terminate).given;

const PERSON_SERVING = [personContractStarted({ personKey: PERSON, contractId: CONTRACT.contractId, auxiliaryId: AUX, organId: ORGAN, startDate: '2024-10-01' })];
const ORGAN_WITH_PLACE = [COUNTY, quotaPlaceTaken({ auxiliaryId: AUX, category: 'DUTY' })];
const issued = (serial: string, kind: 'WORK_ID' | 'UNIFORM' | 'INSIGNIA') => on('2024-10-02', auxiliaryEvent('CredentialIssued', { auxiliaryId: AUX, kind, serial, issuedOn: '2024-10-02' }));

const terminated = (data: Partial<ReturnType<typeof auxiliaryEvent<'AuxiliaryTerminated'>>['data']> = {}) =>
  auxiliaryEvent('AuxiliaryTerminated', {
    auxiliaryId: AUX, personKey: PERSON, contractId: CONTRACT.contractId, usingOrganId: ORGAN, reason: 'RESIGNATION',
    ground: { kind: 'LAW', ref: '劳动合同法第三十七条' }, departedOn: '2025-06-30', credentialsToRecover: [], ...data,
  });
const ended = (reason: Terminate['data']['reason'] = 'RESIGNATION', endedOn = '2025-06-30') =>
  personContractEnded({ personKey: PERSON, contractId: CONTRACT.contractId, auxiliaryId: AUX, organId: ORGAN, endedOn, reason });

describe('Terminate', () => {
  describe('given an active auxiliary on duty, with credentials out, holding a quota place', () => {
    const history = [hired(), preJobPassed(), dutyAssigned('as-1', ['SVC_PUBLICITY']), issued('WID-1', 'WORK_ID'), issued('UNI-1', 'UNIFORM')];
    it('ends the duty, opens recovery of what is out, ends the contract in the person registry and releases the quota place', () => {
      given({ auxiliary: history, person: PERSON_SERVING, organ: ORGAN_WITH_PLACE })
        .when(end())
        .then({
          auxiliary: [
            auxiliaryEvent('DutyEnded', { auxiliaryId: AUX, assignmentId: 'as-1', endedOn: '2025-06-30', reason: 'TERMINATED' }),
            terminated({ credentialsToRecover: ['WID-1', 'UNI-1'] }),
          ],
          person: [ended()],
          organ: [quotaPlaceReleased({ auxiliaryId: AUX })],
        });
    });

    it('only what is still out is to be recovered', () => {
      const recovered = on('2025-06-01', auxiliaryEvent('CredentialRecovered', { auxiliaryId: AUX, serial: 'UNI-1', recoveredOn: '2025-06-01' }));
      const decision = given({ auxiliary: [...history, recovered], person: PERSON_SERVING, organ: ORGAN_WITH_PLACE }).when(end()).decision;
      expect(decision.accepted && decision.events.auxiliary?.at(-1)).toEqual(terminated({ credentialsToRecover: ['WID-1'] }));
    });

    it('refuses when the command names another person or organ than the record (STATE)', () => {
      given({ auxiliary: history, person: PERSON_SERVING, organ: ORGAN_WITH_PLACE }).when(end({ personKey: 'pk-2' })).thenRefusedWithStateCode('STREAMS_DO_NOT_MATCH_RECORD');
      given({ auxiliary: history, person: PERSON_SERVING, organ: ORGAN_WITH_PLACE }).when(end({ usingOrganId: 'hohhot' })).thenRefusedWithStateCode('STREAMS_DO_NOT_MATCH_RECORD');
    });

    it('refuses when the person registry does not hold the contract (STATE)', () => {
      given({ auxiliary: history, organ: ORGAN_WITH_PLACE }).when(end()).thenRefusedWithStateCode('PERSON_REGISTRY_OUT_OF_STEP');
    });

    it('refuses a departure dated before an open assignment started (STATE)', () => {
      given({ auxiliary: history, person: PERSON_SERVING, organ: ORGAN_WITH_PLACE }).when(end({}, '2024-10-31')).thenRefusedWithStateCode('ASSIGNMENT_AFTER_DATE');
    });
  });

  describe('given an organ stream without this auxiliary\'s place', () => {
    it('appends nothing to the organ', () => {
      given({ auxiliary: [hired()], person: PERSON_SERVING, organ: [COUNTY] }).when(end()).then({ auxiliary: [terminated()], person: [ended()] });
    });
  });

  describe('given a suspended auxiliary', () => {
    it('terminates', () => {
      given({ auxiliary: [hired(), suspendedOn('2025-05-01')], person: PERSON_SERVING, organ: ORGAN_WITH_PLACE })
        .when(end())
        .then({ auxiliary: [terminated()], person: [ended()], organ: [quotaPlaceReleased({ auxiliaryId: AUX })] });
    });
  });

  describe('given a departed auxiliary, or none', () => {
    it('refuses after the departure (SERVICE-PERIOD), and without a hire (STATE)', () => {
      given({ auxiliary: [hired(), terminatedOn('2025-01-01')], person: PERSON_SERVING }).when(end()).thenRefusedCitingRules('SERVICE-PERIOD');
      given({}).when(end()).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
    });
  });
});

describe('Art. 40: termination records its ground in law or contract and a listed reason', () => {
  it.each([
    ['resignation under 劳动合同法 Art. 37', [], {}],
    ['mutual agreement under a contract clause', [], { reason: 'MUTUAL_AGREEMENT', ground: { kind: 'CONTRACT', ref: '合同第九条' } }],
    ['no ground', ['TERMINATE'], { ground: null }],
    ['a blank ground', ['TERMINATE'], { ground: { kind: 'LAW', ref: '  ' } }],
    ['an unknown reason', ['TERMINATE'], { reason: 'BORED' as never }],
  ] as const)('%s → %j', (_name, failed, data) => {
    const outcome = given({ auxiliary: [hired()], person: PERSON_SERVING, organ: ORGAN_WITH_PLACE }).when(end(data));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('both defects listed', () => {
    expect(given({ auxiliary: [hired()], person: PERSON_SERVING }).when(end({ ground: null, reason: 'BORED' as never })).thenRefusedCitingRules('TERMINATE')).toHaveLength(2);
  });

  it('2024-08-31 vs 2024-09-01', () => {
    const early = [hired({ hiredOn: '2024-08-01', contract: { ...CONTRACT, startDate: '2024-08-01', probationLastDay: null } })];
    given({ auxiliary: early, person: PERSON_SERVING }).when(end({}, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
    expect(given({ auxiliary: early, person: PERSON_SERVING }).when(end({}, '2024-09-01')).decision.accepted).toBe(true);
  });
});

describe('Art. 23 (6): 合同期未满擅自离职 is recorded in the person registry, and only within the contract term', () => {
  it.each([
    ['abandonment on the contract\'s last day (2027-09-30)', 'ABANDONMENT', '2027-09-30', null],
    ['abandonment after the contract ended', 'ABANDONMENT', '2027-10-01', 'REASON_CONTRADICTS_CONTRACT'],
    ['contract expiry on its last day', 'CONTRACT_EXPIRY', '2027-09-30', null],
    ['contract expiry one day before its end', 'CONTRACT_EXPIRY', '2027-09-29', 'REASON_CONTRADICTS_CONTRACT'],
  ] as const)('%s → %s', (_name, reason, date, refusal) => {
    const outcome = given({ auxiliary: [hired()], person: PERSON_SERVING }).when(end({ reason }, date));
    if (refusal) outcome.thenRefusedWithStateCode(refusal);
    else outcome.then({ auxiliary: [terminated({ reason, departedOn: date })], person: [ended(reason, date)] });
  });
});
