import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../../config/api-config';
import { type Api, hireBody, keyFor, organTree, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';

const PLAN = 'plan-2024-hohhot';
const applicant = { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE', educationRelaxation: null };
const WANG = { name: '王晓明', gender: 'MALE', idNumber: '15010220000517231X', contact: { phone: '13800000001', address: '呼和浩特市新城区' } };
const allClear = [1, 2, 3, 4, 5, 6, 7, 8].map((item) => ({ item, found: false, ref: `BG-${item}` }));
const attestation = (on: string) => ({ conclusion: 'MEETS', attestedBy: 'reviewer-1', attestedOn: on, materialRefs: ['PA-1'] });

/**
 * The workbench's lists over HTTP: applications by plan and Art. 20 stage
 * (the board and the funnel), and fines (Art. 44) — recorded through the
 * command endpoints, read back with filters, paging, "as of" a date, and
 * each role's view: names for operators, counts only for viewers, nothing
 * of this organ for an operator of another.
 */
function listsSuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`applications and fines lists on ${name}`, () => {
    const tmp = tempDir('auxledger-lists-');
    let api: Api;
    let hohhot: { id: string; key: string };
    let xincheng: { id: string; key: string };
    let saihan: { id: string; key: string };
    let viewer: string;
    let auditor: string;
    let wangKey: string;
    let head = 0;

    const post = async (command: string, body: object) => {
      const res = await api.post(`/api/commands/${command}`, body).expect(201);
      head = Math.max(head, ...res.body.events.map((e: { globalPosition: number }) => e.globalPosition));
      return res;
    };
    const read = (path: string, key?: string) => api.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, key);

    beforeAll(async () => {
      api = await startApi(await open(join(tmp.dir, 'records.db')), { parametersFile: writePayStandards(tmp.dir) });
      await organTree(api);
      await post('draft-recruitment-plan', {
        planId: PLAN, draftingOrganId: 'hohhot', title: '2024年呼和浩特市公安局招聘警务辅助人员计划', effectiveDate: '2024-09-10',
        openings: [{ openingId: 'open-1', organId: 'xincheng', category: 'DUTY', count: 3, targetedCategories: null }],
      });
      await post('approve-recruitment-plan', { planId: PLAN, governmentLevel: 'CITY', approver: '呼和浩特市人民政府', documentNumber: '呼政函〔2024〕88号', effectiveDate: '2024-09-20' });
      await post('file-recruitment-plan', { planId: PLAN, regionOrganId: 'nmg', filingRef: '内公备〔2024〕15号', effectiveDate: '2024-09-25' });
      await post('announce-recruitment', { planId: PLAN, announcementRef: 'GG-1', organIds: ['xincheng'], effectiveDate: '2024-10-01' });
      // app-1: registered with the identity, through every stage, hired.
      wangKey = (await post('register-applicant', { applicationId: 'app-1', planId: PLAN, applicant, identity: WANG, effectiveDate: '2024-10-10' })).body.personKey;
      for (const [id, key] of [['app-2', 'pk-2'], ['app-3', 'pk-3'], ['app-4', 'pk-4']]) {
        await post('register-application', { applicationId: id, planId: PLAN, personKey: key, applicant, effectiveDate: '2024-10-11' });
      }
      for (const [id, key] of [['app-1', wangKey], ['app-3', 'pk-3'], ['app-4', 'pk-4']] as const) {
        await post('review-qualification', { applicationId: id, personKey: key, backgroundFindings: allClear, politicalAttestation: attestation('2024-10-20'), effectiveDate: '2024-10-20' });
      }
      await post('record-exam-results', { applicationId: 'app-1', scores: { written: 80, physical: 90, interview: 85, total: 84.5 }, effectiveDate: '2024-11-01' });
      await post('record-ranking', { planId: PLAN, effectiveDate: '2024-11-05', ranking: [{ applicantId: 'app-1', score: 84.5, eligible: true, preferenceCategories: [] }] });
      await post('record-medical-examination', { applicationId: 'app-1', reportRef: 'MED-1', effectiveDate: '2024-11-10' });
      await post('record-inspection', { applicationId: 'app-1', personKey: wangKey, backgroundFindings: [], effectiveDate: '2024-11-20' });
      await post('complete-public-notice', { applicationId: 'app-1', noticeFrom: '2024-12-01', noticeUntil: '2024-12-07', effectiveDate: '2024-12-08' });
      await post('hire', hireBody('aux-1', 'app-1', wangKey, 'xincheng'));
      await post('fail-recruitment-stage', { applicationId: 'app-2', stage: 2, reason: 'NOT_ELIGIBLE', reasonRef: 'SEALED-1', effectiveDate: '2024-10-21' });
      await post('fail-recruitment-stage', { applicationId: 'app-3', stage: 3, reason: 'WITHDRAWN', reasonRef: null, effectiveDate: '2024-10-25' });
      // Fines (Art. 44) decided by 新城区: one paid, one revoked, one standing.
      const fine = { decidingOrganId: 'xincheng', partyKey: 'party-1', conduct: 'HOLD', item: 'UNIFORM', confiscated: true, illegalIncomeFen: null, amountFen: 80_000, effectiveDate: '2025-03-01' };
      for (const n of [1, 2, 3]) await post('impose-fine', { ...fine, fineId: `fine-${n}`, decisionNumber: `新公行罚决字〔2025〕${n}号` });
      await post('record-fine-payment', { fineId: 'fine-1', amountFen: 80_000, receiptRef: 'R-1', effectiveDate: '2025-03-05' });
      await post('revoke-fine', { fineId: 'fine-2', reason: 'RECONSIDERATION', decisionRef: '呼政复决字〔2025〕5号', effectiveDate: '2025-04-01' });
      hohhot = await keyFor(api, 'operator', ['hohhot']);
      xincheng = await keyFor(api, 'operator', ['xincheng']);
      saihan = await keyFor(api, 'operator', ['saihan']);
      viewer = (await keyFor(api, 'viewer')).key;
      auditor = (await keyFor(api, 'auditor')).key;
    }, 120_000);
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    it('GET /api/applications: every application of 新城区 with the stage reached, each stage’s date, the failure or the hire, and counts by stage', async () => {
      const res = await read('/api/applications?organ=xincheng&asOf=2025-01-02', xincheng.key).expect(200);
      expect(res.body.counts).toEqual({
        total: 4,
        byStage: { REGISTRATION: 0, QUALIFICATION_REVIEW: 1, EXAMS: 0, MEDICAL: 0, INSPECTION: 0, PUBLIC_NOTICE: 0, HIRED: 1, WITHDRAWN: 1, FAILED: 1 },
        byPlan: { [PLAN]: 4 },
        // Passed each step / ended at it without passing: app-2 failed (2), app-3 withdrew at (3), app-4 passed (2), app-1 was hired.
        funnel: [
          { step: 'REGISTRATION', reached: 4, endedHere: 0 },
          { step: 'QUALIFICATION_REVIEW', reached: 3, endedHere: 1 },
          { step: 'EXAMS', reached: 1, endedHere: 1 },
          { step: 'MEDICAL', reached: 1, endedHere: 0 },
          { step: 'INSPECTION', reached: 1, endedHere: 0 },
          { step: 'PUBLIC_NOTICE', reached: 1, endedHere: 0 },
          { step: 'HIRED', reached: 1, endedHere: 0 },
        ],
      });
      const byId = Object.fromEntries(res.body.entries.map((e: { applicationId: string }) => [e.applicationId, e]));
      expect(res.body.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual(['app-1', 'app-2', 'app-3', 'app-4']);
      expect(byId['app-1']).toMatchObject({
        planId: PLAN, organId: 'xincheng', recruitingOrganId: 'hohhot', personKey: wangKey, stage: 'HIRED', nextStage: null,
        announcedOn: '2024-10-01', registeredOn: '2024-10-10',
        stageDates: { QUALIFICATION_REVIEW: '2024-10-20', EXAMS: '2024-11-01', MEDICAL: '2024-11-10', INSPECTION: '2024-11-20', PUBLIC_NOTICE: '2024-12-08' },
        failure: null, hired: { auxiliaryId: 'aux-1', on: '2025-01-02' },
        person: { status: 'READABLE', name: '王晓明', idNumberMasked: '1501**********231X' },
      });
      expect(byId['app-2']).toMatchObject({ stage: 'FAILED', nextStage: null, failure: { stage: 2, stageKey: 'QUALIFICATION_REVIEW', reason: 'NOT_ELIGIBLE', on: '2024-10-21' }, person: null });
      expect(byId['app-3']).toMatchObject({ stage: 'WITHDRAWN', failure: { stage: 3, stageKey: 'EXAMS', reason: 'WITHDRAWN' }, stageDates: { QUALIFICATION_REVIEW: '2024-10-20', EXAMS: null } });
      expect(byId['app-4']).toMatchObject({ stage: 'QUALIFICATION_REVIEW', nextStage: 'EXAMS', hired: null });
      expect(res.text).not.toContain(WANG.idNumber);
      // The name read was recorded.
      const records = await api.get(`/api/identities/${wangKey}/access-records`).expect(200);
      expect(records.body.records.some((r: { actorKeyId: string; disclosure: string }) => r.actorKeyId === xincheng.id && r.disclosure === 'MASKED')).toBe(true);
    });

    it('as of an earlier date the board stood elsewhere (bitemporal): on 2024-10-22 nobody had withdrawn yet; on 2024-11-05 app-1 had passed the exams', async () => {
      const early = await read('/api/applications?organ=xincheng&asOf=2024-10-22').expect(200);
      expect(early.body.counts.byStage).toMatchObject({ QUALIFICATION_REVIEW: 3, FAILED: 1, WITHDRAWN: 0, EXAMS: 0, HIRED: 0 });
      const res = await read('/api/applications?organ=xincheng&asOf=2024-11-05').expect(200);
      expect(res.body.counts.byStage).toMatchObject({ EXAMS: 1, QUALIFICATION_REVIEW: 1, FAILED: 1, WITHDRAWN: 1, HIRED: 0 });
      expect(res.body.entries.find((e: { applicationId: string }) => e.applicationId === 'app-1')).toMatchObject({ stage: 'EXAMS', nextStage: 'MEDICAL', hired: null, stageDates: { MEDICAL: null } });
      const before = await read('/api/applications?organ=xincheng&asOf=2024-10-05').expect(200);
      expect(before.body.counts.total).toBe(0);
      // As known at an instant before anything was recorded.
      const known = await read('/api/applications?organ=xincheng&asOf=2025-01-02&knownAt=2025-01-01T00:00:00Z').expect(200);
      expect(known.body.counts.total).toBe(0);
    });

    it('filters by stage (the counts still count every stage) and by plan; keyset paging with limit and cursor', async () => {
      const stage = await read('/api/applications?organ=xincheng&stage=FAILED,WITHDRAWN', hohhot.key).expect(200);
      expect(stage.body.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual(['app-2', 'app-3']);
      expect(stage.body.counts.total).toBe(4);
      const first = await read('/api/applications?organ=hohhot&subtree=true&limit=3', hohhot.key).expect(200);
      expect(first.body.entries).toHaveLength(3);
      expect(first.body.next).toBe('app-3');
      const second = await read(`/api/applications?organ=hohhot&subtree=true&limit=3&cursor=${first.body.next}`, hohhot.key).expect(200);
      expect(second.body.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual(['app-4']);
      expect(second.body.next).toBeNull();
      expect((await read('/api/applications?organ=xincheng&plan=no-such-plan').expect(200)).body.counts.total).toBe(0);
      expect((await read(`/api/applications?organ=xincheng&plan=${PLAN}`).expect(200)).body.counts.total).toBe(4);
      // Without subtree, the city holds none of them: they are for 新城区's opening.
      expect((await read('/api/applications?organ=hohhot').expect(200)).body.counts.total).toBe(0);
    });

    it('a viewer gets the counts only; an auditor the entries', async () => {
      const res = await read('/api/applications?organ=xincheng', viewer).expect(200);
      expect(res.body.counts.total).toBe(4);
      expect(res.body).not.toHaveProperty('entries');
      expect(res.text).not.toContain('王晓明');
      expect((await read('/api/applications?organ=xincheng', auditor).expect(200)).body.entries).toHaveLength(4);
    });

    it('an operator of another organ sees nothing of this one: 403 ORGAN_OUT_OF_SCOPE in both languages, for the organ, the city above it and with a plan', async () => {
      for (const path of ['/api/applications?organ=xincheng', '/api/applications?organ=hohhot&subtree=true', `/api/applications?organ=xincheng&plan=${PLAN}`, '/api/fines?organ=xincheng']) {
        const res = await read(path, saihan.key).expect(403);
        expect(res.body.error).toMatchObject({ code: 'ORGAN_OUT_OF_SCOPE', message: { zh: expect.any(String), en: expect.any(String) } });
        expect(res.text).not.toContain('app-1');
      }
      // Its own organ: 200 and nothing.
      expect((await read('/api/applications?organ=saihan', saihan.key).expect(200)).body).toMatchObject({ counts: { total: 0 }, entries: [] });
    });

    it.each([
      ['/api/applications', 'organ'],
      ['/api/applications?organ=xincheng&stage=HIRING', 'stage'],
      ['/api/applications?organ=xincheng&limit=0', 'limit'],
      ['/api/applications?organ=xincheng&asOf=2025-13-01', 'asOf'],
      ['/api/applications?organ=xincheng&plan=a%20b', 'plan'],
      ['/api/applications?organ=xincheng&offset=10', 'offset'],
      ['/api/fines?organ=xincheng&status=OPEN', 'status'],
      ['/api/fines', 'organ'],
    ])('%s is 400 VALIDATION_FAILED naming %s, in both languages', async (path, field) => {
      const res = await api.get(path).expect(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: { zh: expect.any(String), en: expect.any(String) } });
      expect(JSON.stringify(res.body.error)).toContain(field);
    });

    it('an unknown organ is 404 ORGAN_NOT_FOUND, as in the roster', async () => {
      expect((await api.get('/api/applications?organ=nosuch').expect(404)).body.error.code).toBe('ORGAN_NOT_FOUND');
      expect((await api.get('/api/fines?organ=nosuch').expect(404)).body.error.code).toBe('ORGAN_NOT_FOUND');
    });

    it('GET /api/fines: the fines 新城区 decided, paid, revoked or standing, with amounts and counts; no party named', async () => {
      const res = await read('/api/fines?organ=xincheng&asOf=2025-06-01', xincheng.key).expect(200);
      expect(res.body.counts).toEqual({ total: 3, byStatus: { IMPOSED: 1, PAID: 1, REVOKED: 1 }, imposedFen: 160_000, paidFen: 80_000 });
      expect(res.body.entries.map((e: { fineId: string; status: string }) => [e.fineId, e.status])).toEqual([['fine-1', 'PAID'], ['fine-2', 'REVOKED'], ['fine-3', 'IMPOSED']]);
      expect(res.body.entries[0]).toMatchObject({
        decidingOrganId: 'xincheng', decisionNumber: '新公行罚决字〔2025〕1号', conduct: 'HOLD', item: 'UNIFORM', confiscated: true, amountFen: 80_000,
        illegalIncomeFen: null, decidedOn: '2025-03-01', paidOn: '2025-03-05', revokedOn: null,
      });
      expect(res.body.entries[1]).toMatchObject({ revokedOn: '2025-04-01', revokeReason: 'RECONSIDERATION' });
      expect(res.text).not.toContain('party-1');
      // As of a date before the payment; a status filter; paging; the viewer's counts.
      const early = await read('/api/fines?organ=xincheng&asOf=2025-03-02').expect(200);
      expect(early.body.counts.byStatus).toEqual({ IMPOSED: 3, PAID: 0, REVOKED: 0 });
      // As known before the revocation was recorded (2025-04-01), about June.
      const known = await read('/api/fines?organ=xincheng&asOf=2025-06-01&knownAt=2025-03-10T00:00:00Z').expect(200);
      expect(known.body.counts.byStatus).toEqual({ IMPOSED: 2, PAID: 1, REVOKED: 0 });
      expect((await read('/api/fines?organ=hohhot&subtree=true&status=PAID,IMPOSED', hohhot.key).expect(200)).body.entries.map((e: { fineId: string }) => e.fineId)).toEqual(['fine-1', 'fine-3']);
      const page = await read('/api/fines?organ=xincheng&limit=2&cursor=fine-1').expect(200);
      expect(page.body).toMatchObject({ next: null, entries: [{ fineId: 'fine-2' }, { fineId: 'fine-3' }] });
      const counted = await read('/api/fines?organ=xincheng', viewer).expect(200);
      expect(counted.body).not.toHaveProperty('entries');
      expect(counted.body.counts.total).toBe(3);
    });

    it('the OpenAPI document declares both queries with their parameters', async () => {
      const doc = (await api.get('/api/docs-json', null).expect(200)).body;
      const names = (path: string) => (doc.paths[path].get.parameters as Array<{ name: string }>).map((p) => p.name).sort();
      expect(names('/api/applications')).toEqual(['asOf', 'cursor', 'knownAt', 'limit', 'minPosition', 'organ', 'plan', 'stage', 'subtree']);
      expect(names('/api/fines')).toEqual(['asOf', 'cursor', 'knownAt', 'limit', 'minPosition', 'organ', 'status', 'subtree']);
    });
  });
}

listsSuite('SQLite', async (file) => ({ kind: 'sqlite', path: file }));

describeWithPostgres('PostgreSQL', () => {
  listsSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('lists_e2e') }));
});
