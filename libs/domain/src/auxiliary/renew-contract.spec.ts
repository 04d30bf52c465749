import { quotaPlaceReleased, quotaPlaceTaken } from '../organ';
import { COUNTY } from '../organ/organ.fixtures';
import { personContractEnded, personContractRenewed, personContractStarted } from '../person';
import { command, on, scenario } from '../testing';
import { AUX, CONTRACT, ORGAN, PERSON, hired, suspendedOn, terminatedOn } from './auxiliary.fixtures';
import { type LabourContract, auxiliaryEvent } from './events';
import { type RenewContract, renewContract } from './renew-contract';
import { type Terminate, terminate } from './terminate';

// The fixtures' contract runs 2024-10-01 – 2027-09-30 with probation until 2025-03-31.
const RENEWED: LabourContract = { ...CONTRACT, contractId: 'contract-2', startDate: '2027-10-01', endDate: '2030-09-30', probationLastDay: null };
const renewal = (c: Partial<LabourContract> = {}, date = '2027-09-01', data: Partial<RenewContract['data']> = {}) =>
  command<RenewContract>('RenewContract', { auxiliaryId: AUX, personKey: PERSON, contract: { ...RENEWED, ...c }, ...data }, date);

const PERSON_SERVING = [personContractStarted({ personKey: PERSON, contractId: CONTRACT.contractId, auxiliaryId: AUX, organId: ORGAN, startDate: '2024-10-01' })];
const given = scenario(renewContract).given;
const serving = { auxiliary: [hired()], person: PERSON_SERVING };

const renewed = (c: LabourContract = RENEWED, renewedOn = '2027-09-01', previousContractId = CONTRACT.contractId) => ({
  auxiliary: [auxiliaryEvent('ContractRenewed', { auxiliaryId: AUX, contract: c, renewedOn })],
  person: [personContractRenewed({ personKey: PERSON, auxiliaryId: AUX, organId: ORGAN, previousContractId, contractId: c.contractId, startDate: c.startDate })],
});

describe('RenewContract (续订劳动合同, Art. 24)', () => {
  describe('given an auxiliary whose three-year contract ends 2027-09-30', () => {
    it('renews a month before the end: the new contract follows the old without a gap, in the auxiliary\'s record and the person registry', () => {
      given(serving).when(renewal()).then(renewed());
    });

    it('renews after the end, while the auxiliary went on working (the contract ended; recorded late)', () => {
      given(serving).when(renewal({}, '2027-10-15')).then(renewed(RENEWED, '2027-10-15'));
    });

    it('renews into an open-ended contract (无固定期限)', () => {
      const openEnded = { ...RENEWED, kind: 'OPEN_ENDED' as const, endDate: null };
      given(serving).when(renewal(openEnded)).then(renewed(openEnded));
    });

    it.each([
      ['the day after the old end (2027-10-01)', '2027-10-01', null],
      ['a day later, leaving a gap (2027-10-02)', '2027-10-02', 'CONTRACT_INCONSISTENT'],
      ['overlapping the old term (2027-09-30)', '2027-09-30', 'CONTRACT_INCONSISTENT'],
    ] as const)('a new contract starting %s → %s', (_name, startDate, code) => {
      const outcome = given(serving).when(renewal({ startDate }));
      if (code) outcome.thenRefusedWithStateCode(code);
      else outcome.then(renewed({ ...RENEWED, startDate }));
    });

    it.each([
      ['on the new contract\'s last day', '2030-09-30', null],
      ['the day after the new contract\'s last day', '2030-10-01', 'RENEWAL_AFTER_TERM'],
    ] as const)('renewed %s → %s', (_name, date, code) => {
      const outcome = given(serving).when(renewal({}, date));
      if (code) outcome.thenRefusedWithStateCode(code);
      else outcome.then(renewed(RENEWED, date));
    });

    it('refuses a fixed term without its last day, or the id of the contract in force (STATE)', () => {
      given(serving).when(renewal({ endDate: null })).thenRefusedWithStateCode('CONTRACT_INCONSISTENT');
      given(serving).when(renewal({ contractId: CONTRACT.contractId })).thenRefusedWithStateCode('DUPLICATE_ID');
    });

    it('refuses another person than the record\'s, or a person registry without the contract (STATE)', () => {
      given(serving).when(renewal({}, '2027-09-01', { personKey: 'pk-2' })).thenRefusedWithStateCode('STREAMS_DO_NOT_MATCH_RECORD');
      given({ auxiliary: [hired()] }).when(renewal()).thenRefusedWithStateCode('PERSON_REGISTRY_OUT_OF_STEP');
    });
  });

  it('refuses someone never hired or suspended (STATE), or departed (SERVICE-PERIOD)', () => {
    given({ person: PERSON_SERVING }).when(renewal()).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
    given({ auxiliary: [hired(), terminatedOn('2027-09-30', 'CONTRACT_EXPIRY')], person: PERSON_SERVING }).when(renewal({}, '2027-10-15')).thenRefusedCitingRules('SERVICE-PERIOD');
    given({ auxiliary: [hired(), suspendedOn('2027-08-01')], person: PERSON_SERVING }).when(renewal()).thenRefusedWithStateCode('AUXILIARY_SUSPENDED');
  });

  it('refuses to renew an open-ended contract: it has no end (STATE)', () => {
    const openEnded: LabourContract = { ...CONTRACT, kind: 'OPEN_ENDED', endDate: null };
    given({ auxiliary: [hired({ contract: openEnded })], person: PERSON_SERVING }).when(renewal({ startDate: '2027-10-01' })).thenRefusedWithStateCode('CONTRACT_OPEN_ENDED');
  });

  it('a task-based contract ends with its task: the renewal starts after it started', () => {
    const task: LabourContract = { ...CONTRACT, kind: 'TASK_BASED', endDate: null, probationLastDay: null };
    const history = { auxiliary: [hired({ contract: task })], person: PERSON_SERVING };
    given(history).when(renewal({ startDate: '2025-06-01', endDate: '2028-05-31' }, '2025-05-20')).then(renewed({ ...RENEWED, startDate: '2025-06-01', endDate: '2028-05-31' }, '2025-05-20'));
    given(history).when(renewal({ startDate: '2024-10-01', endDate: '2027-09-30' }, '2025-05-20')).thenRefusedWithStateCode('CONTRACT_INCONSISTENT');
  });

  it('a second renewal follows the first; an id used before is refused (STATE)', () => {
    const history = { auxiliary: [hired(), on('2027-09-01', renewed().auxiliary[0]!)], person: [...PERSON_SERVING, renewed().person[0]!] };
    const third: LabourContract = { ...RENEWED, contractId: 'contract-3', startDate: '2030-10-01', endDate: '2033-09-30' };
    given(history).when(renewal(third, '2030-09-01')).then(renewed(third, '2030-09-01', 'contract-2'));
    given(history).when(renewal({ ...third, contractId: CONTRACT.contractId }, '2030-09-01')).thenRefusedWithStateCode('DUPLICATE_ID');
    given(history).when(renewal({ startDate: '2027-10-01' }, '2030-09-01')).thenRefusedWithStateCode('DUPLICATE_ID');
  });
});

describe('劳动合同法 Art. 19 ¶2 (CONTRACT-PROBATION): the same employer and worker agree a probation only once — a renewal has none', () => {
  it.each([
    ['no probation', null, []],
    ['one day of probation', '2027-10-01', ['CONTRACT-PROBATION']],
    ['six months of probation', '2028-03-31', ['CONTRACT-PROBATION']],
  ] as const)('%s → %j', (_name, probationLastDay, failed) => {
    const outcome = given(serving).when(renewal({ probationLastDay }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else outcome.then(renewed());
  });

  it('cites 劳动合同法 Art. 19 ¶2, with Art. 24 beside it', () => {
    const [violation] = given(serving).when(renewal({ probationLastDay: '2027-12-31' })).thenRefusedCitingRules('CONTRACT-PROBATION');
    expect(violation?.citationText.zh).toBe('《中华人民共和国劳动合同法》第十九条第二款');
    expect(violation?.alsoCited.map((c) => c.text.zh)).toContain('《内蒙古自治区公安机关警务辅助人员条例》第二十四条');
  });

  it('also when the first contract had no probation', () => {
    const noProbation = { ...CONTRACT, probationLastDay: null };
    given({ auxiliary: [hired({ contract: noProbation })], person: PERSON_SERVING }).when(renewal({ probationLastDay: '2027-10-31' })).thenRefusedCitingRules('CONTRACT-PROBATION');
  });
});

describe('Art. 24 (CONTRACT-REQUIRED): the renewed contract has every required clause, as at hire', () => {
  it('a missing clause is refused; with a probation too, both rules are listed', () => {
    const clauses = CONTRACT.clauses.filter((c) => c !== 'BREACH_LIABILITY');
    given(serving).when(renewal({ clauses })).thenRefusedCitingRules('CONTRACT-REQUIRED');
    given(serving).when(renewal({ clauses, probationLastDay: '2027-10-31' })).thenRefusedCitingRules('CONTRACT-REQUIRED', 'CONTRACT-PROBATION');
  });

  it('Art. 47: before 2024-09-01 nothing is in force', () => {
    const early: LabourContract = { ...CONTRACT, startDate: '2024-06-01', endDate: '2024-08-31', probationLastDay: null };
    given({ auxiliary: [hired({ hiredOn: '2024-06-01', contract: early })], person: PERSON_SERVING })
      .when(renewal({ startDate: '2024-09-01', endDate: '2027-08-31' }, '2024-08-31'))
      .thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
  });
});

describe('a renewal moves the end that termination by contract expiry reads (Art. 40)', () => {
  const GROUND = { kind: 'LAW' as const, ref: '劳动合同法第四十四条第（一）项' };
  const end = (reason: Terminate['data']['reason'], date: string) =>
    command<Terminate>('Terminate', { auxiliaryId: AUX, personKey: PERSON, usingOrganId: ORGAN, reason, ground: reason === 'ABANDONMENT' ? { kind: 'CONTRACT', ref: '劳动合同第九条' } : GROUND }, date);
  const afterRenewal = {
    auxiliary: [hired(), on('2027-09-01', renewed().auxiliary[0]!)],
    person: [...PERSON_SERVING, renewed().person[0]!],
    organ: [COUNTY, quotaPlaceTaken({ auxiliaryId: AUX, category: 'DUTY' })],
  };
  const ending = scenario(terminate).given;

  it('CONTRACT_EXPIRY on the old last day is refused: the contract now runs until 2030-09-30', () => {
    ending(afterRenewal).when(end('CONTRACT_EXPIRY', '2027-09-30')).thenRefusedWithStateCode('REASON_CONTRADICTS_CONTRACT');
  });

  it('CONTRACT_EXPIRY on the new last day ends the renewed contract in the person registry', () => {
    ending(afterRenewal)
      .when(end('CONTRACT_EXPIRY', '2030-09-30'))
      .then({
        auxiliary: [
          auxiliaryEvent('AuxiliaryTerminated', {
            auxiliaryId: AUX, personKey: PERSON, contractId: 'contract-2', usingOrganId: ORGAN, reason: 'CONTRACT_EXPIRY',
            ground: GROUND, departedOn: '2030-09-30', credentialsToRecover: [],
          }),
        ],
        person: [personContractEnded({ personKey: PERSON, contractId: 'contract-2', auxiliaryId: AUX, organId: ORGAN, endedOn: '2030-09-30', reason: 'CONTRACT_EXPIRY' })],
        organ: [quotaPlaceReleased({ auxiliaryId: AUX })],
      });
  });

  it('leaving after the old end but within the renewed term is 擅自离职 (ABANDONMENT) again', () => {
    expect(ending(afterRenewal).when(end('ABANDONMENT', '2028-01-15')).decision.accepted).toBe(true);
  });
});
