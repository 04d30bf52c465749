import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { OPEN_KNOWN_TO, SqliteReadModelStore } from '@auxledger/projection-engine';
import { applicationsOf, organHierarchy, organScope, personFileModel, quotaUseOf, roster, supervisionFindings } from '@auxledger/read-models';
import { percentile } from './measure';
import type { Row } from './measure';

/**
 * B5, the dashboard's aggregate queries on the read models B4 rebuilt from
 * the large history (issue 12): quota use (`quotaUseOf`), supervision findings
 * (`supervisionFindings`), the applications board (`applicationsOf`) and the
 * headcount series' two reads (the roster's versions in a 24-month window and
 * the person files as of the date, as GET /api/headcount-series makes them;
 * its counting per month is left out) — for a 盟市 organ and its subtree on a
 * past date, the organs and dates drawn with a fixed seed, beside a point
 * lookup by primary key in the same store.
 */
export async function benchAggregates(readModelsPath: string, events: number, queries = Number(process.env['AUXLEDGER_BENCH_AGGREGATE_QUERIES'] ?? 40)): Promise<{ rows: Row[]; notes: string[] }> {
  const raw = new Database(readModelsPath, { readonly: true });
  const span = raw.prepare(`SELECT MIN(valid_from) AS first, MAX(valid_from) AS last FROM roster WHERE known_to = '${OPEN_KNOWN_TO}'`).get() as { first: string; last: string };
  raw.close();
  const store = new SqliteReadModelStore({ path: readModelsPath });
  const times: Record<'quota' | 'supervision' | 'applications' | 'headcount' | 'lookup', number[]> = { quota: [], supervision: [], applications: [], headcount: [], lookup: [] };
  try {
    const cities = ((await store.list(organHierarchy, {})) as Array<{ organ_id: string; parent_id: string | null; level?: string }>).filter((o) => o.parent_id === 'nmg').map((o) => o.organ_id).sort();
    if (cities.length === 0) throw new Error('B5 aggregates: no 盟市 organs in the read models');
    let seed = 12;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const firstDay = Date.parse(`${span.first}T00:00:00Z`) / 86_400_000;
    const lastDay = Date.parse(`${span.last}T00:00:00Z`) / 86_400_000;
    const samples = Array.from({ length: queries }, () => ({
      organ: cities[Math.floor(next() * cities.length)] as string,
      date: new Date(Math.round(firstDay + next() * (lastDay - firstDay)) * 86_400_000).toISOString().slice(0, 10),
    }));
    const headcount = async (organ: string, asOf: string) => {
      const first = new Date(Date.parse(`${asOf}T00:00:00Z`) - 730 * 86_400_000).toISOString().slice(0, 10);
      const organs = await organScope(store, organ, true);
      await store.list(roster, { where: { using_organ_id: organs, valid_from: { lte: asOf }, valid_to: { gt: first }, known_to: OPEN_KNOWN_TO }, orderBy: ['valid_from'] });
      await store.asOf(personFileModel, asOf, { where: { using_organ_id: organs } });
    };
    const timed = async (into: number[], run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      into.push(performance.now() - t);
    };
    // Warm once, as a running API would be.
    await quotaUseOf(store, 'nmg', { asOf: span.last, includeSubtree: true });
    for (const s of samples) {
      await timed(times.quota, () => quotaUseOf(store, s.organ, { asOf: s.date, includeSubtree: true }));
      await timed(times.supervision, () => supervisionFindings(store, { organId: s.organ, asOf: s.date, includeSubtree: true }));
      await timed(times.applications, () => applicationsOf(store, s.organ, { asOf: s.date, includeSubtree: true }));
      await timed(times.headcount, () => headcount(s.organ, s.date));
      await timed(times.lookup, () => store.get(organHierarchy, s.organ));
    }
  } finally {
    await store.close();
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const base = { label: 'point lookup by primary key (organ_hierarchy)', rate: 1000 / mean(times.lookup), p50: percentile(times.lookup, 50), p99: percentile(times.lookup, 99) };
  const row = (scenario: string, latencies: number[]): Row => ({ id: 'B5', scenario, rate: 1000 / mean(latencies), unit: 'queries/s', p50: percentile(latencies, 50), p99: percentile(latencies, 99), baseline: base });
  const at = `a 盟市 and its subtree as of a past date, ${events.toLocaleString('en-US')} events`;
  return {
    rows: [
      row(`quota use (${at})`, times.quota),
      row(`supervision findings (${at})`, times.supervision),
      row(`applications board (${at})`, times.applications),
      row(`headcount series' reads, 24 months (${at})`, times.headcount),
    ],
    notes: [`B5 aggregates: ${queries} of each query (AUXLEDGER_BENCH_AGGREGATE_QUERIES), 盟市 organs and dates ${span.first} … ${span.last} drawn with a fixed seed.`],
  };
}
