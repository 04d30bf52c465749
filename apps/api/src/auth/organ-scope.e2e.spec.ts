import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { type Api, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/**
 * The organ check of commands (`OrganScope`): every organ a command acts for
 * or writes to must lie in the operator's granted subtrees — not only the
 * command's own organ — and an operator may not command a record that does
 * not exist (404 RECORD_NOT_FOUND), so that no other organ can create it
 * between the check and the decision.
 */
function organScopeSuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`the organ scope of commands on ${name}`, () => {
    const tmp = tempDir('auxledger-scope-');
    let api: Api;
    let xincheng: string;
    let hohhot: string;

    beforeAll(async () => {
      api = await startApi(await open(join(tmp.dir, 'records.db')), { parametersFile: writePayStandards(tmp.dir) });
      await organTree(api);
      await api.post('/api/commands/register-organ', { organId: 'baotou', name: '包头市公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      await api.post('/api/commands/register-organ', { organId: 'kundulun', name: '昆都仑区公安分局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'baotou', effectiveDate: '2024-09-01' }).expect(201);
      await api.post('/api/commands/set-quota', { organId: 'kundulun', category: null, headcount: 5, documentRef: '内公发〔2024〕13号', setByOrganId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      xincheng = (await keyFor(api, 'operator', ['xincheng'])).key;
      hohhot = (await keyFor(api, 'operator', ['hohhot'])).key;
      await passedApplication(api.store, 'app-1', 'pk-1');
      await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng')).expect(201);
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    /** Sends the command and expects it refused with `status` and `code`, the log unchanged. */
    const refused = async (command: string, body: object, key: string, status: number, code: string) => {
      const head = await api.logHead();
      const res = await api.post(`/api/commands/${command}`, body, key);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
      expect(res.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
      expect(await api.logHead()).toBe(head);
      return res.body.error;
    };

    it('set-quota: an operator may not raise its own quota in the name of the region (setByOrganId out of scope) — 403', async () => {
      const body = { organId: 'xincheng', category: null, headcount: 999, documentRef: '伪〔2025〕1号', setByOrganId: 'nmg', effectiveDate: '2025-01-02' };
      expect(await refused('set-quota', body, xincheng, 403, 'ORGAN_OUT_OF_SCOPE')).toMatchObject({ details: { organId: 'nmg' } });
      // Set by an authority the operator holds: through the organ check, to the regulation (Art. 7: not the city's to set, 422).
      expect((await api.post('/api/commands/set-quota', { ...body, headcount: 6, setByOrganId: 'hohhot' }, hohhot).expect(422)).body.error.code).toBe('REFUSED_BY_STATUTE');
    });

    it('draft-recruitment-plan: every opening’s organ must be in scope — openings in another city’s county are 403 and reserve nothing', async () => {
      const plan = { planId: 'plan-x', draftingOrganId: 'hohhot', title: '越权计划', effectiveDate: '2024-09-10' };
      const foreign = { openingId: 'o-2', organId: 'kundulun', category: 'DUTY', count: 5, targetedCategories: null };
      const own = { openingId: 'o-1', organId: 'xincheng', category: 'DUTY', count: 1, targetedCategories: null };
      expect(await refused('draft-recruitment-plan', { ...plan, openings: [own, foreign] }, hohhot, 403, 'ORGAN_OUT_OF_SCOPE')).toMatchObject({ details: { organId: 'kundulun' } });
      const quota = await api.get(`/api/quota?organ=kundulun&asOf=2024-09-10&minPosition=${await api.logHead()}`).expect(200);
      expect(quota.body.organs[0]).toMatchObject({ organ_id: 'kundulun', reserved_in_approved_plans: 0 });
      await api.post('/api/commands/draft-recruitment-plan', { ...plan, openings: [own] }, hohhot).expect(201);
    });

    it('announce- and close-recruitment-plan: the organs named are checked too', async () => {
      await refused('close-recruitment-plan', { planId: 'plan-x', reason: 'WITHDRAWN', organIds: ['xincheng', 'kundulun'], effectiveDate: '2024-09-11' }, hohhot, 403, 'ORGAN_OUT_OF_SCOPE');
      await refused('announce-recruitment', { planId: 'plan-x', announcementRef: 'GG-1', organIds: ['kundulun'], effectiveDate: '2024-09-11' }, hohhot, 403, 'ORGAN_OUT_OF_SCOPE');
    });

    it('the acting organ a body names (deciding, paying, receiving, using) must be in scope, not only the auxiliary', async () => {
      const on = { auxiliaryId: 'aux-1', effectiveDate: '2025-03-01' };
      const cases: Array<[string, object]> = [
        ['discipline', { ...on, disciplineId: 'd-1', misconduct: 'BEYOND_AUTHORITY', description: '越权', sanction: 'WARNING', decidingOrganId: 'nmg', effectiveUntil: null }],
        ['decide-recusal', { ...on, recusalId: 'r-1', matterId: 'm-1', initiatedBy: 'PARTY', granted: true, decidingOrganId: 'baotou' }],
        ['pay-compensation', { ...on, compensationId: 'c-1', paidByOrganId: 'hohhot', paidFen: 100, claimRef: '国赔-9' }],
        ['receive-complaint', { ...on, complaintId: 'cmp-9', channel: 'COMPLAINT', receivingOrganId: 'saihan' }],
        ['terminate', { ...on, personKey: 'pk-1', usingOrganId: 'kundulun', reason: 'MUTUAL_AGREEMENT', ground: null }],
      ];
      for (const [command, body] of cases) {
        const error = await refused(command, body, xincheng, 403, 'ORGAN_OUT_OF_SCOPE');
        expect(error.details.organId).not.toBe('xincheng');
      }
    });

    it('a command on another organ’s record answers as on a record that does not exist: 404 RECORD_NOT_FOUND, word for word — no 403 naming its organ', async () => {
      const baotou = (await keyFor(api, 'operator', ['baotou'])).key;
      const normalise = (error: { code: string; message: { zh: string; en: string }; details: Record<string, unknown> }, id: string, ghost: string) =>
        JSON.parse(JSON.stringify(error).split(id).join(ghost)) as unknown;
      const cases: Array<[string, (id: string) => object, string, string]> = [
        ['assign-duty', (id) => ({ auxiliaryId: id, assignmentId: 'asg-9', dutyCodes: ['SVC_PATROL'], leadingOfficerIds: ['officer-1'], effectiveDate: '2025-01-15' }), 'aux-1', 'aux-ghost'],
        ['record-medical-examination', (id) => ({ applicationId: id, reportRef: 'MED-1', effectiveDate: '2024-10-20' }), 'app-1', 'app-ghost'],
      ];
      for (const [command, body, existing, ghost] of cases) {
        const foreign = await refused(command, body(existing), baotou, 404, 'RECORD_NOT_FOUND');
        const unknown = await refused(command, body(ghost), baotou, 404, 'RECORD_NOT_FOUND');
        expect(normalise(foreign, existing, ghost)).toEqual(unknown);
        expect(JSON.stringify(foreign)).not.toMatch(/xincheng|hohhot/);
      }
    });

    it('set-quota for an organ not registered, or not yet on the quota’s date, is refused: 409 ORGAN_NOT_REGISTERED (a STATE refusal), in both languages', async () => {
      const quota = { category: null, headcount: 5, documentRef: '内公发〔2024〕14号', setByOrganId: 'nmg' };
      const ghost = await api.post('/api/commands/set-quota', { ...quota, organId: 'ghost-organ', effectiveDate: '2024-10-01' }).expect(409);
      expect(ghost.body.error).toMatchObject({ code: 'ORGAN_NOT_REGISTERED', message: { zh: expect.stringContaining('ghost-organ'), en: expect.stringContaining('not registered') }, details: { refusal: 'STATE' } });
      // kundulun was registered on 2024-09-01: a quota from 2024-08-31 is for an organ that did not exist yet.
      const early = await api.post('/api/commands/set-quota', { ...quota, organId: 'kundulun', effectiveDate: '2024-08-31' }).expect(409);
      expect(early.body.error).toMatchObject({ code: 'ORGAN_NOT_REGISTERED', message: { en: expect.stringContaining('2024-09-01') } });
    });

    describe('a record not on record is refused to an operator (404 RECORD_NOT_FOUND), so no other organ can create it between the check and the decision', () => {
      const cases: Array<[string, object, string]> = [
        ['assign-duty', { auxiliaryId: 'aux-ghost', assignmentId: 'asg-9', dutyCodes: ['SVC_PATROL'], leadingOfficerIds: ['officer-1'], effectiveDate: '2025-01-15' }, 'auxiliary'],
        ['approve-recruitment-plan', { planId: 'plan-ghost', governmentLevel: 'CITY', approver: '政府', documentNumber: 'X-1', effectiveDate: '2024-09-20' }, 'recruitment plan'],
        ['record-medical-examination', { applicationId: 'app-ghost', reportRef: 'MED-1', effectiveDate: '2024-10-20' }, 'application'],
        ['record-fine-payment', { fineId: 'fine-ghost', amountFen: 100, receiptRef: 'R-9', effectiveDate: '2025-03-05' }, 'fine'],
      ];
      it.each(cases)('%s on a record that does not exist: 404 for an operator, naming the record; the domain’s 409 for an admin', async (command, body, record) => {
        const error = await refused(command, body, hohhot, 404, 'RECORD_NOT_FOUND');
        expect(error.details.record).toBe(record);
        expect(error.message.en).toContain(record);
        const admin = await api.post(`/api/commands/${command}`, body);
        expect(admin.status).toBe(409);
        expect(admin.body.error.code).toMatch(/NOT_(FOUND|HIRED)$/);
      });
    });
  });
}

organScopeSuite('SQLite', async (path) => ({ kind: 'sqlite', path }));
describeWithPostgres('PostgreSQL', () => {
  organScopeSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api_scope') }));
});
