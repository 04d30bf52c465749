import { PARAMETERS_2024, RULE_SET_2024, createRegistry, withParameterValues } from '@auxledger/statute';
import { AUX, CONTRACT, ORGAN, PERSON, hired, terminatedOn } from '../auxiliary/auxiliary.fixtures';
import { type AuxiliaryEvent, auxiliaryEvent } from '../auxiliary/events';
import type { Envelope } from '../kernel';
import { personContractEnded, personContractStarted } from '../person/person';
import { command, on, scenario } from '../testing';
import { type SealedData, personIdentityRecorded, personalDataShredded } from './person-identity';
import { type ShredPersonalData, shredPersonalData } from './retention';

const SEALED: SealedData = { alg: 'A256GCM', keyId: 'dk-1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };
const identity = [on('2024-09-20', personIdentityRecorded({ personKey: PERSON, applicationId: 'application-1', organId: ORGAN, sealed: SEALED }))];
const person = [
  on('2024-10-01', personContractStarted({ personKey: PERSON, contractId: CONTRACT.contractId, auxiliaryId: AUX, organId: ORGAN, startDate: '2024-10-01' })),
  on('2025-03-31', personContractEnded({ personKey: PERSON, contractId: CONTRACT.contractId, auxiliaryId: AUX, organId: ORGAN, endedOn: '2025-03-31', reason: 'RESIGNATION' })),
];
const served: Envelope<AuxiliaryEvent>[] = [hired(), terminatedOn('2025-03-31')];
const shred = (effectiveDate: string, auxiliaryIds = [AUX]) => command<ShredPersonalData>('ShredPersonalData', { personKey: PERSON, auxiliaryIds, reason: 'RETENTION_ENDED' }, effectiveDate);
const given = scenario(shredPersonalData).given;
const history = (auxiliary: Envelope<AuxiliaryEvent>[] = served) => ({ identity, person, [`auxiliary:${AUX}`]: auxiliary });

describe('ShredPersonalData: the retention of personal data after departure (ADR 0006)', () => {
  it('records the shredding once the period after the last departure is over, naming the parameter and its source (default 2 years)', () => {
    const { decision } = given(history()).when(shred('2027-03-31'));
    expect(decision.accepted && decision.events.identity).toEqual([
      personalDataShredded({
        personKey: PERSON,
        keyId: 'dk-1',
        reason: 'RETENTION_ENDED',
        basis: { parameter: 'personalData.retentionYearsAfterDeparture', value: 2, source: expect.stringContaining('劳动合同法') as unknown as string, isDefault: true },
        keptFrom: '2025-03-31',
        dueOn: '2027-03-31',
      }),
    ]);
  });

  it('keeps the data before the period ends, and while the person serves', () => {
    given(history()).when(shred('2027-03-30')).thenRefusedWithStateCode('RETENTION_NOT_ENDED');
    given({ identity, person: person.slice(0, 1), [`auxiliary:${AUX}`]: [hired()] }).when(shred('2030-01-01')).thenRefusedWithStateCode('PERSON_IN_SERVICE');
    given({ identity }).when(shred('2030-01-01', [])).thenRefusedWithStateCode('PERSON_NOT_HIRED');
  });

  it('counts from a later registration of the same person', () => {
    const again = [...identity, on('2026-06-01', personIdentityRecorded({ personKey: PERSON, applicationId: 'application-2', organId: ORGAN, sealed: SEALED }))];
    given({ ...history(), identity: again }).when(shred('2027-04-01')).thenRefusedWithStateCode('RETENTION_NOT_ENDED');
  });

  it('holds a person with an open complaint (Art. 38 ¶2), a compensation (Art. 42 ¶3) or a credential not recovered (Art. 37 ¶3), each named', () => {
    const complaint = on('2025-03-01', auxiliaryEvent('ComplaintReceived', { auxiliaryId: AUX, complaintId: 'c-1', channel: 'COMPLAINT', receivingOrganId: ORGAN, receivedOn: '2025-03-01' }));
    const paid = on('2025-02-01', auxiliaryEvent('CompensationPaid', { auxiliaryId: AUX, compensationId: 'comp-1', paidByOrganId: ORGAN, paidFen: 50000, claimRef: 'GP-1', paidOn: '2025-02-01' }));
    const card = on('2024-10-02', auxiliaryEvent('CredentialIssued', { auxiliaryId: AUX, kind: 'WORK_ID', serial: 'W-1', issuedOn: '2024-10-02' }));
    const { decision } = given(history([hired(), card, paid, complaint, terminatedOn('2025-03-31')])).when(shred('2028-01-01'));
    expect(decision.accepted).toBe(false);
    const refusal = !decision.accepted && decision.refusal.kind === 'STATE' ? decision.refusal : null;
    expect(refusal?.code).toBe('PERSONAL_DATA_HELD');
    const holds = (refusal?.details?.['holds'] ?? []) as Array<{ code: string; ref: string; citationText: { zh: string } }>;
    expect(holds.map((h) => [h.code, h.ref]).sort()).toEqual([['COMPENSATION_RECOVERY', 'comp-1'], ['COMPLAINT_OPEN', 'c-1'], ['CREDENTIALS_NOT_RECOVERED', 'W-1']]);
    expect(holds.find((h) => h.code === 'COMPLAINT_OPEN')?.citationText.zh).toContain('第三十八条第二款');
    expect(refusal?.message.en).toContain('Complaint c-1');
  });

  it('no longer holds a complaint decided and told, or a credential recovered', () => {
    const events = [
      hired(),
      on('2024-10-02', auxiliaryEvent('CredentialIssued', { auxiliaryId: AUX, kind: 'WORK_ID', serial: 'W-1', issuedOn: '2024-10-02' })),
      on('2025-03-01', auxiliaryEvent('ComplaintReceived', { auxiliaryId: AUX, complaintId: 'c-1', channel: 'COMPLAINT', receivingOrganId: ORGAN, receivedOn: '2025-03-01' })),
      on('2025-03-10', auxiliaryEvent('ComplaintHandled', { auxiliaryId: AUX, complaintId: 'c-1', investigatedOn: '2025-03-05', decidedOn: '2025-03-10', finding: 'UNSUBSTANTIATED', disciplineId: null })),
      on('2025-03-12', auxiliaryEvent('ComplainantTold', { auxiliaryId: AUX, complaintId: 'c-1', toldOn: '2025-03-12', means: '书面' })),
      terminatedOn('2025-03-31'),
      on('2025-04-01', auxiliaryEvent('CredentialRecovered', { auxiliaryId: AUX, serial: 'W-1', recoveredOn: '2025-04-01' })),
    ];
    expect(given(history(events)).when(shred('2027-04-01')).decision.accepted).toBe(true);
  });

  it('no longer holds a compensation once its settlement is recorded (Art. 42 ¶3, SettleCompensation)', () => {
    const paid = on('2025-02-01', auxiliaryEvent('CompensationPaid', { auxiliaryId: AUX, compensationId: 'comp-1', paidByOrganId: ORGAN, paidFen: 50000, claimRef: 'GP-1', paidOn: '2025-02-01' }));
    const ordered = on('2025-02-10', auxiliaryEvent('CompensationRecoveryOrdered', { auxiliaryId: AUX, compensationId: 'comp-1', fromAuxiliaryFen: 20000, fault: 'INTENT', findingRef: 'F-1', orderedOn: '2025-02-10' }));
    const settled = on('2025-06-01', auxiliaryEvent('CompensationSettled', { auxiliaryId: AUX, compensationId: 'comp-1', settlement: 'RECOVERY_BORNE', settlementRef: 'S-1', recoveredFen: 20000, settledOn: '2025-06-01' }));
    given(history([hired(), paid, ordered, terminatedOn('2025-03-31')])).when(shred('2028-01-01')).thenRefusedWithStateCode('PERSONAL_DATA_HELD');
    expect(given(history([hired(), paid, ordered, terminatedOn('2025-03-31'), settled])).when(shred('2028-01-01')).decision.accepted).toBe(true);
  });

  it('judges every auxiliary record of the person, and shreds a key once', () => {
    given(history()).when(shred('2028-01-01', [])).thenRefusedWithStateCode('AUXILIARY_RECORDS_INCOMPLETE');
    const done = on('2027-04-01', personalDataShredded({ personKey: PERSON, keyId: 'dk-1', reason: 'RETENTION_ENDED', basis: { parameter: 'personalData.retentionYearsAfterDeparture', value: 2, source: 's', isDefault: true }, keptFrom: '2025-03-31', dueOn: '2027-03-31' }));
    given({ ...history(), identity: [...identity, done] }).when(shred('2028-01-01')).thenRefusedWithStateCode('PERSONAL_DATA_ALREADY_SHREDDED');
    given({ person, [`auxiliary:${AUX}`]: served }).when(shred('2028-01-01')).thenRefusedWithStateCode('IDENTITY_NOT_RECORDED');
  });

  it('takes the period from a local measure, with its source', () => {
    const table = withParameterValues(PARAMETERS_2024, 'personalData.retentionYearsAfterDeparture', [{ from: '2024-09-01', value: 5, source: '呼公发〔2025〕1号', isDefault: false }]);
    const registry = createRegistry([{ ...RULE_SET_2024, parameters: table }]);
    const local = scenario(shredPersonalData, { registry }).given;
    local(history()).when(shred('2028-01-01')).thenRefusedWithStateCode('RETENTION_NOT_ENDED');
    const { decision: later } = local(history()).when(shred('2030-03-31'));
    expect(later.accepted && later.events.identity?.[0]?.data).toMatchObject({ basis: { value: 5, source: '呼公发〔2025〕1号', isDefault: false }, dueOn: '2030-03-31' });
  });
});
