import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SQLITE_SCHEMA, SqliteEventStore, applySqlitePragmas } from '@auxledger/event-store';
import { sampleEvent } from './events';
import { type Measurement, type Row, measure, median, percentile, perSecond } from './measure';

export interface B1Options {
  singles: number;
  batches: number;
  rounds: number;
}

/**
 * B1 on SQLite: appends through the adapter beside raw better-sqlite3 inserts
 * of the same rows into the same schema with the same pragmas (WAL,
 * synchronous=FULL), one transaction per event and per batch of 100.
 * Rounds alternate raw and adapter on fresh files, and the median is kept.
 */
export async function benchSqliteAppends(dir: string, options: B1Options): Promise<{ rows: Row[]; adapterSingle: Measurement }> {
  const raw = { single: [] as Measurement[], batch: [] as Measurement[] };
  const adapter = { single: [] as Measurement[], batch: [] as Measurement[] };
  let file = 0;
  const freshRaw = () => {
    const db = new Database(join(dir, `raw-${++file}.db`));
    applySqlitePragmas(db);
    db.exec(SQLITE_SCHEMA);
    const insert = db.prepare(
      `INSERT INTO events (global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let position = 0;
    const revisions = new Map<string, number>();
    const row = (stream: string, i: number) => {
      const event = sampleEvent(i);
      const revision = (revisions.get(stream) ?? -1) + 1;
      revisions.set(stream, revision);
      const hash = 'f'.repeat(64);
      return [++position, event.eventId, stream, revision, event.type, 1, JSON.stringify(event.data), JSON.stringify(event.metadata), hash, hash, hash];
    };
    return { db, insert, row };
  };

  for (let round = 0; round < options.rounds; round++) {
    {
      const { db, insert, row } = freshRaw();
      const one = db.transaction((values: unknown[]) => insert.run(...values));
      const rows = Array.from({ length: options.singles }, (_, i) => row(`s-${i % 100}`, i));
      raw.single.push(await measure(options.singles, 1, (i) => one.immediate(rows[i] as unknown[])));
      const many = db.transaction((batch: unknown[][]) => batch.forEach((values) => insert.run(...values)));
      const batches = Array.from({ length: options.batches }, (_, b) => Array.from({ length: 100 }, (_, i) => row(`b-${b}`, i)));
      raw.batch.push(await measure(options.batches, 100, (b) => many.immediate(batches[b] as unknown[][])));
      db.close();
    }
    {
      const store = new SqliteEventStore({ path: join(dir, `adapter-${++file}.db`) });
      const singles = Array.from({ length: options.singles }, (_, i) => sampleEvent(i));
      adapter.single.push(await measure(options.singles, 1, (i) => store.appendToStream(`s-${i % 100}`, [singles[i] as never], 'any')));
      const batches = Array.from({ length: options.batches }, (_, b) => Array.from({ length: 100 }, (_, i) => sampleEvent(b * 100 + i)));
      adapter.batch.push(await measure(options.batches, 100, (b) => store.appendToStream(`b-${b}`, batches[b] as never, 'no_stream')));
      await store.close();
    }
  }

  const row = (id: string, scenario: string, ours: Measurement, base: Measurement, label: string, target?: number): Row => ({
    id,
    scenario,
    rate: perSecond(ours),
    unit: 'events/s',
    p50: percentile(ours.latenciesMs, 50),
    p99: percentile(ours.latenciesMs, 99),
    baseline: { label, rate: perSecond(base) },
    ...(target === undefined ? {} : { target }),
  });
  const adapterSingle = median(adapter.single);
  return {
    adapterSingle,
    rows: [
      row('B1', 'SQLite append, 1 event/txn', adapterSingle, median(raw.single), 'raw better-sqlite3 INSERT, 1 row/txn', 0.8),
      row('B1', 'SQLite append, 100 events/txn', median(adapter.batch), median(raw.batch), 'raw better-sqlite3 INSERT, 100 rows/txn'),
    ],
  };
}
