import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { type Api, MovableClock, keyFor, organTree, startApi, tempDir } from '../testing/api-fixture';

/**
 * Command ids (Idempotency-Key): a repeat answers the first outcome even when
 * the default effective date has moved on (midnight in Asia/Shanghai), and a
 * refusal of a reused id tells another caller nothing about the first use.
 */
function idempotencySuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`command ids on ${name}`, () => {
    const tmp = tempDir('auxledger-idem-');
    const clock = new MovableClock();
    let api: Api;
    let xincheng: string;
    let saihan: string;

    beforeAll(async () => {
      api = await startApi(await open(join(tmp.dir, 'records.db')), {}, { clock });
      await organTree(api);
      xincheng = (await keyFor(api, 'operator', ['xincheng'])).key;
      saihan = (await keyFor(api, 'operator', ['saihan'])).key;
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    const quota = (organId: string, headcount: number) => ({ organId, category: null, headcount, documentRef: '内公发〔2025〕1号', setByOrganId: 'nmg' });

    it('a retry without effectiveDate after midnight (Asia/Shanghai) answers the first outcome: the same events, replayed, on the first day', async () => {
      clock.set('2025-03-01T15:59:00Z'); // 23:59 on 1 March in Shanghai
      const headers = { 'Idempotency-Key': 'quota-xincheng-2025-03' };
      const first = await api.post('/api/commands/set-quota', quota('xincheng', 7), undefined, headers).expect(201);
      expect(first.body.events[0].metadata.effectiveDate).toBe('2025-03-01');
      clock.set('2025-03-01T16:01:00Z'); // 00:01 on 2 March
      const head = await api.logHead();
      const retry = await api.post('/api/commands/set-quota', quota('xincheng', 7), undefined, headers);
      expect(retry.status).toBe(201);
      expect(retry.body).toMatchObject({ commandId: 'quota-xincheng-2025-03', replayed: true });
      expect(retry.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(first.body.events.map((e: { eventId: string }) => e.eventId));
      expect(await api.logHead()).toBe(head);
    });

    it('a refused command retried after midnight answers the same refusal, not a new decision', async () => {
      clock.set('2025-03-02T15:59:00Z');
      const headers = { 'Idempotency-Key': 'quota-ghost' };
      const first = await api.post('/api/commands/set-quota', quota('ghost-organ', 3), undefined, headers);
      expect(first.status).toBe(409);
      clock.set('2025-03-02T16:01:00Z');
      const retry = await api.post('/api/commands/set-quota', quota('ghost-organ', 3), undefined, headers);
      expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
    });

    it('the date is part of the command as sent: the same id with an explicit other date is another command (409 COMMAND_ID_REUSED)', async () => {
      const res = await api.post('/api/commands/set-quota', { ...quota('xincheng', 7), effectiveDate: '2025-03-05' }, undefined, { 'Idempotency-Key': 'quota-xincheng-2025-03' }).expect(409);
      expect(res.body.error.code).toBe('COMMAND_ID_REUSED');
    });

    it('COMMAND_ID_REUSED tells the key that sent the id first what it was used for, and another key nothing', async () => {
      clock.set('2025-03-10T02:00:00Z');
      const headers = { 'Idempotency-Key': 'my-command-1' };
      const unit = (parentId: string, organId: string) => ({ organId, name: '派出所', level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId });
      await api.post('/api/commands/register-organ', unit('xincheng', 'xincheng-pcs-1'), xincheng, headers).expect(201);
      const other = await api.post('/api/commands/register-organ', unit('saihan', 'saihan-pcs-1'), saihan, headers).expect(409);
      expect(other.body.error).toMatchObject({ code: 'COMMAND_ID_REUSED', message: { zh: expect.any(String), en: expect.any(String) } });
      expect(other.body.error.details).toEqual({ commandId: 'my-command-1' });
      expect(JSON.stringify(other.body)).not.toContain('RegisterOrgan');
      const same = await api.post('/api/commands/register-organ', unit('xincheng', 'xincheng-pcs-2'), xincheng, headers).expect(409);
      expect(same.body.error.details).toEqual({ commandId: 'my-command-1', firstCommandType: 'RegisterOrgan' });
    });
  });
}

idempotencySuite('SQLite', async (path) => ({ kind: 'sqlite', path }));
describeWithPostgres('PostgreSQL', () => {
  idempotencySuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api_idem') }));
});
