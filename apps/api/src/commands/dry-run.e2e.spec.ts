import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { type Api, hireBody, keyFor, organTree, passedApplication, ruleIdsOf, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/**
 * `?dryRun=true` on a command endpoint: the same judgement as a real sending
 * (roles, validation, rules, the answer's shape), and nothing recorded — no
 * events, no claim of the command id, no refusal record.
 */
function dryRunSuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`dry runs on ${name}`, () => {
    const tmp = tempDir('auxledger-dry-');
    let api: Api;
    let operator: { id: string; key: string };

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

    const hire = (query: string, body: object, headers?: Record<string, string>) => api.post(`/api/commands/hire${query}`, body, operator.key, headers);

    it('an accepted dry run answers 200 with the events it would write, records nothing, and the same id then sends for real', async () => {
      const head = await api.logHead();
      const headers = { 'Idempotency-Key': 'dry-hire-1' };
      const dry = await hire('?dryRun=true', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), headers).expect(200);
      expect(dry.body).toMatchObject({ commandId: 'dry-hire-1', status: 'accepted', dryRun: true, replayed: false });
      expect(dry.body.events.map((e: { type: string }) => e.type).sort()).toEqual(['ApplicantHired', 'AuxiliaryHired', 'PersonContractStarted', 'QuotaPlaceTaken']);
      for (const e of dry.body.events) {
        expect(e.globalPosition).toBeUndefined();
        expect(e.metadata.actor).toEqual({ id: operator.id, role: 'operator', organId: 'xincheng' });
      }
      expect(dry.body.judgement.parameters.find((p: { key: string }) => p.key === 'pay.standards')).toMatchObject({ isDefault: false });
      expect(await api.logHead()).toBe(head);
      expect(await api.store.readStream('command-dry-hire-1')).toEqual([]);

      const real = await hire('', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), headers).expect(201);
      expect(real.body).toMatchObject({ commandId: 'dry-hire-1', replayed: false });
      expect(real.body.dryRun).toBeUndefined();
      // The dry run told the truth: the same events, ids and streams.
      const key = (e: { eventId: string; type: string; streamId: string; streamRevision: number }) => `${e.eventId} ${e.type} ${e.streamId}@${e.streamRevision}`;
      expect(real.body.events.map(key).sort()).toEqual(dry.body.events.map(key).sort());
      expect(await api.logHead()).toBe(head + 5); // four events and the claim
    });

    it('a refused dry run answers the same 422 problem body with every violation, and records no refusal', async () => {
      const head = await api.logHead();
      const headers = { 'Idempotency-Key': 'dry-hire-2' };
      const dry = await hire('?dryRun=true', hireBody('aux-2', 'app-2', 'pk-2', 'xincheng', 123), headers).expect(422);
      expect(dry.body.error.code).toBe('REFUSED_BY_STATUTE');
      expect(dry.body.error.details.dryRun).toBe(true);
      expect(ruleIdsOf(dry.body)).toEqual(['PAY-LEVEL']);
      expect(dry.body.violations ?? dry.body.error.details.violations).toBeDefined();
      expect(await api.logHead()).toBe(head);
      expect(await api.store.readStream('command-dry-hire-2')).toEqual([]);

      const real = await hire('', hireBody('aux-2', 'app-2', 'pk-2', 'xincheng', 123), headers).expect(422);
      const { dryRun: _dry, ...realDetails } = { ...dry.body.error.details };
      expect(real.body.error.details).toEqual(realDetails);
      expect(await api.logHead()).toBe(head + 1); // the refusal's record, now
    });

    it('the same roles: a viewer dry-running a command gets 403 and nothing is recorded', async () => {
      const viewer = await keyFor(api, 'viewer');
      const head = await api.logHead();
      await api.post('/api/commands/hire?dryRun=true', hireBody('aux-3', 'app-2', 'pk-2', 'xincheng'), viewer.key).expect(403);
      expect(await api.logHead()).toBe(head);
    });

    it('a dryRun other than true or false is a 400 in both languages', async () => {
      const res = await hire('?dryRun=yes', hireBody('aux-3', 'app-2', 'pk-2', 'xincheng')).expect(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_DRY_RUN', message: { zh: expect.any(String), en: expect.any(String) } });
    });
  });
}

dryRunSuite('SQLite', async (path) => ({ kind: 'sqlite', path }));
describeWithPostgres('PostgreSQL', () => {
  dryRunSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api_dry') }));
});
