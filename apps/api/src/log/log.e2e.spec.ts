import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { parseVerifierKey, verifyCheckpoint } from '@auxledger/event-store';
import { rfcLeafHash, rfcVerifyInclusion } from '@auxledger/event-store/testing';
import type { StoreConfig } from '../config/api-config';
import { type Api, keyFor, organTree, startApi, tempDir } from '../testing/api-fixture';

/**
 * The verifiable log over HTTP (ADR 0005): the signing key created on first
 * start, checkpoints written by the system, the latest with its public key,
 * and an inclusion proof that an auditor checks with nothing but the RFC.
 */
function logSuite(name: string, open: (dir: string) => Promise<StoreConfig>): void {
  describe(`the signed log on ${name}`, () => {
    const tmp = tempDir('auxledger-log-');
    const keyPath = join(tmp.dir, 'keys', 'test.signing.key');
    let api: Api;
    let auditor: string;
    let viewer: string;
    let operator: string;

    beforeAll(async () => {
      api = await startApi(await open(tmp.dir), { signing: { keyPath, origin: 'auxledger.test/e2e', everyEvents: 3, everyMinutes: 10 } });
      await organTree(api);
      auditor = (await keyFor(api, 'auditor')).key;
      viewer = (await keyFor(api, 'viewer')).key;
      operator = (await keyFor(api, 'operator', ['hohhot'])).key;
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    it('creates the signing key on first start, readable by its owner only', () => {
      expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    });

    it('GET /api/log/checkpoint: the latest signed checkpoint, verifying with the public key given beside it; the writer keeps up every N events', async () => {
      const head = await api.logHead();
      expect(head).toBeGreaterThanOrEqual(3);
      let body: { checkpoint: string; publicKey: string; treeSize: number; origin: string } = { checkpoint: '', publicKey: '', treeSize: 0, origin: '' };
      for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
        body = (await api.get('/api/log/checkpoint', viewer).expect(200)).body;
        if (head - body.treeSize < 3) break;
      }
      expect(head - body.treeSize).toBeLessThan(3);
      expect(body.origin).toBe('auxledger.test/e2e');
      const checked = verifyCheckpoint(body.checkpoint, [parseVerifierKey(body.publicKey)]);
      expect(checked.treeSize).toBe(body.treeSize);
    });

    it('POST /api/log/checkpoints signs one now (admins)', async () => {
      const res = await api.post('/api/log/checkpoints', {}).expect(201);
      expect(res.body.treeSize).toBe(await api.logHead());
      expect((await api.get('/api/log/checkpoint', viewer).expect(200)).body.checkpoint).toBe(res.body.checkpoint);
    });

    it('GET /api/log/proofs/inclusion: an auditor proves one event against the signed checkpoint with RFC 9162 alone', async () => {
      const [event] = await api.store.readAll({ after: 1, maxCount: 1 });
      if (!event) throw new Error('seed');
      await api.post('/api/commands/register-organ', { organId: 'wuchuan', name: '武川县公安局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot', effectiveDate: '2024-09-01' }).expect(201);
      const last = await api.logHead();
      // The newest event: after the latest checkpoint, so one is signed for it.
      const newest = await api.get(`/api/log/proofs/inclusion?event=${last}`, auditor).expect(200);
      expect(newest.body.treeSize).toBeGreaterThanOrEqual(last);
      const res = await api.get(`/api/log/proofs/inclusion?event=${event.eventId}`, auditor).expect(200);
      const checkpoint = verifyCheckpoint(res.body.checkpoint, [parseVerifierKey(res.body.publicKey)]);
      expect(res.body).toMatchObject({ leafIndex: 1, treeSize: checkpoint.treeSize, event: { eventId: event.eventId, globalPosition: 2, hash: event.metadata.hash } });
      const proof = (res.body.proof as string[]).map((p) => Buffer.from(p, 'base64'));
      const leaf = rfcLeafHash(Buffer.from(event.metadata.hash, 'hex'));
      expect(rfcVerifyInclusion(1n, BigInt(checkpoint.treeSize), proof, leaf, checkpoint.rootHash)).toBe(true);
      expect(rfcVerifyInclusion(2n, BigInt(checkpoint.treeSize), proof, leaf, checkpoint.rootHash)).toBe(false);
      // Against an earlier size.
      const small = await api.get(`/api/log/proofs/inclusion?event=2&treeSize=2`, auditor).expect(200);
      expect(small.body).toMatchObject({ treeSize: 2, checkpoint: null, proof: [expect.any(String)] });
    });

    it('refuses, in both languages: unknown events 404, malformed or out-of-range parameters 400; operators and viewers 403', async () => {
      const missing = await api.get('/api/log/proofs/inclusion?event=00000000-0000-4000-8000-000000000000', auditor).expect(404);
      expect(missing.body.error).toMatchObject({ code: 'EVENT_NOT_FOUND', message: { zh: expect.any(String), en: expect.any(String) } });
      expect((await api.get('/api/log/proofs/inclusion?event=drop table', auditor).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      const range = await api.get(`/api/log/proofs/inclusion?event=3&treeSize=2`, auditor).expect(400);
      expect(range.body.error).toMatchObject({ code: 'TREE_SIZE_OUT_OF_RANGE', message: { zh: expect.stringContaining('treeSize') } });
      await api.get(`/api/log/proofs/inclusion?event=3&treeSize=${(await api.logHead()) + 1}`, auditor).expect(400);
      expect((await api.get('/api/log/proofs/inclusion?event=1', operator).expect(403)).body.error.code).toBe('ROLE_NOT_ALLOWED');
      await api.get('/api/log/proofs/inclusion?event=1', viewer).expect(403);
      await api.post('/api/log/checkpoints', {}, auditor).expect(403);
    });
  });
}

logSuite('SQLite', async (dir) => ({ kind: 'sqlite', path: join(dir, 'records.db') }));

describeWithPostgres('PostgreSQL', () => {
  logSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('log_e2e') }));
});
