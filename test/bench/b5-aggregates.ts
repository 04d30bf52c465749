import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { OPEN_KNOWN_TO, SqliteReadModelStore } from '@auxledger/projection-engine';
import {
  applicationCounts,
  applicationsOf,
  organHierarchy,
  organScope,
  personFileModel,
  quotaUseOf,
  recruitmentPlan,
  roster,
  rosterCounts,
  rosterOf,
  rosterStatusesOf,
  supervisionFindings,
} from '@auxledger/read-models';
import { demoRegistry } from '@auxledger/history';
import { percentile } from './measure';
import type { Row } from './measure';

/**
 * B5, the dashboard's aggregate queries on the read models B4 rebuilt from
 * the large history (issue 12): every read the dashboard's views make
 * through the API (apps/web/src/plan.ts), as the API's query handlers make
 * them — the roster's counts (`rosterCounts`; and every row, as an
 * operator's page reads them), the headcount series' two reads (the roster's
 * versions in a 24-month window and the person files' sanctions as of the
 * date; its counting per month is left out), quota use (`quotaUseOf`),
 * supervision findings, compliance (the roster and the findings together),
 * the recruitment plans and the applications board's counts (and an
 * operator's page) — for the region with
 * its whole tree and for a 盟市 organ and its subtree, on past dates drawn
 * with a fixed seed, beside a point lookup by primary key in the same store.
 */
export async function benchAggregates(readModelsPath: string, events: number, queries = Number(process.env['AUXLEDGER_BENCH_AGGREGATE_QUERIES'] ?? 40)): Promise<{ rows: Row[]; notes: string[] }> {
  const raw = new Database(readModelsPath, { readonly: true });
  const span = raw.prepare(`SELECT MIN(valid_from) AS first, MAX(valid_from) AS last FROM roster WHERE known_to = '${OPEN_KNOWN_TO}'`).get() as { first: string; last: string };
  raw.close();
  const store = new SqliteReadModelStore({ path: readModelsPath });
  // The rules the generated history was judged by (its pay standards and health-check interval).
  const registry = demoRegistry();
  const headcount = async (organ: string, asOf: string) => {
    const first = new Date(Date.parse(`${asOf}T00:00:00Z`) - 730 * 86_400_000).toISOString().slice(0, 10);
    const organs = await organScope(store, organ, true);
    await store.list(roster, {
      where: { using_organ_id: organs, valid_from: { lte: asOf }, valid_to: { gt: first }, known_to: OPEN_KNOWN_TO },
      orderBy: ['valid_from'],
      columns: ['valid_from', 'valid_to', 'status', 'probation_last_day', 'category', 'departed_on', 'departure_reason'],
    });
    await store.asOf(personFileModel, asOf, { where: { using_organ_id: organs }, columns: ['sanctions'] });
  };
  // The dashboard signs in with a viewer key: the roster and the applications board answer their counts; an operator's page beside them.
  const QUERIES: Record<string, (organ: string, asOf: string) => Promise<unknown>> = {
    'roster counts': (organ, asOf) => rosterCounts(store, organ, { asOf, includeSubtree: true }),
    "roster, every row (an operator's)": (organ, asOf) => rosterOf(store, organ, { asOf, includeSubtree: true }),
    "headcount series' reads, 24 months": headcount,
    'quota use': (organ, asOf) => quotaUseOf(store, organ, { asOf, includeSubtree: true }),
    'supervision findings': (organId, asOf) => supervisionFindings(store, { organId, asOf, includeSubtree: true, registry }),
    compliance: (organId, asOf) =>
      Promise.all([rosterStatusesOf(store, organId, { asOf, includeSubtree: true }), supervisionFindings(store, { organId, asOf, includeSubtree: true, registry })]),
    'recruitment plans': async (organ, asOf) => store.asOf(recruitmentPlan, asOf, { where: { drafting_organ_id: await organScope(store, organ, true) } }),
    'applications board counts': (organ, asOf) => applicationCounts(store, organ, { asOf, includeSubtree: true }),
    "applications board, one page (an operator's)": (organ, asOf) => applicationsOf(store, organ, { asOf, includeSubtree: true, limit: 51 }),
  };
  const scopes = ['region', 'city'] as const;
  const times = new Map<string, number[]>();
  // This process's CPU time per query beside its wall time: on a loaded machine the wall time is mostly waiting for a core.
  const cpuTimes = new Map<string, number[]>();
  const lookup: number[] = [];
  try {
    const cities = ((await store.list(organHierarchy, {})) as Array<{ organ_id: string; parent_id: string | null; level?: string }>).filter((o) => o.parent_id === 'nmg').map((o) => o.organ_id).sort();
    if (cities.length === 0) throw new Error('B5 aggregates: no 盟市 organs in the read models');
    let seed = 12;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const firstDay = Date.parse(`${span.first}T00:00:00Z`) / 86_400_000;
    const lastDay = Date.parse(`${span.last}T00:00:00Z`) / 86_400_000;
    const samples = Array.from({ length: queries }, () => ({
      city: cities[Math.floor(next() * cities.length)] as string,
      date: new Date(Math.round(firstDay + next() * (lastDay - firstDay)) * 86_400_000).toISOString().slice(0, 10),
    }));
    const timed = async (key: string, run: () => Promise<unknown>) => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      await run();
      const used = process.cpuUsage(cpu);
      times.set(key, [...(times.get(key) ?? []), performance.now() - t]);
      cpuTimes.set(key, [...(cpuTimes.get(key) ?? []), (used.user + used.system) / 1000]);
    };
    // Warm once, as a running API would be.
    await quotaUseOf(store, 'nmg', { asOf: span.last, includeSubtree: true });
    for (const s of samples) {
      for (const scope of scopes) {
        const organ = scope === 'region' ? 'nmg' : s.city;
        for (const [name, query] of Object.entries(QUERIES)) await timed(`${name}|${scope}`, () => query(organ, s.date));
      }
      const t = performance.now();
      await store.get(organHierarchy, s.city);
      lookup.push(performance.now() - t);
    }
  } finally {
    await store.close();
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const base = { label: 'point lookup by primary key (organ_hierarchy)', rate: 1000 / mean(lookup), p50: percentile(lookup, 50), p99: percentile(lookup, 99) };
  const where = { region: 'the region (内蒙古自治区公安厅) and its whole tree', city: 'a 盟市 and its subtree' };
  const rows: Row[] = [];
  for (const name of Object.keys(QUERIES)) {
    for (const scope of scopes) {
      const latencies = times.get(`${name}|${scope}`) ?? [];
      rows.push({
        id: 'B5',
        scenario: `${name} (${where[scope]} as of a past date, ${events.toLocaleString('en-US')} events)`,
        rate: 1000 / mean(latencies),
        unit: 'queries/s',
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        baseline: base,
      });
    }
  }
  const cpu = [...cpuTimes].map(([key, xs]) => `${key.replace('|', ', ')} ${percentile(xs, 50).toFixed(1)}/${percentile(xs, 99).toFixed(1)}`);
  return {
    rows,
    notes: [
      `B5 aggregates: ${queries} of each query for each scope (AUXLEDGER_BENCH_AGGREGATE_QUERIES), as the dashboard's views ask them (subtree on), 盟市 organs and dates ${span.first} … ${span.last} drawn with a fixed seed.`,
      `B5 aggregates, this process's CPU ms per query (p50/p99): ${cpu.join('; ')}.`,
    ],
  };
}
