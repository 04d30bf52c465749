import { join } from 'node:path';
import { executeCommand, prepareCommand } from '@auxledger/application';
import { type Hire, hire } from '@auxledger/domain';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { RULE_SETS } from '../infrastructure/tokens';
import { type Api, NOW, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/**
 * A command id sent again is answered with its first outcome only when it is
 * the same command, sent by a caller who may see it (issue: an operator who
 * learned another organ's command id could read that organ's events by
 * sending a different command with it). Whoever chose the id — the client,
 * the API, an import — nothing of the stored events reaches another organ.
 */
function replaySuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`replays of another organ's command ids on ${name}`, () => {
    const tmp = tempDir('auxledger-replays-');
    let api: Api;
    let hohhot: string;
    let baotou: string;
    /** Ids of xincheng's hires: chosen by its client, drawn by the API, made by an import. */
    const ids: Record<'client' | 'api' | 'import', string> = { client: 'hire-0001', api: '', import: 'import-0123456789abcdef0123456789abcdef-row-1' };

    beforeAll(async () => {
      api = await startApi(await open(join(tmp.dir, 'records.db')), { parametersFile: writePayStandards(tmp.dir) });
      await organTree(api);
      await api.post('/api/commands/register-organ', { organId: 'baotou', name: '包头市公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      await api.post('/api/commands/set-quota', { organId: 'baotou', category: null, headcount: 5, documentRef: '包公发〔2024〕1号', setByOrganId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      hohhot = (await keyFor(api, 'operator', ['hohhot'])).key;
      baotou = (await keyFor(api, 'operator', ['baotou'])).key;
      for (const n of [1, 2, 3]) await passedApplication(api.store, `app-${n}`, `pk-${n}`);
      // Baotou's own applicants are the same people: what a replay would leak is xincheng's record of them.
      for (const n of [1, 2, 3]) await passedApplication(api.store, `app-b${n}`, `pk-${n}`, ['baotou']);

      await api.post('/api/commands/hire', { ...hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), commandId: ids.client }, hohhot).expect(201);
      ids.api = (await api.post('/api/commands/hire', hireBody('aux-2', 'app-2', 'pk-2', 'xincheng'), hohhot).expect(201)).body.commandId;
      const imported = prepareCommand<Hire>(
        { type: 'Hire', data: hireBody('aux-3', 'app-3', 'pk-3', 'xincheng') as unknown as Hire['data'], commandId: ids.import, actor: { id: 'import', role: 'system', organId: null }, effectiveDate: '2025-01-02' },
        { now: () => NOW },
      );
      const outcome = await executeCommand({ store: api.store, registry: api.app.get(RULE_SETS), clock: { now: () => NOW } }, hire, imported.command);
      expect(outcome.status).toBe('accepted');
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    const baotouHire = (n: number, commandId: string) => ({ ...hireBody(`aux-b${n}`, `app-b${n}`, `pk-${n}`, 'baotou'), commandId });

    it.each([
      ['client-chosen', 'client', 1],
      ['API-drawn', 'api', 2],
      ['imported', 'import', 3],
    ] as const)('a %s id of xincheng sent by baotou with its own hire of the same person: 409 COMMAND_ID_REUSED, nothing of the first, nothing written', async (_, which, n) => {
      const head = await api.logHead();
      const res = await api.post('/api/commands/hire', baotouHire(n, ids[which]), baotou);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'COMMAND_ID_REUSED', message: { zh: expect.any(String), en: expect.any(String) }, details: { commandId: ids[which] } });
      expect(res.body).not.toHaveProperty('events');
      expect(res.body.error.details).not.toHaveProperty('firstCommandType');
      const text = JSON.stringify(res.body);
      for (const secret of ['xincheng', `aux-${n}`, `app-${n}"`, 'PersonContractStarted', 'AuxiliaryHired', 'monthlyBaseFen']) expect(text).not.toContain(secret);
      expect(await api.logHead()).toBe(head);
    });

    it("xincheng's hire sent again unchanged by baotou's operator is refused by the organ check, as a read of it would be", async () => {
      const res = await api.post('/api/commands/hire', { ...hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), commandId: ids.client }, baotou);
      expect([403, 404]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain('PersonContractStarted');
    });

    it('the same hire sent again by its own organ answers its first outcome: the same events, replayed, nothing written', async () => {
      const head = await api.logHead();
      const res = await api.post('/api/commands/hire', { ...hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), commandId: ids.client }, hohhot).expect(201);
      expect(res.body).toMatchObject({ replayed: true, judgement: null });
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['AuxiliaryHired', 'PersonContractStarted', 'QuotaPlaceTaken', 'ApplicantHired']);
      expect(await api.logHead()).toBe(head);
    });

    it('a different command of its own sender with a used id is refused too, and only its sender learns what the id was for', async () => {
      const res = await api.post('/api/commands/assign-duty', { auxiliaryId: 'aux-1', assignmentId: 'asg-1', dutyCodes: ['ENF_TRAFFIC'], leadingOfficerIds: ['PO-1'], commandId: ids.client }, hohhot).expect(409);
      expect(res.body.error).toMatchObject({ code: 'COMMAND_ID_REUSED' });
      expect(res.body).not.toHaveProperty('events');
    });
  });
}

const files = tempDir('auxledger-replays-pg-');
afterAll(() => files.remove());
replaySuite('SQLite', async (file) => ({ kind: 'sqlite', path: file }));
describeWithPostgres('PostgreSQL', () => {
  replaySuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('replays') }));
});
