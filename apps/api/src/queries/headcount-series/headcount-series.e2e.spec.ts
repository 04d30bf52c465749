import { join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../../config/api-config';
import { type Api, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';
import { seriesDates } from './headcount-series.query';

type Counts = { total: number; byStatus: Record<string, number>; byCategory: Record<string, number> };
type Point = Counts & { month: string; date: string; inService: number };

/** Each point of the series is what the roster counts on its date. */
async function expectPointsEqualRosters(api: Api, organ: string, points: Point[], key?: string): Promise<void> {
  for (const point of points) {
    const roster = await api.get(`/api/roster?organ=${organ}&subtree=true&asOf=${point.date}`, key).expect(200);
    const counts = roster.body.counts as Counts;
    expect({ date: point.date, total: point.total, byStatus: point.byStatus, byCategory: point.byCategory }).toEqual({
      date: point.date, total: counts.total, byStatus: counts.byStatus, byCategory: counts.byCategory,
    });
    expect(point.inService).toBe(counts.total - (counts.byStatus['DEPARTED'] ?? 0));
  }
}

describe('seriesDates', () => {
  it('the last day of each month, the as-of date last; across a year end and a leap February', () => {
    expect(seriesDates('2025-03-15', 4)).toEqual(['2024-12-31', '2025-01-31', '2025-02-28', '2025-03-15']);
    expect(seriesDates('2024-03-01', 2)).toEqual(['2024-02-29', '2024-03-01']);
    expect(seriesDates('2025-01-31', 1)).toEqual(['2025-01-31']);
  });
});

function seriesSuite(name: string, open: (dir: string) => Promise<StoreConfig>): void {
  describe(`GET /api/headcount-series on ${name}`, () => {
    const tmp = tempDir('auxledger-series-');
    let api: Api;
    let head: number;

    beforeAll(async () => {
      api = await startApi(await open(tmp.dir), { parametersFile: writePayStandards(tmp.dir) });
      await organTree(api);
      await api.post('/api/commands/set-quota', { organId: 'saihan', category: null, headcount: 3, documentRef: '内公发〔2024〕14号', setByOrganId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
      await passedApplication(api.store, 'app-1', 'pk-1');
      await passedApplication(api.store, 'app-2', 'pk-2');
      await passedApplication(api.store, 'app-3', 'pk-3');
      await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng')).expect(201);
      await api.post('/api/commands/hire', { ...hireBody('aux-2', 'app-2', 'pk-2', 'xincheng'), effectiveDate: '2025-01-02' }).expect(201);
      await api.post('/api/commands/hire', hireBody('aux-3', 'app-3', 'pk-3', 'saihan')).expect(201);
      await api.post('/api/commands/terminate', { auxiliaryId: 'aux-2', personKey: 'pk-2', usingOrganId: 'xincheng', reason: 'MUTUAL_AGREEMENT', ground: { kind: 'LAW', ref: '《劳动合同法》第三十六条' }, effectiveDate: '2025-03-01' }).expect(201);
      await api.post('/api/commands/discipline', { auxiliaryId: 'aux-3', disciplineId: 'd-1', misconduct: 'OTHER', description: '迟到', sanction: 'WARNING', decidingOrganId: 'saihan', effectiveDate: '2025-02-10' }).expect(201);
      head = await api.logHead();
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    it('the counts at each month end: nobody before the hires, three from January, one departed from March', async () => {
      const res = await api.get(`/api/headcount-series?organ=nmg&asOf=2025-04-10&months=6&minPosition=${head}`).expect(200);
      expect(res.body).toMatchObject({ organId: 'nmg', subtree: true, asOf: '2025-04-10', knownAt: null });
      expect(res.body.asOfPosition).toBeGreaterThanOrEqual(head);
      expect(res.body.points.map((p: Point) => [p.date, p.total, p.inService])).toEqual([
        ['2024-11-30', 0, 0],
        ['2024-12-31', 0, 0],
        ['2025-01-31', 3, 3],
        ['2025-02-28', 3, 3],
        ['2025-03-31', 3, 2],
        ['2025-04-10', 3, 2],
      ]);
      expect(res.body.points[4]).toMatchObject({ month: '2025-03', byStatus: { ON_PROBATION: 2, DEPARTED: 1 }, byCategory: { DUTY: 3 }, departuresByReason: { MUTUAL_AGREEMENT: 1 } });
      expect(res.body.points[5].departuresByReason).toEqual({});
      // The warning of 10 February in February's point alone; a city that does not use the person has none.
      expect(res.body.points.map((p: { sanctionsByKind: Record<string, number> }) => p.sanctionsByKind)).toEqual([{}, {}, {}, { WARNING: 1 }, {}, {}]);
      const other = await api.get(`/api/headcount-series?organ=xincheng&asOf=2025-04-10&months=6`).expect(200);
      expect(other.body.points.every((p: { sanctionsByKind: Record<string, number> }) => Object.keys(p.sanctionsByKind).length === 0)).toBe(true);
      await expectPointsEqualRosters(api, 'nmg', res.body.points);
    });

    it('subtree=false counts the organ alone; a county counts its own', async () => {
      const alone = await api.get(`/api/headcount-series?organ=hohhot&subtree=false&asOf=2025-02-01&months=2`).expect(200);
      expect(alone.body.points.map((p: Point) => p.total)).toEqual([0, 0]);
      const county = await api.get(`/api/headcount-series?organ=saihan&asOf=2025-02-01&months=2`).expect(200);
      expect(county.body.points.map((p: Point) => p.total)).toEqual([1, 1]);
    });

    it('as known at an instant before anything was recorded: nobody', async () => {
      const res = await api.get(`/api/headcount-series?organ=nmg&asOf=2025-02-01&months=2&knownAt=2025-01-02T09:59:59%2B08:00`).expect(200);
      expect(res.body.knownAt).toBe('2025-01-02T01:59:59.000Z');
      expect(res.body.points.map((p: Point) => p.total)).toEqual([0, 0]);
    });

    it('a viewer gets the series (counts only); an operator of another organ 403; bad months 400', async () => {
      const viewer = await keyFor(api, 'viewer');
      const res = await api.get(`/api/headcount-series?organ=nmg&asOf=2025-04-10&months=3`, viewer.key).expect(200);
      expect(res.body.points).toHaveLength(3);
      const other = await keyFor(api, 'operator', ['saihan']);
      await api.get(`/api/headcount-series?organ=xincheng&months=3`, other.key).expect(403);
      for (const months of ['0', '121', '1.5', 'x']) {
        const bad = await api.get(`/api/headcount-series?organ=nmg&months=${months}`).expect(400);
        expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      }
      await api.get(`/api/headcount-series?months=3`).expect(400);
    });
  });
}

seriesSuite('SQLite', async (dir) => ({ kind: 'sqlite', path: join(dir, 'records.db') }));
describeWithPostgres('headcount series', () => {
  seriesSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('series') }));
});

describe('GET /api/headcount-series on a generated history', () => {
  const tmp = tempDir('auxledger-series-history-');
  let api: Api;

  beforeAll(async () => {
    const path = join(tmp.dir, 'records.db');
    const store = new SqliteEventStore({ path });
    // 3 000 events: the first departures fall in 2025.
    await generateHistory(store, { seed: 11, events: 3000, organs: loadRegionOrgans() });
    await store.close();
    api = await startApi({ kind: 'sqlite', path });
    // The projector catches up on the whole history first (on a loaded machine, longer than one minPosition wait).
    const head = await api.logHead();
    for (let tries = 0; (await api.get(`/api/organs?minPosition=${head}`)).status !== 200; tries++) if (tries > 60) throw new Error('the projector did not catch up');
  }, 240_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('every month end of 24 equals the roster counted on that date, for the region and for a city', async () => {
    const head = await api.logHead();
    const region = await api.get(`/api/headcount-series?organ=nmg&asOf=2025-12-15&months=24&minPosition=${head}`).expect(200);
    expect(region.body.points).toHaveLength(24);
    expect(Math.max(...region.body.points.map((p: Point) => p.inService))).toBeGreaterThan(0);
    await expectPointsEqualRosters(api, 'nmg', region.body.points);
    const city = await api.get(`/api/headcount-series?organ=hohhot&asOf=2025-12-15&months=24`).expect(200);
    await expectPointsEqualRosters(api, 'hohhot', city.body.points);
    // Each month's departures by reason: the roster's leavers whose departure falls in it.
    const leavers = await api.get(`/api/roster?organ=nmg&subtree=true&asOf=2025-12-15&status=DEPARTED&limit=1000`).expect(200);
    const expected: Record<string, Record<string, number>> = {};
    for (const e of leavers.body.entries as Array<{ departed_on: string; departure_reason: string }>) {
      const month = (expected[e.departed_on.slice(0, 7)] ??= {});
      month[e.departure_reason] = (month[e.departure_reason] ?? 0) + 1;
    }
    const shown = Object.fromEntries(
      (region.body.points as Array<Point & { departuresByReason: Record<string, number> }>).filter((p) => Object.keys(p.departuresByReason).length > 0).map((p) => [p.month, p.departuresByReason]),
    );
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(shown).toEqual(Object.fromEntries(Object.entries(expected).filter(([month]) => month >= (region.body.points[0] as Point).month)));
  }, 60_000);
});
