/**
 * B4 on SQLite, in the spirit of test/bench: rebuild of the toy read models
 * (a current counter, a temporal level per person, an audit log) beside the
 * read limit (ordered scan + JSON.parse + fold into a Map), with peak RSS, at
 * two log lengths so that flat memory shows.
 *
 *   node -r @swc-node/register libs/projection-engine/bench/rebuild.ts [events=100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@auxledger/event-store';
import { Projector } from '../src/projector';
import { SqliteReadModelStore } from '../src/sqlite/sqlite-read-model-store';
import { TOY_MODELS, personLevel, toNewEvent } from '../src/testing/toy-models';

async function seed(path: string, size: number): Promise<void> {
  const events = new SqliteEventStore({ path });
  for (let written = 0; written < size; ) {
    const stream = `s${written % 97}`;
    const batch = Array.from({ length: Math.min(100, size - written) }, (_, i) => {
      const n = written + i;
      const effectiveDate = new Date(Date.UTC(2020, 0, 1 + ((n * 7919) % 1800))).toISOString().slice(0, 10);
      const recordedAt = new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString();
      return n % 2 === 0
        ? toNewEvent({ stream, type: 'Counted', data: { amount: 1, organId: 'o1' }, effectiveDate, recordedAt })
        : toNewEvent({ stream, type: 'LevelSet', data: { personId: `p${n % 20000}`, level: n % 5, organId: n % 3 ? 'A' : 'B' }, effectiveDate, recordedAt });
    });
    await events.appendToStream(stream, batch, 'any');
    written += batch.length;
  }
  await events.close();
}

function rawScan(path: string): number {
  const db = new Database(path, { readonly: true });
  const folded = new Map<string, number>();
  let n = 0;
  for (let after = 0; ; ) {
    const rows = db.prepare('SELECT global_position, stream_id, data, metadata FROM events WHERE global_position > ? ORDER BY global_position LIMIT 1000').all(after) as Array<{ global_position: number; stream_id: string; data: string; metadata: string }>;
    if (rows.length === 0) break;
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      folded.set(row.stream_id, (folded.get(row.stream_id) ?? 0) + 1);
      n++;
    }
    after = (rows[rows.length - 1] as { global_position: number }).global_position;
  }
  db.close();
  return n;
}

async function measure(size: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-b4-'));
  try {
    const path = join(dir, 'auxledger.db');
    await seed(path, size);
    let t = process.hrtime.bigint();
    rawScan(path);
    const rawSeconds = Number(process.hrtime.bigint() - t) / 1e9;

    const events = new SqliteEventStore({ path });
    const store = new SqliteReadModelStore({ path: join(dir, 'read-models.db') });
    let peak = process.memoryUsage().rss;
    let peakHeap = process.memoryUsage().heapUsed;
    const projector = new Projector({
      name: 'bench',
      models: TOY_MODELS,
      events,
      store,
      batchSize: 1000,
      onBatch: () => {
        const usage = process.memoryUsage();
        peak = Math.max(peak, usage.rss);
        peakHeap = Math.max(peakHeap, usage.heapUsed);
      },
    });
    t = process.hrtime.bigint();
    await projector.rebuild();
    const rebuildSeconds = Number(process.hrtime.bigint() - t) / 1e9;

    const q = (date: string) => {
      const s = process.hrtime.bigint();
      return store.asOf(personLevel, date, { where: { organ_id: 'B' } }).then((rows) => [Number(process.hrtime.bigint() - s) / 1e6, rows.length]);
    };
    const [rosterMs, rosterRows] = await q('2022-06-01');
    const s = process.hrtime.bigint();
    await store.asOf(personLevel, '2022-06-01', { where: { person_id: 'p123' } });
    const personMs = Number(process.hrtime.bigint() - s) / 1e6;
    console.table({
      [`${size} events`]: {
        'read limit ev/s': Math.round(size / rawSeconds),
        'rebuild ev/s': Math.round(size / rebuildSeconds),
        ratio: +(rawSeconds / rebuildSeconds).toFixed(2),
        'peak RSS MB': Math.round(peak / 2 ** 20),
        'peak heap MB': Math.round(peakHeap / 2 ** 20),
        'roster as-of ms': +(rosterMs as number).toFixed(1),
        'roster rows': rosterRows,
        'person as-of ms': +personMs.toFixed(2),
      },
    });
    await store.close();
    await events.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 100_000);
  await measure(Math.round(size / 4));
  await measure(size);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
