import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { type Api, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/**
 * The auditor's view of the log over HTTP: the stream browser (find a
 * stream by prefix, read its events in order with metadata, actor, rule set,
 * dates, position and hash chain; health data withheld) and the verification
 * state (a verification the API runs and records, the latest checkpoint).
 */
function auditSuite(name: string, open: (dir: string) => Promise<StoreConfig>): void {
  describe(`the stream browser and the verification state on ${name}`, () => {
    const tmp = tempDir('auxledger-streams-');
    let api: Api;
    let auditor: { id: string; key: string };
    let operator: string;
    let viewer: string;

    beforeAll(async () => {
      api = await startApi(await open(tmp.dir), {
        parametersFile: writePayStandards(tmp.dir),
        signing: { keyPath: join(tmp.dir, 'keys', 'test.signing.key'), origin: 'auxledger.test/e2e', everyEvents: 1000, everyMinutes: 60 },
      });
      await organTree(api);
      await passedApplication(api.store, 'app-9', 'pk-9', ['xincheng']);
      await api.post('/api/commands/hire', hireBody('aux-9', 'app-9', 'pk-9', 'xincheng')).expect(201);
      await api
        .post('/api/commands/record-injury', {
          auxiliaryId: 'aux-9', injuryId: 'inj-1', kind: 'INJURY', occurredOn: '2025-01-10', determinationRef: '工伤认定-1', legalBasis: 'WORK_INJURY', medicalDetails: '左臂骨折', effectiveDate: '2025-01-20',
        })
        .expect(201);
      auditor = await keyFor(api, 'auditor');
      operator = (await keyFor(api, 'operator', ['xincheng'])).key;
      viewer = (await keyFor(api, 'viewer')).key;
    }, 60_000);
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    it('GET /api/streams: streams by id prefix, each with its kind, count and last event; keyset paging', async () => {
      const head = await api.logHead();
      const res = await api.get(`/api/streams?prefix=organ-&minPosition=${head}`, auditor.key).expect(200);
      expect(res.body.streams.map((s: { streamId: string }) => s.streamId)).toEqual(['organ-hohhot', 'organ-nmg', 'organ-saihan', 'organ-xincheng']);
      expect(res.body.streams[3]).toMatchObject({ streamType: 'organ', events: expect.any(Number), lastType: expect.any(String), lastPosition: expect.any(Number), firstRecordedAt: expect.any(String) });
      const aux = await api.get(`/api/streams?prefix=auxiliary-aux-9&minPosition=${head}`, auditor.key).expect(200);
      const last = (await api.store.readStream('auxiliary-aux-9')).at(-1);
      expect(aux.body.streams).toEqual([
        { streamId: 'auxiliary-aux-9', streamType: 'auxiliary', events: 3, lastRevision: 2, lastType: 'InjuryMedicalDetailsRecorded', lastPosition: last?.globalPosition, firstRecordedAt: '2025-01-02T02:00:00.000Z', lastRecordedAt: '2025-01-20T02:00:00.000Z' },
      ]);
      const first = await api.get('/api/streams?prefix=organ-&limit=3', auditor.key).expect(200);
      expect(first.body.next).toBe('organ-saihan');
      const rest = await api.get(`/api/streams?prefix=organ-&limit=3&cursor=${first.body.next}`, auditor.key).expect(200);
      expect(rest.body).toMatchObject({ streams: [{ streamId: 'organ-xincheng' }], next: null });
      const all = await api.get('/api/streams?limit=1000').expect(200);
      expect(all.body.streams.length).toBeGreaterThanOrEqual(8);
    });

    it('GET /api/streams/:streamId/events: the events in order with metadata, actor, rule set, dates, position and the hash chain; health data, free text and dates of birth withheld', async () => {
      const res = await api.get('/api/streams/auxiliary-aux-9/events', auditor.key).expect(200);
      const stored = await api.store.readStream('auxiliary-aux-9');
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['AuxiliaryHired', 'InjuryRecorded', 'InjuryMedicalDetailsRecorded']);
      res.body.events.forEach((e: Record<string, unknown>, i: number) => {
        const s = stored[i];
        if (!s) throw new Error('stored');
        expect(e).toMatchObject({
          eventId: s.eventId, streamRevision: i, globalPosition: s.globalPosition, commandId: s.metadata.commandId, effectiveDate: s.metadata.effectiveDate,
          recordedAt: s.metadata.recordedAt, ruleSetRevision: s.metadata.ruleSetRevision, hash: s.metadata.hash, prevHash: s.metadata.prevHash,
          actor: { id: expect.any(String), role: 'admin', organId: null },
        });
      });
      expect(res.body.events[1].prevHash).toBe(res.body.events[0].hash);
      expect(res.body.events[0].ruleSetRevision).toEqual(expect.any(String));
      // Sealed under the person's key since ADR 0006 (schema version 2): the ciphertext withheld too.
      expect(res.body.events[2]).toMatchObject({ schemaVersion: 2, withheld: ['sealed'], data: { injuryId: 'inj-1', sealed: null } });
      expect(res.text).not.toContain('左臂骨折');
      const application = await api.get('/api/streams/application-app-9/events', auditor.key).expect(200);
      expect(application.body.events[0]).toMatchObject({ type: 'ApplicationRegistered', withheld: ['applicant.birthDate'], data: { applicant: { birthDate: null, nationality: 'CN' }, personKey: 'pk-9' } });
      expect(application.text).not.toContain('2000-05-17');
      expect(application.body.events.at(-1)).toMatchObject({ type: 'ApplicantHired', data: { auxiliaryId: 'aux-9' }, withheld: [] });
      const page = await api.get('/api/streams/auxiliary-aux-9/events?limit=2', auditor.key).expect(200);
      expect(page.body.next).toBe(2);
      const last = await api.get('/api/streams/auxiliary-aux-9/events?fromRevision=2&limit=2', auditor.key).expect(200);
      expect(last.body).toMatchObject({ next: null, events: [{ streamRevision: 2 }] });
      expect((await api.get('/api/streams/auxiliary-aux-9/events?fromRevision=9', auditor.key).expect(200)).body.events).toEqual([]);
    });

    it('refuses in both languages: an unknown stream 404, malformed parameters 400; operators and viewers 403', async () => {
      const missing = await api.get('/api/streams/auxiliary-nobody/events', auditor.key).expect(404);
      expect(missing.body.error).toMatchObject({ code: 'STREAM_NOT_FOUND', message: { zh: expect.any(String), en: expect.any(String) } });
      for (const path of ['/api/streams/a%20b/events', '/api/streams/auxiliary-aux-9/events?fromRevision=-1', '/api/streams?prefix=%25', '/api/streams?limit=0', '/api/streams?offset=1']) {
        const res = await api.get(path, auditor.key).expect(400);
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: { zh: expect.any(String), en: expect.any(String) } });
      }
      for (const key of [operator, viewer]) {
        for (const path of ['/api/streams', '/api/streams/auxiliary-aux-9/events', '/api/log/verification']) {
          expect((await api.get(path, key).expect(403)).body.error.code).toBe('ROLE_NOT_ALLOWED');
        }
        await api.post('/api/log/verify', {}, key).expect(403);
      }
    });

    it('POST /api/log/verify verifies the chain, the Merkle tree and the latest signed checkpoint, and records the run; GET /api/log/verification answers it with the checkpoint', async () => {
      const before = await api.get('/api/log/verification', auditor.key).expect(200);
      expect(before.body.lastRun).toBeNull();
      const signed = await api.post('/api/log/checkpoints', {}).expect(201);
      const head = await api.logHead();
      const run = await api.post('/api/log/verify', {}, auditor.key).expect(201);
      expect(run.body).toMatchObject({
        ok: true, headPosition: head, eventsChecked: head, treeSize: head, rootHash: signed.body.rootHash, problems: [],
        by: { keyId: auditor.id, role: 'auditor' }, againstCheckpoint: { treeSize: signed.body.treeSize, rootHash: signed.body.rootHash, matches: true },
      });
      const state = await api.get('/api/log/verification', auditor.key).expect(200);
      expect(state.body).toEqual({ lastRun: run.body, checkpoint: { treeSize: signed.body.treeSize, rootHash: signed.body.rootHash, signedAt: signed.body.signedAt } });
      // A second run by the admin is the last one now.
      const again = await api.post('/api/log/verify', {}).expect(201);
      expect((await api.get('/api/log/verification').expect(200)).body.lastRun).toMatchObject({ id: again.body.id, by: { role: 'admin' } });
    });

    it('the OpenAPI document declares the stream browser and verification with their parameters', async () => {
      const doc = (await api.get('/api/docs-json', null).expect(200)).body;
      const names = (path: string) => ((doc.paths[path].get.parameters ?? []) as Array<{ name: string }>).map((p) => p.name).sort();
      expect(names('/api/streams')).toEqual(['cursor', 'limit', 'minPosition', 'prefix']);
      expect(names('/api/streams/{streamId}/events')).toEqual(['fromRevision', 'limit', 'streamId']);
      expect(doc.paths['/api/log/verification'].get.operationId).toBe('logVerification');
      expect(doc.paths['/api/log/verify'].post.operationId).toBe('verifyLog');
    });
  });
}

auditSuite('SQLite', async (dir) => ({ kind: 'sqlite', path: join(dir, 'records.db') }));

describeWithPostgres('PostgreSQL', () => {
  auditSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('streams_e2e') }));
});
