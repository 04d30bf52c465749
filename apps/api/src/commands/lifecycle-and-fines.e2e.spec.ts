import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { type Api, ADMIN_KEY, PAY_FEN, hireBody, keyFor, organTree, passedApplication, ruleIdsOf, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/**
 * The commands of an auxiliary's working life beyond hire and duty, and the
 * Art. 44 fines, through HTTP as the operator of 新城区 — each accepted, and
 * refused with the clause that refuses it (422) or the state that does not
 * fit (409).
 */
function lifecycleSuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`credentials, suspension, recusal, complaints, compensation, injury and fines through the API on ${name}`, () => {
    const tmp = tempDir('auxledger-life-');
    let api: Api;
    let xincheng: { id: string; key: string };
    let saihan: { id: string; key: string };
    const AUX = 'aux-1';

    beforeAll(async () => {
      api = await startApi(await open(join(tmp.dir, 'records.db')), { parametersFile: writePayStandards(tmp.dir) });
      await organTree(api);
      xincheng = await keyFor(api, 'operator', ['xincheng']);
      saihan = await keyFor(api, 'operator', ['saihan']);
      await passedApplication(api.store, 'app-1', 'pk-1');
      await api.post('/api/commands/hire', hireBody(AUX, 'app-1', 'pk-1', 'xincheng'), xincheng.key).expect(201);
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    const post = (command: string, body: object, key = xincheng.key) => api.post(`/api/commands/${command}`, { auxiliaryId: AUX, ...body }, key);
    const typesOf = (res: { body: { events: { type: string }[] } }) => res.body.events.map((e) => e.type);
    const refusedBy = (res: { body: unknown }, ruleId: string, citation: object) => {
      const body = res.body as { error: { code: string; details: { violations: { ruleId: string; citation: object; message: { zh: string; en: string } }[] } } };
      expect(body.error.code).toBe('REFUSED_BY_STATUTE');
      expect(ruleIdsOf(body)).toEqual([ruleId]);
      expect(body.error.details.violations[0]).toMatchObject({ citation: { law: 'NMG-AUX', ...citation }, message: { zh: expect.any(String), en: expect.any(String) } });
    };

    it('CompleteProbation: 201; a second time is a STATE refusal (409 NOT_ON_PROBATION)', async () => {
      expect(typesOf(await post('complete-probation', { effectiveDate: '2025-07-02' }).expect(201))).toEqual(['ProbationCompleted']);
      expect((await post('complete-probation', { effectiveDate: '2025-07-03' }).expect(409)).body.error.code).toBe('NOT_ON_PROBATION');
    });

    it('IssueCredential refused — Art. 37 ¶1 (CREDENTIALS): no serial number; then issued (201) and recovered (201)', async () => {
      refusedBy(await post('issue-credential', { kind: 'WORK_ID', serial: ' ', effectiveDate: '2025-01-03' }).expect(422), 'CREDENTIALS', { article: 37, paragraph: 1 });
      expect(typesOf(await post('issue-credential', { kind: 'WORK_ID', serial: 'NMG-FJ-1', effectiveDate: '2025-01-03' }).expect(201))).toEqual(['CredentialIssued']);
      expect(typesOf(await post('recover-credential', { serial: 'NMG-FJ-1', effectiveDate: '2025-01-20' }).expect(201))).toEqual(['CredentialRecovered']);
    });

    it('RecordQualification: 201 (Art. 16 ¶1)', async () => {
      const res = await post('record-qualification', { qualificationId: 'q-1', kind: 'POLICE_DRONE_OPERATION', validFrom: '2025-01-05', validUntil: null, reference: 'UAV-1', effectiveDate: '2025-01-05' }).expect(201);
      expect(res.body.events[0]).toMatchObject({ type: 'QualificationRecorded', data: { kind: 'POLICE_DRONE_OPERATION', validUntil: null } });
    });

    it('Suspend and Reinstate: 201 each; reinstating again is a STATE refusal (409 AUXILIARY_NOT_SUSPENDED)', async () => {
      expect(typesOf(await post('suspend', { decisionRef: '新公决〔2025〕3号', reason: '接受调查', effectiveDate: '2025-02-01' }).expect(201))).toContain('AuxiliarySuspended');
      expect(typesOf(await post('reinstate', { decisionRef: '新公决〔2025〕4号', effectiveDate: '2025-02-15' }).expect(201))).toEqual(['AuxiliaryReinstated']);
      expect((await post('reinstate', { decisionRef: '新公决〔2025〕5号', effectiveDate: '2025-02-16' }).expect(409)).body.error.code).toBe('AUXILIARY_NOT_SUSPENDED');
    });

    it('DecideRecusal refused — Art. 39 ¶2 (RECUSAL): decided by an organ that does not use the auxiliary; then 201', async () => {
      const body = { recusalId: 'rec-1', matterId: 'case-1', initiatedBy: 'PARTY', granted: true, effectiveDate: '2025-03-01' };
      // The operator of 新城区 may not decide as 赛罕区 (403, the organ check); an admin may send it, and the regulation refuses it.
      expect((await post('decide-recusal', { ...body, decidingOrganId: 'saihan' }).expect(403)).body.error).toMatchObject({ code: 'ORGAN_OUT_OF_SCOPE', details: { organId: 'saihan' } });
      refusedBy(await post('decide-recusal', { ...body, decidingOrganId: 'saihan' }, ADMIN_KEY).expect(422), 'RECUSAL', { article: 39 });
      expect(typesOf(await post('decide-recusal', { ...body, decidingOrganId: 'xincheng' }).expect(201))).toEqual(['RecusalDecided']);
    });

    it('complaints — Art. 38: received (201); telling the complainant before the decision is refused (COMPLAINT, 422); decided and told (201)', async () => {
      await post('receive-complaint', { complaintId: 'cmp-1', channel: 'COMPLAINT', receivingOrganId: 'xincheng', effectiveDate: '2025-03-02' }).expect(201);
      refusedBy(await post('tell-complainant', { complaintId: 'cmp-1', means: '电话', effectiveDate: '2025-03-03' }).expect(422), 'COMPLAINT', { article: 38 });
      await post('handle-complaint', { complaintId: 'cmp-1', investigatedOn: '2025-03-05', finding: 'UNSUBSTANTIATED', disciplineId: null, effectiveDate: '2025-03-10' }).expect(201);
      expect(typesOf(await post('tell-complainant', { complaintId: 'cmp-1', means: '电话', effectiveDate: '2025-03-11' }).expect(201))).toEqual(['ComplainantTold']);
    });

    it('compensation — Art. 42 ¶2–3 (COMPENSATION): paid by another organ, refused; paid (201); recovery on ordinary negligence refused; on gross negligence 201', async () => {
      const paid = { compensationId: 'cps-1', paidFen: 1_000_000, claimRef: '国赔-1', effectiveDate: '2025-04-01' };
      expect((await post('pay-compensation', { ...paid, paidByOrganId: 'saihan' }).expect(403)).body.error.code).toBe('ORGAN_OUT_OF_SCOPE');
      refusedBy(await post('pay-compensation', { ...paid, paidByOrganId: 'saihan' }, ADMIN_KEY).expect(422), 'COMPENSATION', { article: 42, paragraph: 2 });
      await post('pay-compensation', { ...paid, paidByOrganId: 'xincheng' }).expect(201);
      const recovery = { compensationId: 'cps-1', fromAuxiliaryFen: 200_000, findingRef: '认定-1', effectiveDate: '2025-04-10' };
      refusedBy(await post('order-compensation-recovery', { ...recovery, fault: 'ORDINARY_NEGLIGENCE' }).expect(422), 'COMPENSATION', { article: 42, paragraph: 3 });
      expect(typesOf(await post('order-compensation-recovery', { ...recovery, fault: 'GROSS_NEGLIGENCE' }).expect(201))).toEqual(['CompensationRecoveryOrdered']);
    });

    it('Commend refused — Art. 9 (COMMEND): no granting authority; then 201', async () => {
      const body = { commendationId: 'com-1', title: '个人嘉奖', effectiveDate: '2025-05-01' };
      refusedBy(await post('commend', { ...body, grantingAuthority: ' ' }).expect(422), 'COMMEND', { article: 9 });
      expect(typesOf(await post('commend', { ...body, grantingAuthority: '新城区公安分局' }).expect(201))).toEqual(['AuxiliaryCommended']);
    });

    it('RecordInjury refused — Art. 32 (INJURY): an injury under the martyrs’ regulation; then 201, the medical detail in its own event', async () => {
      const body = { injuryId: 'inj-1', kind: 'INJURY', occurredOn: '2025-05-10', determinationRef: '工伤认定-1', effectiveDate: '2025-06-01' };
      refusedBy(await post('record-injury', { ...body, legalBasis: 'MARTYRS', medicalDetails: null }).expect(422), 'INJURY', { article: 32 });
      const res = await post('record-injury', { ...body, legalBasis: 'WORK_INJURY', medicalDetails: '左臂骨折' }).expect(201);
      expect(typesOf(res)).toEqual(['InjuryRecorded', 'InjuryMedicalDetailsRecorded']);
      expect(res.body.events[0].data).not.toHaveProperty('medicalDetails');
    });

    it('Demote refused — Art. 36 ¶2 (LEVEL-DEMOTE): not to a lower level', async () => {
      await post('record-assessment', { assessmentId: 'as-2025', period: '2025', dimensions: ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'], grade: '不称职', effectiveDate: '2025-12-20' }).expect(201);
      const res = await post('demote', { toLevel: 'L1', basis: { kind: 'ASSESSMENT', ref: 'as-2025' }, pay: { locality: 'hohhot', monthlyBaseFen: PAY_FEN['L1'] }, effectiveDate: '2026-01-05' }).expect(422);
      refusedBy(res, 'LEVEL-DEMOTE', { article: 36 });
    });

    describe('Art. 44 fines', () => {
      const fine = { fineId: 'fine-1', decidingOrganId: 'xincheng', partyKey: 'party-1', decisionNumber: '新公行罚决字〔2025〕1号', conduct: 'HOLD', item: 'UNIFORM', confiscated: true, illegalIncomeFen: null, effectiveDate: '2025-03-01' };
      const fines = (command: string, body: object, key = xincheng.key) => api.post(`/api/commands/${command}`, body, key);

      it('ImposeFine refused — Art. 44 (FINE-BUY-HOLD): 2000 yuan for holding a uniform, above 1000; then 201 at 800 yuan', async () => {
        refusedBy(await fines('impose-fine', { ...fine, amountFen: 200_000 }).expect(422), 'FINE-BUY-HOLD', { article: 44 });
        expect(typesOf(await fines('impose-fine', { ...fine, amountFen: 80_000 }).expect(201))).toEqual(['FineImposed']);
      });

      it('RecordFinePayment: a partial payment is a STATE refusal (409 PAYMENT_AMOUNT_MISMATCH); the whole fine 201', async () => {
        expect((await fines('record-fine-payment', { fineId: 'fine-1', amountFen: 50_000, receiptRef: 'R-1', effectiveDate: '2025-03-05' }).expect(409)).body.error.code).toBe('PAYMENT_AMOUNT_MISMATCH');
        expect(typesOf(await fines('record-fine-payment', { fineId: 'fine-1', amountFen: 80_000, receiptRef: 'R-1', effectiveDate: '2025-03-05' }).expect(201))).toEqual(['FinePaid']);
      });

      it('RevokeFine: an operator of another county is answered as for an unknown fine (404; the fine’s organ read from its first event); 201 by the deciding organ', async () => {
        const body = { fineId: 'fine-1', reason: 'RECONSIDERATION', decisionRef: '呼政复决字〔2025〕5号', effectiveDate: '2025-04-01' };
        expect((await fines('revoke-fine', body, saihan.key).expect(404)).body.error).toMatchObject({ code: 'RECORD_NOT_FOUND', details: { fineId: 'fine-1' } });
        expect(typesOf(await fines('revoke-fine', body).expect(201))).toEqual(['FineRevoked']);
      });
    });
  });
}

lifecycleSuite('SQLite', async (path) => ({ kind: 'sqlite', path }));
describeWithPostgres('PostgreSQL', () => {
  lifecycleSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api_life') }));
});
