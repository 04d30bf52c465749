import { nmg } from '@auxledger/statute';
import { command, on, scenario } from '../testing';
import { AUX, ORGAN, PERSON, dutyAssigned, hired, insured, preJobPassed, terminatedOn } from './auxiliary.fixtures';
import { type Commend, commend } from './commend';
import { type HandleComplaint, type ReceiveComplaint, type TellComplainant, handleComplaint, receiveComplaint, tellComplainant } from './complaints';
import { type OrderCompensationRecovery, type PayCompensation, orderCompensationRecovery, payCompensation } from './compensation';
import { type DecideRecusal, decideRecusal } from './decide-recusal';
import { type EnrolInsurance, enrolInsurance } from './enrol-insurance';
import { auxiliaryEvent } from './events';
import { type RecordInjury, recordInjury } from './record-injury';
import { type RecordQualification, recordQualification } from './record-qualification';

describe('Art. 9: commendations record their title and granting authority', () => {
  const c = (data: Partial<Commend['data']> = {}) => command<Commend>('Commend', { auxiliaryId: AUX, commendationId: 'c-1', title: '优秀辅警', grantingAuthority: '呼和浩特市公安局', ...data }, '2025-05-04');
  const given = scenario(commend).given;
  it('records it; also after departure (追授)', () => {
    given({ auxiliary: [hired()] }).when(c()).then({ auxiliary: [auxiliaryEvent('AuxiliaryCommended', { auxiliaryId: AUX, commendationId: 'c-1', title: '优秀辅警', grantingAuthority: '呼和浩特市公安局', awardedOn: '2025-05-04' })] });
    expect(given({ auxiliary: [hired(), terminatedOn('2025-05-01', 'DEATH')] }).when(c()).decision.accepted).toBe(true);
  });
  it('refuses without an authority (COMMEND)', () => {
    given({ auxiliary: [hired()] }).when(c({ grantingAuthority: ' ' })).thenRefusedCitingRules('COMMEND');
  });
});

describe('Art. 28 ¶1–2: insurance enrolment', () => {
  const e = (kinds: EnrolInsurance['data']['kinds']) => command<EnrolInsurance>('EnrolInsurance', { auxiliaryId: AUX, kinds, reference: 'SI-2' }, '2024-10-20');
  const given = scenario(enrolInsurance).given;
  it('records the kinds; a late enrolment is recorded, not refused (the delay is a supervision finding)', () => {
    given({ auxiliary: [hired()] }).when(e(['PENSION', 'MEDICAL'])).then({ auxiliary: [auxiliaryEvent('InsuranceEnrolled', { auxiliaryId: AUX, kinds: ['PENSION', 'MEDICAL'], enrolledOn: '2024-10-20', reference: 'SI-2' })] });
    expect(given({ auxiliary: [hired()] }).when(command<EnrolInsurance>('EnrolInsurance', { auxiliaryId: AUX, kinds: ['PENSION'], reference: 'x' }, '2025-06-01')).decision.accepted).toBe(true);
  });
  it('refuses a kind already enrolled, or none (STATE)', () => {
    given({ auxiliary: [hired(), insured()] }).when(e(['PENSION'])).thenRefusedWithStateCode('ALREADY_ENROLLED');
    given({ auxiliary: [hired()] }).when(e([])).thenRefusedWithStateCode('NO_INSURANCE_NAMED');
  });
});

describe('Art. 16 ¶1: qualifications', () => {
  const q = (data: Partial<RecordQualification['data']> = {}) =>
    command<RecordQualification>('RecordQualification', { auxiliaryId: AUX, qualificationId: 'q-1', kind: 'POLICE_VEHICLE_DRIVING', validFrom: '2024-10-01', validUntil: '2030-09-30', reference: 'DL-1', ...data }, '2024-10-05');
  const given = scenario(recordQualification).given;
  it('records one; refuses a period ending before it starts or no reference (STATE)', () => {
    given({ auxiliary: [hired()] }).when(q()).then({ auxiliary: [auxiliaryEvent('QualificationRecorded', { auxiliaryId: AUX, qualificationId: 'q-1', kind: 'POLICE_VEHICLE_DRIVING', validFrom: '2024-10-01', validUntil: '2030-09-30', reference: 'DL-1' })] });
    given({ auxiliary: [hired()] }).when(q({ validUntil: '2024-09-30' })).thenRefusedWithStateCode('QUALIFICATION_PERIOD');
    given({ auxiliary: [hired()] }).when(q({ reference: '' })).thenRefusedWithStateCode('QUALIFICATION_REFERENCE_MISSING');
  });
});

describe('Art. 38: a complaint is received, investigated and decided, and the complainant told — in that order', () => {
  const receive = (date = '2025-01-05') => command<ReceiveComplaint>('ReceiveComplaint', { auxiliaryId: AUX, complaintId: 'cp-1', channel: 'COMPLAINT', receivingOrganId: ORGAN }, date);
  const handle = (investigatedOn: string, date: string) => command<HandleComplaint>('HandleComplaint', { auxiliaryId: AUX, complaintId: 'cp-1', investigatedOn, finding: 'UNSUBSTANTIATED', disciplineId: null }, date);
  const tell = (date: string) => command<TellComplainant>('TellComplainant', { auxiliaryId: AUX, complaintId: 'cp-1', means: '电话' }, date);
  const received = on('2025-01-05', auxiliaryEvent('ComplaintReceived', { auxiliaryId: AUX, complaintId: 'cp-1', channel: 'COMPLAINT', receivingOrganId: ORGAN, receivedOn: '2025-01-05' }));
  const handled = on('2025-02-01', auxiliaryEvent('ComplaintHandled', { auxiliaryId: AUX, complaintId: 'cp-1', investigatedOn: '2025-01-20', decidedOn: '2025-02-01', finding: 'UNSUBSTANTIATED', disciplineId: null }));

  it('receives one, also about a former auxiliary', () => {
    scenario(receiveComplaint).given({ auxiliary: [hired()] }).when(receive()).then({ auxiliary: [received.event] });
    expect(scenario(receiveComplaint).given({ auxiliary: [hired(), terminatedOn('2025-01-01')] }).when(receive()).decision.accepted).toBe(true);
  });
  it('handles one received; refuses an investigation before receipt (STATE)', () => {
    scenario(handleComplaint).given({ auxiliary: [hired(), received] }).when(handle('2025-01-20', '2025-02-01')).then({ auxiliary: [handled.event] });
    scenario(handleComplaint).given({ auxiliary: [hired(), received] }).when(handle('2025-01-04', '2025-02-01')).thenRefusedWithStateCode('COMPLAINT_STEPS_OUT_OF_ORDER');
    scenario(handleComplaint).given({ auxiliary: [hired()] }).when(handle('2025-01-20', '2025-02-01')).thenRefusedWithStateCode('COMPLAINT_NOT_RECEIVED');
  });
  it('a late handling is recorded, not refused: lateness is the supervision view\'s finding', () => {
    expect(scenario(handleComplaint).given({ auxiliary: [hired(), received] }).when(handle('2025-05-01', '2025-06-01')).decision.accepted).toBe(true);
  });
  it('tells the complainant after the decision; telling before it is refused by COMPLAINT (Art. 38 ¶2)', () => {
    scenario(tellComplainant).given({ auxiliary: [hired(), received, handled] }).when(tell('2025-02-03')).then({ auxiliary: [auxiliaryEvent('ComplainantTold', { auxiliaryId: AUX, complaintId: 'cp-1', toldOn: '2025-02-03', means: '电话' })] });
    const [violation] = scenario(tellComplainant).given({ auxiliary: [hired(), received] }).when(tell('2025-01-10')).thenRefusedCitingRules('COMPLAINT');
    expect(violation?.citation).toEqual(nmg(38, 2));
  });
});

describe('Art. 39: recusal on the auxiliary\'s or a party\'s initiative, decided by the using organ', () => {
  const r = (data: Partial<DecideRecusal['data']> = {}) =>
    command<DecideRecusal>('DecideRecusal', { auxiliaryId: AUX, recusalId: 'rc-1', matterId: 'm-1', initiatedBy: 'PARTY', decidingOrganId: ORGAN, granted: true, ...data }, '2024-11-10');
  const given = scenario(decideRecusal).given;
  const onMatter = [hired(), preJobPassed(), dutyAssigned('as-1', ['SVC_PUBLICITY'], '2024-11-01', 'm-1'), dutyAssigned('as-2', ['SVC_110'], '2024-11-01', 'm-2')];
  it('a granted recusal ends the assignment on that matter only', () => {
    given({ auxiliary: onMatter }).when(r()).then({
      auxiliary: [
        auxiliaryEvent('RecusalDecided', { auxiliaryId: AUX, recusalId: 'rc-1', matterId: 'm-1', initiatedBy: 'PARTY', decidingOrganId: ORGAN, granted: true, decidedOn: '2024-11-10' }),
        auxiliaryEvent('DutyEnded', { auxiliaryId: AUX, assignmentId: 'as-1', endedOn: '2024-11-10', reason: 'RECUSAL' }),
      ],
    });
  });
  it('a refused recusal ends nothing', () => {
    const decision = given({ auxiliary: onMatter }).when(r({ granted: false })).decision;
    expect(decision.accepted && decision.events.auxiliary?.map((e) => e.type)).toEqual(['RecusalDecided']);
  });
  it('decided by another organ: refused by RECUSAL (Art. 39 ¶2)', () => {
    given({ auxiliary: onMatter }).when(r({ decidingOrganId: 'hohhot' })).thenRefusedCitingRules('RECUSAL');
  });
});

describe('Art. 32: injury, disability, death and martyr status with their legal basis', () => {
  const i = (data: Partial<RecordInjury['data']> = {}) =>
    command<RecordInjury>('RecordInjury', { auxiliaryId: AUX, injuryId: 'inj-1', kind: 'INJURY', legalBasis: 'WORK_INJURY', occurredOn: '2025-03-01', determinationRef: '工伤认定2025-7', medicalDetails: null, ...data }, '2025-04-01');
  const given = scenario(recordInjury).given;
  it.each([
    ['a work injury under 工伤保险条例', [], { kind: 'INJURY', legalBasis: 'WORK_INJURY' }],
    ['a disability by analogy with police (¶2)', [], { kind: 'DISABILITY', legalBasis: 'POLICE_ANALOGY' }],
    ['a martyr under 烈士褒扬条例', [], { kind: 'MARTYR', legalBasis: 'MARTYRS' }],
    ['a martyr under 工伤保险条例', ['INJURY'], { kind: 'MARTYR', legalBasis: 'WORK_INJURY' }],
    ['no basis', ['INJURY'], { legalBasis: null }],
  ] as const)('%s → %j', (_name, failed, data) => {
    const outcome = given({ auxiliary: [hired()] }).when(i(data));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
  it('medical detail (health data, PIPL) goes sealed to its own event (schema version 2, bound to the person key), apart from the injury record; never in clear', () => {
    const sealed = { alg: 'A256GCM' as const, keyId: 'dk-1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };
    given({ auxiliary: [hired()] }).when(i({ medicalDetails: sealed })).then({
      auxiliary: [
        auxiliaryEvent('InjuryRecorded', { auxiliaryId: AUX, injuryId: 'inj-1', kind: 'INJURY', legalBasis: 'WORK_INJURY', occurredOn: '2025-03-01', determinationRef: '工伤认定2025-7' }),
        { ...auxiliaryEvent('InjuryMedicalDetailsRecorded', { auxiliaryId: AUX, injuryId: 'inj-1', personKey: PERSON, sealed }), schemaVersion: 2 },
      ],
    });
    given({ auxiliary: [hired()] }).when(i({ medicalDetails: '左腿骨折' as never })).thenRefusedWithStateCode('MEDICAL_DETAILS_NOT_SEALED');
  });
});

describe('Art. 42 ¶2–3: the using organ pays; recovery from the auxiliary only on intent or gross negligence, never more than paid', () => {
  const pay = (data: Partial<PayCompensation['data']> = {}) =>
    command<PayCompensation>('PayCompensation', { auxiliaryId: AUX, compensationId: 'cmp-1', paidByOrganId: ORGAN, paidFen: 100000, claimRef: '国赔2025-1', ...data }, '2025-03-01');
  const recover = (data: Partial<OrderCompensationRecovery['data']> = {}) =>
    command<OrderCompensationRecovery>('OrderCompensationRecovery', { auxiliaryId: AUX, compensationId: 'cmp-1', fromAuxiliaryFen: 60000, fault: 'GROSS_NEGLIGENCE', findingRef: '认定书1', ...data }, '2025-04-01');
  const paid = on('2025-03-01', auxiliaryEvent('CompensationPaid', { auxiliaryId: AUX, compensationId: 'cmp-1', paidByOrganId: ORGAN, paidFen: 100000, claimRef: '国赔2025-1', paidOn: '2025-03-01' }));
  const recovered = (fen: number) => on('2025-04-01', auxiliaryEvent('CompensationRecoveryOrdered', { auxiliaryId: AUX, compensationId: 'cmp-1', fromAuxiliaryFen: fen, fault: 'INTENT', findingRef: 'f', orderedOn: '2025-04-01' }));

  it('the using organ pays; another organ paying is refused (¶2)', () => {
    scenario(payCompensation).given({ auxiliary: [hired()] }).when(pay()).then({ auxiliary: [paid.event] });
    scenario(payCompensation).given({ auxiliary: [hired()] }).when(pay({ paidByOrganId: 'hohhot' })).thenRefusedCitingRules('COMPENSATION');
  });
  it.each([
    ['gross negligence, 600 of 1000 yuan', [], {}, []],
    ['intent, all 1000 yuan', [], { fault: 'INTENT', fromAuxiliaryFen: 100000 }, []],
    ['ordinary negligence', ['COMPENSATION'], { fault: 'ORDINARY_NEGLIGENCE' }, []],
    ['no finding recorded', ['COMPENSATION'], { findingRef: ' ' }, []],
    ['600 more after 600 already ordered (1200 > 1000)', ['COMPENSATION'], {}, [recovered(60000)]],
    ['400 more after 600 already ordered (exactly 1000)', [], { fromAuxiliaryFen: 40000 }, [recovered(60000)]],
  ] as const)('%s → %j', (_name, failed, data, before) => {
    const outcome = scenario(orderCompensationRecovery).given({ auxiliary: [hired(), paid, ...before] }).when(recover(data));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
  it('after departure too; a recovery for nothing paid is refused (STATE)', () => {
    expect(scenario(orderCompensationRecovery).given({ auxiliary: [hired(), paid, terminatedOn('2025-03-15')] }).when(recover()).decision.accepted).toBe(true);
    scenario(orderCompensationRecovery).given({ auxiliary: [hired()] }).when(recover()).thenRefusedWithStateCode('COMPENSATION_NOT_PAID');
  });
  it('ordinary negligence and more than paid: both listed', () => {
    expect(scenario(orderCompensationRecovery).given({ auxiliary: [hired(), paid] }).when(recover({ fault: 'NONE', fromAuxiliaryFen: 200000 })).thenRefusedCitingRules('COMPENSATION')).toHaveLength(2);
  });
});

