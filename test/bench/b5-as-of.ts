import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Prng } from '@auxledger/history';
import { SqliteReadModelStore } from '@auxledger/projection-engine';
import { organHierarchy, personFileModel, rosterOf } from '@auxledger/read-models';
import { percentile } from './measure';
import type { Row } from './measure';

/**
 * B5: as-of queries on the read models B4 rebuilt from the large history —
 * one organ's roster on a past date (`rosterOf`, the organ alone) and one
 * auxiliary's record on a past date (`person_file` as of the date) — beside a
 * point lookup by primary key in the same store (`organ_hierarchy` by id), in
 * alternating order so that each sees the same machine. Organs, auxiliaries
 * and dates are drawn with a fixed seed. Also prints each query's plan
 * (EXPLAIN QUERY PLAN): it must use an index, never scan the table.
 */
export async function benchAsOf(readModelsPath: string, events: number, queries = Number(process.env['AUXLEDGER_BENCH_QUERIES'] ?? 400)): Promise<{ rows: Row[]; notes: string[] }> {
  const raw = new Database(readModelsPath, { readonly: true });
  const organs = (raw.prepare('SELECT DISTINCT using_organ_id AS id FROM roster ORDER BY 1').all() as Array<{ id: string }>).map((r) => r.id);
  const auxiliaries = (raw.prepare("SELECT DISTINCT auxiliary_id AS id FROM roster WHERE known_to = 'infinity' ORDER BY 1").all() as Array<{ id: string }>).map((r) => r.id);
  const span = raw.prepare("SELECT MIN(valid_from) AS first, MAX(valid_from) AS last FROM roster WHERE known_to = 'infinity'").get() as { first: string; last: string };
  if (organs.length === 0 || auxiliaries.length === 0) throw new Error('B5: the read models hold no roster');
  const rng = new Prng(5);
  const firstDay = Date.parse(`${span.first}T00:00:00Z`) / 86_400_000;
  const lastDay = Date.parse(`${span.last}T00:00:00Z`) / 86_400_000;
  const dateAt = () => new Date(rng.int(firstDay, lastDay) * 86_400_000).toISOString().slice(0, 10);
  const samples = Array.from({ length: queries }, () => ({
    organ: organs[rng.int(0, organs.length - 1)] as string,
    auxiliary: auxiliaries[rng.int(0, auxiliaries.length - 1)] as string,
    date: dateAt(),
  }));

  const notes: string[] = [];
  const plans: Array<[string, string, unknown[]]> = [
    ['roster of an organ as of D', `SELECT * FROM roster WHERE using_organ_id IN (?) AND valid_from <= ? AND ? < valid_to AND known_to = 'infinity' ORDER BY auxiliary_id`, [samples[0]?.organ, span.last, span.last]],
    ['person as of D', `SELECT * FROM person_file WHERE auxiliary_id = ? AND valid_from <= ? AND ? < valid_to AND known_to = 'infinity' ORDER BY auxiliary_id`, [samples[0]?.auxiliary, span.last, span.last]],
    ['point lookup by key', 'SELECT * FROM organ_hierarchy WHERE organ_id = ?', [samples[0]?.organ]],
  ];
  for (const [label, sql, params] of plans) {
    const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
    const scans = plan.filter((d) => /^SCAN (?!.*USING)/.test(d));
    notes.push(`B5 plan, ${label}: ${plan.join('; ')}${scans.length > 0 ? '  ← TABLE SCAN' : ''}`);
  }
  raw.close();

  const store = new SqliteReadModelStore({ path: readModelsPath });
  const roster: number[] = [];
  const person: number[] = [];
  const lookup: number[] = [];
  let rosterRows = 0;
  try {
    // Warm the statements and the page cache once, as a running API would be.
    await rosterOf(store, organs[0] as string, { asOf: span.last, includeSubtree: false });
    await store.asOf(personFileModel, span.last, { where: { auxiliary_id: auxiliaries[0] as string } });
    await store.get(organHierarchy, organs[0] as string);
    for (const s of samples) {
      let t = performance.now();
      rosterRows += (await rosterOf(store, s.organ, { asOf: s.date, includeSubtree: false })).length;
      roster.push(performance.now() - t);
      t = performance.now();
      await store.asOf(personFileModel, s.date, { where: { auxiliary_id: s.auxiliary } });
      person.push(performance.now() - t);
      t = performance.now();
      await store.get(organHierarchy, s.organ);
      lookup.push(performance.now() - t);
    }
  } finally {
    await store.close();
  }
  const base = { label: 'point lookup by primary key (organ_hierarchy)', rate: 1000 / (lookup.reduce((a, b) => a + b, 0) / lookup.length), p50: percentile(lookup, 50), p99: percentile(lookup, 99) };
  const row = (scenario: string, latencies: number[]): Row => ({
    id: 'B5',
    scenario,
    rate: 1000 / (latencies.reduce((a, b) => a + b, 0) / latencies.length),
    unit: 'queries/s',
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    baseline: base,
  });
  notes.push(`B5: ${queries} queries each at ${events.toLocaleString('en-US')} events; ${organs.length} organs, ${auxiliaries.length} auxiliaries, dates ${span.first} … ${span.last}; ${Math.round(rosterRows / queries)} roster rows on average; goal p99 ≤ 50 ms.`);
  return {
    rows: [row(`one organ's roster as of a past date (${events.toLocaleString('en-US')} events)`, roster), row(`one auxiliary's record as of a past date`, person)],
    notes,
  };
}
