import { join } from 'node:path';
import { verifyLog } from '@auxledger/event-store';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { type Api, PAY_FEN, hireBody, keyFor, organTree, passedApplication, ruleIdsOf, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/**
 * A working life through HTTP, command by command — each accepted (201, its
 * events, its actor) and refused with the clause that refuses it (422) or the
 * state that does not fit (409) — on SQLite and on PostgreSQL.
 */
function lifeSuite(name: string, open: (parametersFile: string) => Promise<StoreConfig>): void {
  describe(`an auxiliary's working life through the API on ${name}`, () => {
    const tmp = tempDir('auxledger-api-');
    let api: Api;
    let operator: { id: string; key: string };
    const AUX = 'aux-1';

    beforeAll(async () => {
      const parametersFile = writePayStandards(tmp.dir);
      api = await startApi(await open(join(tmp.dir, 'records.db')), { parametersFile });
      await organTree(api);
      operator = await keyFor(api, 'operator', ['xincheng']);
      await passedApplication(api.store, 'app-1', 'pk-1', ['xincheng']);
      await passedApplication(api.store, 'app-2', 'pk-2');
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    const post = (command: string, body: object, key = operator.key) => api.post(`/api/commands/${command}`, body, key);

    it('Hire: 201 with the four events of one atomic append, each recording the operator as actor', async () => {
      const res = await post('hire', hireBody(AUX, 'app-1', 'pk-1', 'xincheng')).expect(201);
      expect(res.body.status).toBe('accepted');
      expect(res.body.events.map((e: { type: string }) => e.type).sort()).toEqual(['ApplicantHired', 'AuxiliaryHired', 'PersonContractStarted', 'QuotaPlaceTaken']);
      for (const e of res.body.events) {
        expect(e.metadata.actor).toEqual({ id: operator.id, role: 'operator', organId: 'xincheng' });
        expect(e.metadata).toMatchObject({ effectiveDate: '2025-01-02', recordedAt: '2025-01-02T02:00:00.000Z', ruleSetRevision: '2024' });
      }
      const pay = res.body.judgement.parameters.find((p: { key: string }) => p.key === 'pay.standards');
      expect(pay).toMatchObject({ isDefault: false, source: '呼和浩特市辅警薪酬标准（测试值）' });
    });

    it('Hire refused — Art. 27 ¶2 (PAY-LEVEL): pay off the configured standard; 422 names the parameter, its source and that it is configured', async () => {
      const res = await post('hire', hireBody('aux-2', 'app-2', 'pk-2', 'xincheng', 123)).expect(422);
      expect(res.body.error.code).toBe('REFUSED_BY_STATUTE');
      expect(ruleIdsOf(res.body)).toEqual(['PAY-LEVEL']);
      const [v] = res.body.error.details.violations;
      expect(v.citation).toMatchObject({ law: 'NMG-AUX', revision: '2024', article: 27 });
      expect(v.citationText.zh).toContain('第二十七条');
      expect(v.message.zh).toBeTruthy();
      expect(v.message.en).toBeTruthy();
      expect(v).toHaveProperty('observed');
      expect(v).toHaveProperty('expected');
      expect(v.parameters).toContainEqual(expect.objectContaining({ key: 'pay.standards', isDefault: false, source: '呼和浩特市辅警薪酬标准（测试值）' }));
    });

    it('AssignDuty refused — Art. 15 ¶1 (3): 422 lists DUTY-FORBIDDEN with its citation, beside every other failed rule', async () => {
      const res = await post('assign-duty', { auxiliaryId: AUX, assignmentId: 'asg-x', dutyCodes: ['FORBIDDEN_INVESTIGATION'], leadingOfficerIds: ['officer-1'], effectiveDate: '2025-01-03' }).expect(422);
      const ids = ruleIdsOf(res.body);
      expect(ids).toContain('DUTY-FORBIDDEN');
      expect(ids.length).toBeGreaterThan(1); // no pre-job training yet either: every failed rule, not the first
      const v = res.body.error.details.violations.find((x: { ruleId: string }) => x.ruleId === 'DUTY-FORBIDDEN');
      expect(v.citation).toEqual({ law: 'NMG-AUX', revision: '2024', article: 15, paragraph: 1, item: 3 });
      expect(v.citationText).toEqual({ zh: '《内蒙古自治区公安机关警务辅助人员条例》第十五条第一款第（三）项', en: 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 15 ¶1 (3)' });
      expect(v.observed).toBe('FORBIDDEN_INVESTIGATION');
      // The refusal is recorded for auditors, with its actor.
      const [refused] = await api.store.readStream(`command-${res.body.error.details.commandId}`);
      expect(refused?.type).toBe('CommandRefused');
      expect(refused?.metadata.actor).toEqual({ id: operator.id, role: 'operator', organId: 'xincheng' });
    });

    it('EnrolInsurance: 201; enrolling the same kinds again is a STATE refusal (409 ALREADY_ENROLLED)', async () => {
      const body = { auxiliaryId: AUX, kinds: ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'], reference: 'SI-1', effectiveDate: '2025-01-05' };
      expect((await post('enrol-insurance', body).expect(201)).body.events[0].type).toBe('InsuranceEnrolled');
      const res = await post('enrol-insurance', { ...body, kinds: ['PENSION'] }).expect(409);
      expect(res.body.error).toMatchObject({ code: 'ALREADY_ENROLLED', details: { refusal: 'STATE' } });
      expect(res.body.error.message.zh).toContain('已参保');
    });

    it('RecordTraining: 201; a completion date before the hire is a STATE refusal (409)', async () => {
      const body = { auxiliaryId: AUX, trainingId: 'trn-1', kind: 'PRE_JOB', topics: ['POLITICS', 'LAW'], completedOn: '2025-01-10', outcome: 'PASSED', effectiveDate: '2025-01-10' };
      expect((await post('record-training', body).expect(201)).body.events[0].type).toBe('TrainingRecorded');
      expect((await post('record-training', { ...body, trainingId: 'trn-0', completedOn: '2024-12-01' }).expect(409)).body.error.code).toBe('TRAINING_DATE_OUT_OF_RANGE');
    });

    it('AssignDuty and EndDuty: 201 each; ending it again is a STATE refusal (409)', async () => {
      const assigned = await post('assign-duty', { auxiliaryId: AUX, assignmentId: 'asg-1', dutyCodes: ['SVC_PATROL'], leadingOfficerIds: ['officer-1'], effectiveDate: '2025-01-15' }).expect(201);
      expect(assigned.body.events[0]).toMatchObject({ type: 'DutyAssigned', data: { dutyCodes: ['SVC_PATROL'], leadingOfficerIds: ['officer-1'] } });
      const end = { auxiliaryId: AUX, assignmentId: 'asg-1', reason: 'COMPLETED', effectiveDate: '2025-02-01' };
      expect((await post('end-duty', end).expect(201)).body.events[0].type).toBe('DutyEnded');
      expect((await post('end-duty', end).expect(409)).body.error.code).toBe('ASSIGNMENT_NOT_OPEN');
    });

    it('Promote refused — Art. 36 ¶1 (LEVEL-PROMOTE): too soon after the hire, the default 24 months named as a default', async () => {
      await post('record-assessment', { auxiliaryId: AUX, assessmentId: 'as-2025', period: '2025', dimensions: ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'], grade: '称职', effectiveDate: '2026-01-15' }).expect(201);
      const res = await post('promote', { auxiliaryId: AUX, route: 'ASSESSMENT', toLevel: 'L2', pay: { locality: 'hohhot', monthlyBaseFen: PAY_FEN['L2'] }, effectiveDate: '2026-06-01' }).expect(422);
      expect(ruleIdsOf(res.body)).toEqual(['LEVEL-PROMOTE']);
      const [v] = res.body.error.details.violations;
      expect(v.citation).toMatchObject({ article: 36 });
      expect(v.parameters).toContainEqual(expect.objectContaining({ key: 'promotion.minMonthsInLevel', value: 24, isDefault: true }));
      expect(res.body.error.details.usedDefaults).toBe(true);
    });

    it('Promote: 201 after 24 months with a qualifying assessment', async () => {
      const res = await post('promote', { auxiliaryId: AUX, route: 'ASSESSMENT', toLevel: 'L2', pay: { locality: 'hohhot', monthlyBaseFen: PAY_FEN['L2'] }, effectiveDate: '2027-01-02' }).expect(201);
      expect(res.body.events[0]).toMatchObject({ type: 'AuxiliaryPromoted', data: { fromLevel: 'L1', toLevel: 'L2', assessmentId: 'as-2025' } });
    });

    it('Discipline: 201; an unconfigured sanction is refused — Art. 42 ¶1 (DISCIPLINE)', async () => {
      const body = { auxiliaryId: AUX, disciplineId: 'disc-1', misconduct: 'BEYOND_AUTHORITY', description: '超越权限', sanction: 'WARNING', decidingOrganId: 'xincheng', effectiveDate: '2027-02-01' };
      expect((await post('discipline', body).expect(201)).body.events[0].type).toBe('DisciplineDecided');
      const res = await post('discipline', { ...body, disciplineId: 'disc-2', sanction: 'FLOGGING' }).expect(422);
      expect(ruleIdsOf(res.body)).toEqual(['DISCIPLINE']);
      expect(res.body.error.details.violations[0].citation).toMatchObject({ article: 42, paragraph: 1 });
    });

    it('Discipline decided by the city above the using county: 201, the organs between filled in from the registry; by another county: 422 DECIDING-ORGAN (Art. 34 ¶1)', async () => {
      const body = { auxiliaryId: AUX, disciplineId: 'disc-city', misconduct: 'BEYOND_AUTHORITY', description: '超越权限', sanction: 'WARNING', decidingOrganId: 'hohhot', effectiveDate: '2027-02-02' };
      // As the region's admin: a county's operator may not decide as its city.
      expect((await api.post('/api/commands/discipline', body).expect(201)).body.events[0].type).toBe('DisciplineDecided');
      const res = await api.post('/api/commands/discipline', { ...body, disciplineId: 'disc-saihan', decidingOrganId: 'saihan' }).expect(422);
      expect(ruleIdsOf(res.body)).toContain('DECIDING-ORGAN');
    });

    it('Terminate refused — Art. 40 (TERMINATE): no ground in law or contract; then 201 with the quota place released', async () => {
      const body = { auxiliaryId: AUX, personKey: 'pk-1', usingOrganId: 'xincheng', reason: 'MUTUAL_AGREEMENT', effectiveDate: '2027-03-01' };
      const refused = await post('terminate', body).expect(422);
      expect(ruleIdsOf(refused.body)).toEqual(['TERMINATE']);
      expect(refused.body.error.details.violations[0].citation).toMatchObject({ article: 40 });
      const res = await post('terminate', { ...body, ground: { kind: 'LAW', ref: '《劳动合同法》第三十六条' } }).expect(201);
      expect(res.body.events.map((e: { type: string }) => e.type).sort()).toEqual(['AuxiliaryTerminated', 'PersonContractEnded', 'QuotaPlaceReleased']);
    });

    it('RegisterOrgan refused — ORG-LEVEL: a county directly under the region; SetQuota refused — Art. 7 (QUOTA-SET): set by a city', async () => {
      const organ = await api.post('/api/commands/register-organ', { organId: 'wuchuan', name: '武川县公安局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-10-01' }).expect(422);
      expect(ruleIdsOf(organ.body)).toEqual(['ORG-LEVEL']);
      const quota = await api.post('/api/commands/set-quota', { organId: 'saihan', headcount: 3, documentRef: '呼公发〔2024〕1号', setByOrganId: 'hohhot', effectiveDate: '2024-10-01' }).expect(422);
      expect(ruleIdsOf(quota.body)).toEqual(['QUOTA-SET']);
      expect(quota.body.error.details.violations[0].citation).toMatchObject({ article: 7 });
    });

    it('a command dated before the regulation is in force is refused citing Art. 47 (RULESET-NOT-IN-FORCE)', async () => {
      const res = await api.post('/api/commands/register-organ', { organId: 'old', name: '旧机关', level: 'REGION', kind: 'PUBLIC_SECURITY', effectiveDate: '2024-08-31' }).expect(422);
      expect(res.body.error.details.violations[0]).toMatchObject({ ruleId: 'RULESET-NOT-IN-FORCE', kind: 'CANNOT_DETERMINE', citation: { article: 47 } });
    });

    it('the same Idempotency-Key twice writes one set of events; the second answer replays the first', async () => {
      await passedApplication(api.store, 'app-3', 'pk-3');
      const body = hireBody('aux-3', 'app-3', 'pk-3', 'xincheng');
      const headers = { 'Idempotency-Key': 'hire-aux-3' };
      const first = await api.post('/api/commands/hire', body, operator.key, headers).expect(201);
      const second = await api.post('/api/commands/hire', body, operator.key, headers).expect(201);
      expect(first.body).toMatchObject({ commandId: 'hire-aux-3', replayed: false });
      expect(second.body).toMatchObject({ commandId: 'hire-aux-3', replayed: true });
      expect(second.body.events.map((e: { eventId: string }) => e.eventId).sort()).toEqual(first.body.events.map((e: { eventId: string }) => e.eventId).sort());
      expect(await api.store.readStream('auxiliary-aux-3')).toHaveLength(1);
      expect((await api.store.readStream('organ-xincheng')).filter((e) => e.type === 'QuotaPlaceTaken')).toHaveLength(2);
    });

    it('the same key with another command is refused: 409 COMMAND_ID_REUSED, nothing written', async () => {
      await passedApplication(api.store, 'app-4', 'pk-4');
      const res = await api.post('/api/commands/hire', hireBody('aux-4', 'app-4', 'pk-4', 'xincheng'), operator.key, { 'Idempotency-Key': 'hire-aux-3' }).expect(409);
      expect(res.body.error.code).toBe('COMMAND_ID_REUSED');
      expect(await api.store.readStream('auxiliary-aux-4')).toHaveLength(0);
    });

    it("Hire refused — an applicant for another organ's opening: 409 APPLICATION_FOR_ANOTHER_ORGAN naming the organs, nothing written", async () => {
      await passedApplication(api.store, 'app-5', 'pk-5', ['saihan']);
      const res = await api.post('/api/commands/hire', hireBody('aux-5', 'app-5', 'pk-5', 'xincheng')).expect(409);
      expect(res.body.error.code).toBe('APPLICATION_FOR_ANOTHER_ORGAN');
      expect(JSON.stringify(res.body.error.details)).toContain('saihan');
      expect(await api.store.readStream('auxiliary-aux-5')).toHaveLength(0);
      expect(await api.store.readStream('person-pk-5')).toHaveLength(0);
    });

    it('the log the API wrote verifies', async () => {
      expect((await verifyLog(api.store)).ok).toBe(true);
    });
  });
}

lifeSuite('SQLite', async (path) => ({ kind: 'sqlite', path }));
describeWithPostgres('PostgreSQL', () => {
  lifeSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api') }));
});
