import { quotaPlaceTaken, quotaSet } from '../organ';
import { COUNTY } from '../organ/organ.fixtures';
import { personContractStarted } from '../person';
import { command, decideWith, on, scenario } from '../testing';
import { type Envelope, fold } from '../kernel';
import { CONTRACT, payOn } from './auxiliary.fixtures';
import { recordTraining } from './record-training';
import { type AuxiliaryEvent, type LabourContract, auxiliaryEvent } from './events';
import { type RecordExistingService, recordExistingService } from './record-existing-service';
import { Auxiliary, type AuxiliaryState, isHired } from './state';

const PK = 'pk-migrated';
const RECORDED_ON = '2024-10-08';
const HIRED_ON = '2016-03-01';
const contract = (c: Partial<LabourContract> = {}): LabourContract => ({ ...CONTRACT, contractId: 'c-2022', startDate: '2022-03-01', endDate: '2025-02-28', probationLastDay: null, ...c });

const existing = (data: Partial<RecordExistingService['data']> = {}, date = RECORDED_ON) =>
  command<RecordExistingService>('RecordExistingService', {
    auxiliaryId: 'aux-m1', personKey: PK, usingOrganId: 'xincheng', category: 'DUTY', hiredOn: HIRED_ON, contract: contract(), level: 'L2', pay: payOn('L2'),
    probationCompletedOn: '2016-09-01',
    trainings: [{ trainingId: 'tr-2016', kind: 'PRE_JOB', year: null, topics: ['LAW', 'DISCIPLINE'], completedOn: '2016-03-20' }],
    insurance: [{ kinds: ['PENSION', 'MEDICAL', 'WORK_INJURY'], enrolledOn: '2016-04-01', reference: '社保2016-118' }],
    sourceRef: '新城分局辅警档案2016-031',
    ...data,
  }, date);

const QUOTA = (headcount: number) => quotaSet({ organId: 'xincheng', category: null, headcount, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2024-09-01' });
const given = scenario(recordExistingService).given;
const ready = { organ: [COUNTY, QUOTA(10)] };

describe('RecordExistingService (issue 11 item 8): staff who served before the record began, recorded as found', () => {
  it('records the service marked migrated, what is on file, the person\'s contract and the quota place, in one append — no application', () => {
    given(ready).when(existing()).then({
      auxiliary: [
        auxiliaryEvent('AuxiliaryHired', { auxiliaryId: 'aux-m1', personKey: PK, applicationId: '', usingOrganId: 'xincheng', category: 'DUTY', contract: contract(), level: 'L2', pay: payOn('L2'), hiredOn: HIRED_ON, migrated: { recordedFrom: RECORDED_ON, sourceRef: '新城分局辅警档案2016-031' } }),
        auxiliaryEvent('TrainingRecorded', { auxiliaryId: 'aux-m1', trainingId: 'tr-2016', kind: 'PRE_JOB', year: null, topics: ['LAW', 'DISCIPLINE'], completedOn: '2016-03-20', outcome: 'PASSED' }),
        auxiliaryEvent('InsuranceEnrolled', { auxiliaryId: 'aux-m1', kinds: ['PENSION', 'MEDICAL', 'WORK_INJURY'], enrolledOn: '2016-04-01', reference: '社保2016-118' }),
        auxiliaryEvent('ProbationCompleted', { auxiliaryId: 'aux-m1', completedOn: '2016-09-01' }),
      ],
      person: [personContractStarted({ personKey: PK, contractId: 'c-2022', auxiliaryId: 'aux-m1', organId: 'xincheng', startDate: '2022-03-01' })],
      organ: [quotaPlaceTaken({ auxiliaryId: 'aux-m1', category: 'DUTY', planId: null })],
    });
  });

  it('is judged by what serving staff need, never by the recruitment rules (no RECR-EXAM, RECR-ORDER, ELIG-*, DISQ-*)', () => {
    const decision = given(ready).when(existing()).decision;
    const checked = decision.accepted ? decision.judgement?.checked.map((c) => (typeof c === 'string' ? c : (c as { ruleId: string }).ruleId)) : [];
    expect(JSON.stringify(checked)).not.toMatch(/RECR-|ELIG-|DISQ-|PREF-|CONTRACT-REQUIRED/);
    expect(JSON.stringify(checked)).toMatch(/EXISTING-SERVICE/);
  });

  it('EXISTING-SERVICE: refuses a hire after the regulation and the organ\'s record began (that goes through recruitment, Art. 17)', () => {
    const [v] = given(ready).when(existing({ hiredOn: '2024-09-15', contract: contract({ startDate: '2024-09-15' }), trainings: [], insurance: [], probationCompletedOn: null })).thenRefusedCitingRules('EXISTING-SERVICE');
    expect(v?.citation.article).toBe(17);
  });

  it('EXISTING-SERVICE: refuses a contract not in force on the day of the record (Art. 24), and a date on file after it', () => {
    const violations = given(ready).when(existing({ contract: contract({ endDate: '2024-06-30' }), probationCompletedOn: '2024-12-01' })).thenRefusedCitingRules('EXISTING-SERVICE');
    expect(violations.map((v) => v.citation.article)).toEqual([24, 24]);
  });

  it('PERSON-UNIQUE (Arts. 24, 3 ¶1): refuses a person with an active contract elsewhere', () => {
    given({ ...ready, person: [personContractStarted({ personKey: PK, contractId: 'c-x', auxiliaryId: 'aux-x', organId: 'baotou', startDate: '2023-01-01' })] })
      .when(existing())
      .thenRefusedCitingRules('PERSON-UNIQUE');
  });

  it('QUOTA-HIRE (Art. 7): refuses an organ without quota, or without room, and every failed rule at once', () => {
    given({ organ: [COUNTY] }).when(existing()).thenRefusedCitingRules('QUOTA-HIRE');
    given({ organ: [COUNTY, QUOTA(1), on('2024-09-02', quotaPlaceTaken({ auxiliaryId: 'aux-other', category: 'DUTY', planId: null }))] })
      .when(existing({ hiredOn: '2024-09-10', contract: contract({ startDate: '2024-09-10' }), trainings: [], insurance: [], probationCompletedOn: null }))
      .thenRefusedCitingRules('QUOTA-HIRE', 'EXISTING-SERVICE');
  });

  it('refuses an id already on record and an unregistered organ (STATE)', () => {
    const accepted = decideWith(recordExistingService, ready, existing());
    const auxiliary = accepted.accepted ? (accepted.events.auxiliary ?? []).map((e) => on(RECORDED_ON, e)) : [];
    given({ ...ready, auxiliary: auxiliary as never }).when(existing()).thenRefusedWithStateCode('AUXILIARY_ALREADY_HIRED');
    given({}).when(existing()).thenRefusedWithStateCode('ORGAN_NOT_REGISTERED');
  });

  describe('the record it makes', () => {
    const decision = decideWith(recordExistingService, ready, existing());
    const events = (decision.accepted ? decision.events.auxiliary ?? [] : []).map((e) => on(RECORDED_ON, e as AuxiliaryEvent)) as Envelope<AuxiliaryEvent>[];
    const state: AuxiliaryState = fold(Auxiliary, events);

    it('is ACTIVE, marked migrated, hired on the date found, with its training and insurance on file', () => {
      expect(state.status).toBe('ACTIVE');
      if (!isHired(state)) throw new Error('not hired');
      expect(state.service).toMatchObject({ hiredOn: HIRED_ON, migrated: { recordedFrom: RECORDED_ON }, applicationId: '', insurance: ['PENSION', 'MEDICAL', 'WORK_INJURY'], training: { preJobPassedOn: '2016-03-20' } });
    });

    it('SERVICE-PERIOD (Art. 47): nothing is dated before its record began (2024-10-08), though after the hire; after it, a training completed in 2019 is recorded', () => {
      const train = (date: string) => command('RecordTraining', { auxiliaryId: 'aux-m1', trainingId: 'tr-2019', kind: 'ANNUAL', year: 2019, topics: ['POLITICS'], completedOn: '2019-12-01', outcome: 'PASSED' }, date);
      scenario(recordTraining).given({ auxiliary: events }).when(train('2024-09-20') as never).thenRefusedCitingRules('SERVICE-PERIOD');
      expect(decideWith(recordTraining, { auxiliary: events }, train('2024-11-01') as never).accepted).toBe(true);
    });
  });
});
