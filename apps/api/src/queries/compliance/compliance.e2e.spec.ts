import { join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { type Api, keyFor, startApi, tempDir } from '../../testing/api-fixture';
import { COMPLIANCE_MEASURES } from './compliance.query';

type Rate = { kind: string; population: string; people: number; withFinding: number; compliant: number; rate: number | null };

/** GET /api/compliance on a generated history: each rate recounted from the roster's people and the supervision findings' subjects. */
describe('GET /api/compliance on a generated history', () => {
  const tmp = tempDir('auxledger-compliance-');
  let api: Api;

  beforeAll(async () => {
    const path = join(tmp.dir, 'records.db');
    const store = new SqliteEventStore({ path });
    await generateHistory(store, { seed: 11, events: 3000, organs: loadRegionOrgans() });
    await store.close();
    api = await startApi({ kind: 'sqlite', path });
    await api.get(`/api/organs?minPosition=${await api.logHead()}`).expect(200);
  }, 120_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it.each([
    ['nmg', '2025-12-15'],
    ['nmg', '2025-03-31'],
    ['hohhot', '2025-12-15'],
  ])('%s as of %s: each person once, in service or departed, as the roster and the findings say', async (organ, asOf) => {
    const [answer, roster, supervision] = await Promise.all([
      api.get(`/api/compliance?organ=${organ}&asOf=${asOf}`).expect(200),
      api.get(`/api/roster?organ=${organ}&subtree=true&asOf=${asOf}&limit=1000`).expect(200),
      api.get(`/api/supervision?organ=${organ}&asOf=${asOf}`).expect(200),
    ]);
    const entries = roster.body.entries as Array<{ auxiliary_id: string; status: string }>;
    expect(roster.body.next).toBeNull();
    const inService = new Set(entries.filter((e) => e.status !== 'DEPARTED').map((e) => e.auxiliary_id));
    const departed = new Set(entries.filter((e) => e.status === 'DEPARTED').map((e) => e.auxiliary_id));
    const findings = supervision.body.findings as Array<{ kind: string; subject: { kind: string; id: string } }>;
    expect(answer.body).toMatchObject({ organId: organ, subtree: true, asOf, inService: inService.size, departed: departed.size });
    expect(answer.body.rates.map((r: Rate) => r.kind)).toEqual(COMPLIANCE_MEASURES.map((m) => m.kind));
    for (const r of answer.body.rates as Rate[]) {
      const of = r.population === 'DEPARTED' ? departed : inService;
      const withFinding = new Set(findings.filter((f) => f.kind === r.kind && of.has(f.subject.id)).map((f) => f.subject.id)).size;
      expect(r).toEqual({
        kind: r.kind,
        population: r.population,
        people: of.size,
        withFinding,
        compliant: of.size - withFinding,
        rate: of.size === 0 ? null : Math.round(((of.size - withFinding) / of.size) * 10_000) / 10_000,
      });
    }
  });

  it('the region has people to measure and some finding among them', async () => {
    const res = await api.get('/api/compliance?organ=nmg&asOf=2025-12-15').expect(200);
    expect(res.body.inService).toBeGreaterThan(0);
    expect(res.body.rates.some((r: Rate) => r.withFinding > 0)).toBe(true);
  });

  it('a viewer reads it (counts only); an operator of another organ 403; organ required', async () => {
    const viewer = await keyFor(api, 'viewer');
    await api.get('/api/compliance?organ=nmg&asOf=2025-12-15', viewer.key).expect(200);
    const other = await keyFor(api, 'operator', ['baotou']);
    await api.get('/api/compliance?organ=hohhot', other.key).expect(403);
    expect((await api.get('/api/compliance').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });
});
