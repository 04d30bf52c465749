import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { ReadPosition } from '../projection/read-position';
import { type Api, hireBody, keyFor, organTree, passedApplication, readSideFor, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/**
 * Queries: strict parameters (no `1e1` read as 10, no `24:00`, no year 0000),
 * an unknown organ is 404 wherever an organ is named, an operator cannot tell
 * an unknown auxiliary from another organ's, and a read-your-writes wait ends
 * when the application shuts down.
 */
function queryParametersSuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`query parameters and answers on ${name}`, () => {
    const tmp = tempDir('auxledger-qparams-');
    let store: StoreConfig;
    let api: Api;
    let hohhot: string;
    let baotou: string;

    beforeAll(async () => {
      store = await open(join(tmp.dir, 'records.db'));
      api = await startApi(store, { parametersFile: writePayStandards(tmp.dir) });
      await organTree(api);
      await api.post('/api/commands/register-organ', { organId: 'baotou', name: '包头市公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      await passedApplication(api.store, 'app-1', 'pk-1');
      await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng')).expect(201);
      hohhot = (await keyFor(api, 'operator', ['hohhot'])).key;
      baotou = (await keyFor(api, 'operator', ['baotou'])).key;
      await api.get(`/api/organs?minPosition=${await api.logHead()}`).expect(200);
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    const invalid = async (path: string, field: string) => {
      const res = await api.get(path).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const fields = res.body.error.details.fields as { field: string; constraints: { zh: string; en: string }[] }[];
      expect(fields.map((f) => f.field)).toEqual([field]);
      expect(fields[0]?.constraints[0]).toEqual(expect.objectContaining({ zh: expect.any(String), en: expect.any(String) }));
    };

    it.each(['1e1', '0x10', '10.0', '+10', ' 10', '-1'])('minPosition=%s is refused (400), not read as a number', async (value) => {
      await invalid(`/api/organs?minPosition=${encodeURIComponent(value)}`, 'minPosition');
    });

    it('minPosition=0 and limit=10 are numbers', async () => {
      await api.get('/api/organs?minPosition=0').expect(200);
      await api.get('/api/roster?organ=xincheng&limit=10').expect(200);
    });

    it.each(['2025-01-02T24:00:00Z', '2025-01-02T23:60:00Z', '2025-01-02T23:59:60Z', '2025-01-02T08:00:00+15:00', '0000-01-01T00:00:00Z'])('knownAt=%s is refused (400)', async (value) => {
      await invalid(`/api/roster?organ=xincheng&knownAt=${encodeURIComponent(value)}`, 'knownAt');
    });

    it('asOf before 1900-01-01 is refused (400); 1900-01-01 itself is a date', async () => {
      await invalid('/api/roster?organ=xincheng&asOf=0000-01-01', 'asOf');
      await invalid('/api/quota?organ=xincheng&asOf=1899-12-31', 'asOf');
      await invalid('/api/audit?effectiveFrom=0001-01-01', 'effectiveFrom');
      await api.get('/api/roster?organ=xincheng&asOf=1900-01-01').expect(200);
    });

    it('/api/quota of an unknown organ is 404 ORGAN_NOT_FOUND, as /api/organs?root= is', async () => {
      const quota = await api.get('/api/quota?organ=nope').expect(404);
      const organs = await api.get('/api/organs?root=nope').expect(404);
      expect(quota.body.error).toEqual(organs.body.error);
      expect(quota.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
      await api.get('/api/quota?organ=xincheng').expect(200);
    });

    it('an operator cannot tell an auxiliary that does not exist from another organ’s: both 403, the same answer but for the id', async () => {
      const unknown = await api.get('/api/people/aux-nobody', hohhot).expect(403);
      const foreign = await api.get('/api/people/aux-1', baotou).expect(403);
      const shape = (body: { error: { code: string; details: Record<string, unknown> } }) => ({ code: body.error.code, details: Object.keys(body.error.details).sort() });
      expect(shape(unknown.body)).toEqual(shape(foreign.body));
      expect(JSON.stringify(foreign.body)).not.toContain('xincheng');
      // Its own auxiliary it reads; an admin still gets 404 for one that does not exist.
      await api.get('/api/people/aux-1', hohhot).expect(200);
      expect((await api.get('/api/people/aux-nobody').expect(404)).body.error.code).toBe('PERSON_NOT_FOUND');
    });

    it('during shutdown a minPosition wait ends at once with 409 PROJECTION_BEHIND, not at its deadline', async () => {
      // No projector, a wait far longer than the test may take: only the shutdown can end it in time. Records of their own, their
      // read models built once and then left behind: on the suite's, the suite's API would project the new event and the query
      // would answer at once, without waiting.
      const own = await open(join(tmp.dir, 'shutdown-records.db'));
      const first = await startApi(own);
      await organTree(first);
      await first.get(`/api/organs?minPosition=${await first.logHead()}`).expect(200);
      await first.close();
      const off = await startApi(own, { readSide: readSideFor(own, { projector: 'off', minPositionWaitMs: 10 * 60_000 }) });
      let closed = false;
      try {
        await off.post('/api/commands/register-organ', { organId: 'ordos', name: '鄂尔多斯市公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
        const head = await off.logHead();
        let answered = false;
        const answer = off.get(`/api/organs?minPosition=${head}`).then((res) => ((answered = true), res));
        const position = off.app.get(ReadPosition);
        while (position.waiting === 0 && !answered) await new Promise((resolve) => setImmediate(resolve));
        expect(answered).toBe(false); // the query is waiting for the read models, not answered without it
        const closing = off.close();
        closed = true;
        const res = await answer;
        await closing;
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'PROJECTION_BEHIND', details: { minPosition: head, shuttingDown: true } });
      } finally {
        if (!closed) await off.close();
      }
    });
  });
}

queryParametersSuite('SQLite', async (path) => ({ kind: 'sqlite', path }));
describeWithPostgres('PostgreSQL', () => {
  queryParametersSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api_qparams') }));
});
