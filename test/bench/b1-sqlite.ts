import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SQLITE_SCHEMA, SqliteEventStore, applySqlitePragmas } from '@auxledger/event-store';
import { sampleEvent } from './events';
import { type Measurement, type Row, measureInterleaved, percentile, perSecond } from './measure';

export interface B1Options {
  singles: number;
  batches: number;
}

/** Rows as the adapter would store them, for the raw baseline to insert. */
export function rawRows() {
  let position = 0;
  const revisions = new Map<string, number>();
  return (stream: string, i: number): unknown[] => {
    const event = sampleEvent(i);
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    const hash = 'f'.repeat(64);
    return [++position, event.eventId, stream, revision, event.type, 1, JSON.stringify(event.data), JSON.stringify(event.metadata), hash, hash, hash];
  };
}

export function b1Row(scenario: string, ours: Measurement, base: Measurement, label: string, target?: number): Row {
  return {
    id: 'B1',
    scenario,
    rate: perSecond(ours),
    unit: 'events/s',
    p50: percentile(ours.latenciesMs, 50),
    p99: percentile(ours.latenciesMs, 99),
    baseline: { label, rate: perSecond(base), p50: percentile(base.latenciesMs, 50), p99: percentile(base.latenciesMs, 99) },
    ...(target === undefined ? {} : { target }),
  };
}

/**
 * B1 on SQLite: appends through the adapter beside raw better-sqlite3 inserts
 * of the same rows into the same schema with the same pragmas (WAL,
 * synchronous=FULL), one transaction per event and per batch of 100, in
 * alternating chunks on two files in the same folder.
 */
export async function benchSqliteAppends(dir: string, options: B1Options): Promise<{ rows: Row[]; adapterSingle: Measurement }> {
  const db = new Database(join(dir, 'raw.db'));
  applySqlitePragmas(db);
  db.exec(SQLITE_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO events (global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertOne = db.transaction((values: unknown[]) => insert.run(...values));
  const insertMany = db.transaction((batch: unknown[][]) => batch.forEach((values) => insert.run(...values)));
  const store = new SqliteEventStore({ path: join(dir, 'adapter.db') });
  try {
    const row = rawRows();
    const rawSingles = Array.from({ length: options.singles }, (_, i) => row(`s-${i % 100}`, i));
    const events = Array.from({ length: options.singles }, (_, i) => sampleEvent(i));
    const [adapterSingle, rawSingle] = await measureInterleaved(options.singles, 100, [
      { eventsPerOp: 1, op: (i) => store.appendToStream(`s-${i % 100}`, [events[i] as never], 'any') },
      { eventsPerOp: 1, op: (i) => insertOne.immediate(rawSingles[i] as unknown[]) },
    ]);
    const rawBatches = Array.from({ length: options.batches }, (_, b) => Array.from({ length: 100 }, (_, i) => row(`b-${b}`, i)));
    const eventBatches = Array.from({ length: options.batches }, (_, b) => Array.from({ length: 100 }, (_, i) => sampleEvent(b * 100 + i)));
    const [adapterBatch, rawBatch] = await measureInterleaved(options.batches, 5, [
      { eventsPerOp: 100, op: (b) => store.appendToStream(`b-${b}`, eventBatches[b] as never, 'no_stream') },
      { eventsPerOp: 100, op: (b) => insertMany.immediate(rawBatches[b] as unknown[][]) },
    ]);
    const s = adapterSingle as Measurement;
    const [cpuAdapter, cpuRaw] = await cpuOnlySingles(options.singles);
    return {
      adapterSingle: s,
      rows: [
        b1Row('SQLite append, 1 event/txn', s, rawSingle as Measurement, 'raw better-sqlite3 INSERT, 1 row/txn', 0.8),
        b1Row('SQLite append, 100 events/txn', adapterBatch as Measurement, rawBatch as Measurement, 'raw better-sqlite3 INSERT, 100 rows/txn'),
        b1Row('SQLite append, 1 event/txn, CPU only (in-memory database)', cpuAdapter, cpuRaw, 'raw INSERT, 1 row/txn, in memory', 0.75),
      ],
    };
  } finally {
    db.close();
    await store.close();
  }
}

/**
 * Unmeasured appends each side of the CPU-only comparison makes first: its
 * figure is microseconds an append, and over the first few thousand V8 is
 * still compiling the adapter's path (the raw side's is one native call).
 */
const CPU_ONLY_WARM_UP = 3000;

/**
 * The adapter's own cost, without the disk: single-event appends to an
 * in-memory database beside raw inserts of the same rows into another, in
 * alternating chunks, after a warm-up. The raw side inserts rows encoded
 * beforehand; the adapter validates, encodes, hashes, chains and extends the
 * Merkle tree per append.
 */
async function cpuOnlySingles(singles: number): Promise<[Measurement, Measurement]> {
  const db = new Database(':memory:');
  db.exec(SQLITE_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO events (global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertOne = db.transaction((values: unknown[]) => insert.run(...values));
  const store = new SqliteEventStore({ path: ':memory:' });
  try {
    const row = rawRows();
    const total = CPU_ONLY_WARM_UP + singles;
    const rawSingles = Array.from({ length: total }, (_, i) => row(`s-${i % 100}`, i));
    const events = Array.from({ length: total }, (_, i) => sampleEvent(i));
    for (let i = 0; i < CPU_ONLY_WARM_UP; i++) {
      await store.appendToStream(`s-${i % 100}`, [events[i] as never], 'any');
      insertOne.immediate(rawSingles[i] as unknown[]);
    }
    const [adapter, raw] = await measureInterleaved(singles, 100, [
      { eventsPerOp: 1, op: (i) => store.appendToStream(`s-${i % 100}`, [events[CPU_ONLY_WARM_UP + i] as never], 'any') },
      { eventsPerOp: 1, op: (i) => insertOne.immediate(rawSingles[CPU_ONLY_WARM_UP + i] as unknown[]) },
    ]);
    return [adapter as Measurement, raw as Measurement];
  } finally {
    db.close();
    await store.close();
  }
}
