import { dayInChina } from '@auxledger/application';
import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from './config/api-config';
import { type Api, hireBody, organTree, passedApplication, readSideFor, startApi, tempDir, writePayStandards } from './testing/api-fixture';

/**
 * The read side through HTTP: the embedded projector keeps the read models,
 * each query answers as of a date (and as known at an instant), says the
 * position it reflects, waits for `minPosition`, and refuses malformed
 * parameters with a 400 in both languages — on SQLite and on PostgreSQL.
 */
function querySuite(name: string, open: (dir: string) => Promise<StoreConfig>): void {
  describe(`queries on ${name}`, () => {
    const tmp = tempDir('auxledger-queries-');
    let api: Api;
    let head: number;
    let hiredAt: number;
    const read = (path: string, key?: string) => api.get(path, key);

    beforeAll(async () => {
      api = await startApi(await open(tmp.dir), { parametersFile: writePayStandards(tmp.dir) });
      await organTree(api);
      await api.post('/api/commands/set-quota', { organId: 'saihan', category: null, headcount: 3, documentRef: '内公发〔2024〕14号', setByOrganId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      await passedApplication(api.store, 'app-1', 'pk-1');
      await passedApplication(api.store, 'app-2', 'pk-2');
      await passedApplication(api.store, 'app-3', 'pk-3');
      const hired = await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng')).expect(201);
      hiredAt = Math.max(...hired.body.events.map((e: { globalPosition: number }) => e.globalPosition));
      await api.post('/api/commands/hire', { ...hireBody('aux-2', 'app-2', 'pk-2', 'xincheng'), effectiveDate: '2025-01-02' }).expect(201);
      await api.post('/api/commands/hire', hireBody('aux-3', 'app-3', 'pk-3', 'saihan')).expect(201);
      await api.post('/api/commands/terminate', { auxiliaryId: 'aux-2', personKey: 'pk-2', usingOrganId: 'xincheng', reason: 'MUTUAL_AGREEMENT', ground: { kind: 'LAW', ref: '《劳动合同法》第三十六条' }, effectiveDate: '2025-03-01' }).expect(201);
      // A refusal, recorded for auditors.
      await api.post('/api/commands/hire', hireBody('aux-9', 'app-9', 'pk-9', 'xincheng', 123)).expect((res) => expect(res.status).toBeGreaterThanOrEqual(400));
      head = await api.logHead();
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    it('read-your-writes: minPosition of a command answer waits for the projector; the answer says its position', async () => {
      const res = await read(`/api/roster?organ=xincheng&minPosition=${hiredAt}`).expect(200);
      expect(res.body.asOfPosition).toBeGreaterThanOrEqual(hiredAt);
      expect(res.body.entries.map((e: { auxiliary_id: string }) => e.auxiliary_id)).toContain('aux-1');
    });

    it('GET /api/roster: as of a date — before the hire nobody, after the departure the leaver as DEPARTED; the subtree takes the counties', async () => {
      const before = await read(`/api/roster?organ=xincheng&asOf=2025-01-01&minPosition=${head}`).expect(200);
      expect(before.body).toMatchObject({ organId: 'xincheng', asOf: '2025-01-01', counts: { total: 0 }, entries: [], next: null });
      const january = await read(`/api/roster?organ=xincheng&asOf=2025-01-15&minPosition=${head}`).expect(200);
      expect(january.body.entries.map((e: { auxiliary_id: string; status: string }) => [e.auxiliary_id, e.status])).toEqual([
        ['aux-1', 'ON_PROBATION'],
        ['aux-2', 'ON_PROBATION'],
      ]);
      const march = await read(`/api/roster?organ=xincheng&asOf=2025-03-15&status=DEPARTED&minPosition=${head}`).expect(200);
      expect(march.body.entries.map((e: { auxiliary_id: string }) => e.auxiliary_id)).toEqual(['aux-2']);
      const city = await read(`/api/roster?organ=hohhot&subtree=true&asOf=2025-01-15&category=DUTY&minPosition=${head}`).expect(200);
      expect(city.body.counts).toEqual({ total: 3, byStatus: { ON_PROBATION: 3 }, byCategory: { DUTY: 3 }, byLevel: { L1: 3 }, byOrgan: { xincheng: 2, saihan: 1 } });
      const cityAlone = await read(`/api/roster?organ=hohhot&asOf=2025-01-15&minPosition=${head}`).expect(200);
      expect(cityAlone.body.counts.total).toBe(0);
    });

    it('GET /api/roster: as known at an instant before anything was recorded, nobody', async () => {
      const res = await read(`/api/roster?organ=xincheng&asOf=2025-01-15&knownAt=2025-01-02T09:59:59%2B08:00&minPosition=${head}`).expect(200);
      expect(res.body).toMatchObject({ knownAt: '2025-01-02T01:59:59.000Z', counts: { total: 0 } });
      const now = await read(`/api/roster?organ=xincheng&asOf=2025-01-15&knownAt=2025-01-02T02:00:00Z&minPosition=${head}`).expect(200);
      expect(now.body.counts.total).toBe(2);
    });

    it('GET /api/roster: keyset paging — limit, then the next page from the cursor, then no more', async () => {
      const first = await read(`/api/roster?organ=hohhot&subtree=true&asOf=2025-01-15&limit=2&minPosition=${head}`).expect(200);
      expect(first.body.entries.map((e: { auxiliary_id: string }) => e.auxiliary_id)).toEqual(['aux-1', 'aux-2']);
      expect(first.body.next).toBe('aux-2');
      const second = await read(`/api/roster?organ=hohhot&subtree=true&asOf=2025-01-15&limit=2&cursor=${first.body.next}`).expect(200);
      expect(second.body.entries.map((e: { auxiliary_id: string }) => e.auxiliary_id)).toEqual(['aux-3']);
      expect(second.body.next).toBeNull();
    });

    it('GET /api/people/:id: the file as of a date with its timeline; 404 before the hire', async () => {
      const res = await read(`/api/people/aux-2?asOf=2025-03-15&minPosition=${head}`).expect(200);
      expect(res.body.state).toMatchObject({ auxiliary_id: 'aux-2', person_key: 'pk-2', using_organ_id: 'xincheng', status: 'DEPARTED', departed_on: '2025-03-01' });
      expect(res.body.timeline.map((t: { event_type: string }) => t.event_type)).toEqual(['AuxiliaryHired', 'AuxiliaryTerminated']);
      const january = await read('/api/people/aux-2?asOf=2025-01-15').expect(200);
      expect(january.body.state.status).toBe('ON_PROBATION');
      expect(january.body.timeline).toHaveLength(1);
      const none = await read('/api/people/aux-2?asOf=2025-01-01').expect(404);
      expect(none.body.error).toMatchObject({ code: 'PERSON_NOT_FOUND', message: { zh: expect.any(String), en: expect.any(String) } });
    });

    it('GET /api/quota: per organ and rolled up, as of a date', async () => {
      const res = await read(`/api/quota?organ=hohhot&asOf=2025-01-15&minPosition=${head}`).expect(200);
      const xincheng = res.body.organs.find((o: { organ_id: string }) => o.organ_id === 'xincheng');
      expect(xincheng).toMatchObject({ quota: 5, active_headcount: 2, headroom: 3 });
      expect(res.body.total).toMatchObject({ quota: 8, active_headcount: 3, headroom: 5 });
      const march = await read('/api/quota?organ=xincheng&subtree=false&asOf=2025-03-15').expect(200);
      expect(march.body.organs).toEqual([expect.objectContaining({ organ_id: 'xincheng', active_headcount: 1 })]);
    });

    it('GET /api/audit: accepted and refused, filtered and paged by log position', async () => {
      const refused = await read(`/api/audit?outcome=REFUSED&minPosition=${head}`).expect(200);
      expect(refused.body.entries).toEqual([expect.objectContaining({ outcome: 'REFUSED', command_type: 'Hire', citations: expect.any(Array) })]);
      const hires = await read('/api/audit?organ=xincheng&commandType=Hire&outcome=ACCEPTED&limit=1').expect(200);
      expect(hires.body.entries).toHaveLength(1);
      expect(hires.body.next).toMatch(/^\d+$/);
      const next = await read(`/api/audit?organ=xincheng&commandType=Hire&outcome=ACCEPTED&limit=1&cursor=${hires.body.next}`).expect(200);
      expect(next.body.entries[0].global_position).toBeGreaterThan(hires.body.entries[0].global_position);
      const ofPerson = await read('/api/audit?auxiliary=aux-2').expect(200);
      expect(ofPerson.body.entries.map((e: { event_type: string }) => e.event_type)).toEqual([
        'AuxiliaryHired', 'PersonContractStarted', 'QuotaPlaceTaken', 'ApplicantHired', 'AuxiliaryTerminated', 'PersonContractEnded', 'QuotaPlaceReleased',
      ]);
      expect(ofPerson.body.entries.every((e: { auxiliary_id: string }) => e.auxiliary_id === 'aux-2')).toBe(true);
      const later = await read('/api/audit?effectiveFrom=2025-02-01').expect(200);
      expect(later.body.entries.every((e: { effective_date: string }) => e.effective_date >= '2025-02-01')).toBe(true);
      expect((await read('/api/audit?cursor=abc').expect(400)).body.error.code).toBe('INVALID_CURSOR');
    });

    it('GET /api/supervision: findings with their citations (no pre-job training on record)', async () => {
      const res = await read(`/api/supervision?organ=hohhot&asOf=2025-01-15&kind=PRE_JOB_TRAINING_MISSING&minPosition=${head}`).expect(200);
      const { byKindAge, oldestDays, ...counts } = res.body.counts;
      expect(counts).toEqual({ total: 3, byKind: { PRE_JOB_TRAINING_MISSING: 3 }, byOrgan: { xincheng: 2, saihan: 1 } });
      expect(res.body.findings[0]).toMatchObject({ kind: 'PRE_JOB_TRAINING_MISSING', citation: { zh: expect.stringContaining('第三十五条') } });
      // Ageing: each finding in the bucket of its ageDays, every bucket present; the oldest is the largest ageDays.
      const ages: number[] = res.body.findings.map((f: { ageDays: number }) => f.ageDays);
      const bucket = (d: number) => (d <= 30 ? '0-30' : d <= 90 ? '31-90' : d <= 180 ? '91-180' : d <= 365 ? '181-365' : '366+');
      const expected = { '0-30': 0, '31-90': 0, '91-180': 0, '181-365': 0, '366+': 0 } as Record<string, number>;
      for (const d of ages) expected[bucket(d)] = (expected[bucket(d)] ?? 0) + 1;
      expect(byKindAge).toEqual({ PRE_JOB_TRAINING_MISSING: expected });
      expect(oldestDays).toEqual({ PRE_JOB_TRAINING_MISSING: Math.max(...ages) });
    });

    it('GET /api/organs: the hierarchy in path order; a root narrows it; an unknown root 404', async () => {
      const all = await read(`/api/organs?minPosition=${head}`).expect(200);
      expect(all.body.organs.map((o: { organ_id: string }) => o.organ_id)).toEqual(['nmg', 'hohhot', 'saihan', 'xincheng']);
      const city = await read('/api/organs?root=hohhot').expect(200);
      expect(city.body.organs.map((o: { organ_id: string; depth: number }) => [o.organ_id, o.depth])).toEqual([['hohhot', 1], ['saihan', 2], ['xincheng', 2]]);
      expect((await read('/api/organs?root=nowhere').expect(404)).body.error.code).toBe('ORGAN_NOT_FOUND');
    });

    it('GET /api/recruitment-plans: the plans on a date (none recorded here)', async () => {
      const res = await read(`/api/recruitment-plans?organ=hohhot&subtree=true&status=APPROVED,ANNOUNCED&minPosition=${head}`).expect(200);
      expect(res.body).toMatchObject({ plans: [], asOf: dayInChina(api.clock.now()) });
    });

    it('client mistakes are 400 in both languages, never 5xx: unknown parameters, bad dates and instants, bad paging, a position beyond the log', async () => {
      const cases = [
        '/api/roster?organ=xincheng&colour=red',
        '/api/roster?organ=xincheng&asOf=2025-02-30',
        '/api/roster?organ=xincheng&asOf=yesterday',
        '/api/roster?organ=xincheng&knownAt=2025-01-02',
        '/api/roster?organ=xincheng&knownAt=2025-13-02T00:00:00Z',
        '/api/roster?organ=xincheng&limit=0',
        '/api/roster?organ=xincheng&limit=abc',
        '/api/roster?organ=xincheng&status=ACTIVE,RETIRED',
        '/api/roster?organ=xincheng&organ=saihan',
        '/api/roster',
        '/api/people/aux-1?asOf=2025-1-1',
        '/api/audit?recordedFrom=noon',
        '/api/quota?organ=xincheng&subtree=yes',
        '/api/supervision?organ=xincheng&kind=ALL',
        '/api/organs?minPosition=-1',
      ];
      for (const path of cases) {
        const res = await read(path);
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
        expect(res.body.error.details.fields[0].constraints[0].zh).toBeTruthy();
      }
      const beyond = await read(`/api/organs?minPosition=${head + 1000}`).expect(400);
      expect(beyond.body.error).toMatchObject({ code: 'MIN_POSITION_BEYOND_LOG', details: { minPosition: head + 1000, logHead: head } });
    });

    it('/health/ready reports the read models: position, log head, lag, the projector running', async () => {
      await read(`/api/organs?minPosition=${head}`).expect(200);
      const res = await api.get('/health/ready', null).expect(200);
      expect(res.body.info.readModels).toMatchObject({ status: 'up', projector: 'running', logHead: head, lag: 0, position: head, maxLag: 1000 });
    });
  });
}

querySuite('SQLite', async (dir) => ({ kind: 'sqlite', path: join(dir, 'records.db') }));
describeWithPostgres('PostgreSQL', () => {
  querySuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api') }));
});

describe('the projector as its own process (AUXLEDGER_PROJECTOR=off), and shutdown', () => {
  const tmp = tempDir('auxledger-projector-');
  const store: StoreConfig = { kind: 'sqlite', path: join(tmp.dir, 'records.db') };
  afterAll(() => tmp.remove());

  it('with no read models built: queries answer 503 READ_MODELS_NOT_BUILT, readiness 503', async () => {
    const api = await startApi(store, { readSide: readSideFor(store, { projector: 'off' }) });
    try {
      const res = await api.get('/api/organs').expect(503);
      expect(res.body.error.code).toBe('READ_MODELS_NOT_BUILT');
      const ready = await api.get('/health/ready', null).expect(503);
      expect(ready.body.error.details.error.readModels).toMatchObject({ status: 'down', projector: 'off' });
    } finally {
      await api.close();
    }
  });

  it('acknowledged commands survive a shutdown; a later API without a projector reads what was projected, reports the lag, and minPosition beyond it is 409', async () => {
    const first = await startApi(store, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(first);
    const projected = await first.logHead();
    await first.get(`/api/organs?minPosition=${projected}`).expect(200);
    // Acknowledged, then the process stops at once: the log has them, the projector may not.
    const acknowledged = [];
    for (const organId of ['baotou', 'chifeng']) {
      const res = await first.post('/api/commands/register-organ', { organId, name: organId, level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      acknowledged.push(...res.body.events.map((e: { globalPosition: number }) => e.globalPosition));
    }
    await first.close();

    const off = await startApi(store, { readSide: readSideFor(store, { projector: 'off', minPositionWaitMs: 0, maxLag: 0 }) });
    try {
      // The last command's claim of its id follows its events (ADR 0003).
      expect(await off.logHead()).toBe(Math.max(...acknowledged) + 1);
      // Nobody projects now: this command is in the log only.
      await off.post('/api/commands/register-organ', { organId: 'ordos', name: 'ordos', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      const head = await off.logHead();
      const organs = await off.get('/api/organs').expect(200);
      const position: number = organs.body.asOfPosition;
      expect(position).toBeGreaterThanOrEqual(projected);
      expect(position).toBeLessThan(head);
      expect(organs.body.organs.map((o: { organ_id: string }) => o.organ_id)).not.toContain('ordos');
      const behind = await off.get(`/api/organs?minPosition=${head}`).expect(409);
      expect(behind.body.error).toMatchObject({ code: 'PROJECTION_BEHIND', details: { minPosition: head, asOfPosition: position, logHead: head } });
      const ready = await off.get('/health/ready', null).expect(503);
      expect(ready.body.error.details.error.readModels).toMatchObject({ status: 'down', projector: 'off', lag: head - position, maxLag: 0 });
    } finally {
      await off.close();
    }

    // The projector in the next process catches up: nothing acknowledged is missing.
    const again = await startApi(store);
    try {
      const head = await again.logHead();
      const organs = await again.get(`/api/organs?minPosition=${head}`).expect(200);
      expect(organs.body.organs.map((o: { organ_id: string }) => o.organ_id)).toEqual(expect.arrayContaining(['baotou', 'chifeng', 'ordos']));
      await again.get('/health/ready', null).expect(200);
    } finally {
      await again.close();
    }
  });
});
