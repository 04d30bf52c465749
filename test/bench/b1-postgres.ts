import { Client } from 'pg';
import { PostgresEventStore, postgresSchemaSql } from '@auxledger/event-store';
import { sampleEvent } from './events';
import { type Measurement, type Row, measureInterleaved } from './measure';
import { type B1Options, b1Row, rawRows } from './b1-sqlite';

const COLUMNS = 'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest';

/**
 * B1 on PostgreSQL: appends through the adapter beside raw INSERTs of the same
 * rows into the same table shape, one client each, one transaction per event
 * and per batch of 100, in alternating chunks, each side in a schema of its own.
 */
export async function benchPostgresAppends(url: string, options: B1Options): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(postgresSchemaSql('bench_raw'));
  const store = await PostgresEventStore.open({ connectionString: url, schema: 'bench_adapter', poolSize: 1 });
  try {
    const row = rawRows();
    const insertOne = `INSERT INTO bench_raw.events (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
    const insertMany = `INSERT INTO bench_raw.events (${COLUMNS}) VALUES ${Array.from({ length: 100 }, (_, r) => `(${Array.from({ length: 11 }, (_, c) => `$${r * 11 + c + 1}`).join(', ')})`).join(', ')}`;
    const rawSingles = Array.from({ length: options.singles }, (_, i) => row(`s-${i % 100}`, i));
    const events = Array.from({ length: options.singles }, (_, i) => sampleEvent(i));
    const [adapterSingle, rawSingle] = await measureInterleaved(options.singles, 50, [
      { eventsPerOp: 1, op: (i) => store.appendToStream(`s-${i % 100}`, [events[i] as never], 'any') },
      { eventsPerOp: 1, op: (i) => client.query(insertOne, rawSingles[i]) },
    ]);
    const rawBatches = Array.from({ length: options.batches }, (_, b) => Array.from({ length: 100 }, (_, i) => row(`b-${b}`, i)).flat());
    const eventBatches = Array.from({ length: options.batches }, (_, b) => Array.from({ length: 100 }, (_, i) => sampleEvent(b * 100 + i)));
    const [adapterBatch, rawBatch] = await measureInterleaved(options.batches, 5, [
      { eventsPerOp: 100, op: (b) => store.appendToStream(`b-${b}`, eventBatches[b] as never, 'no_stream') },
      { eventsPerOp: 100, op: (b) => client.query(insertMany, rawBatches[b]) },
    ]);
    // Concurrent appends: 16 single-event appends to 16 streams at once, through a store with its default pool, beside one-row commits (the fsync limit).
    const concurrent = await PostgresEventStore.open({ connectionString: url, schema: 'bench_concurrent' });
    let concurrentAppends: Measurement;
    let rawCommits: Measurement;
    try {
      const rounds = Math.max(4, Math.round(options.singles / 16));
      await client.query(postgresSchemaSql('bench_raw_commits'));
      const commitRow = rawRows();
      const rawCommitRows = Array.from({ length: rounds }, (_, r) => commitRow(`s-${r % 100}`, r));
      [concurrentAppends, rawCommits] = (await measureInterleaved(rounds, 4, [
        { eventsPerOp: 16, op: (r) => Promise.all(Array.from({ length: 16 }, (_, k) => concurrent.appendToStream(`c-${k}`, [sampleEvent(r * 16 + k)], 'any'))) },
        { eventsPerOp: 1, op: (r) => client.query(insertOne.replace('bench_raw.', 'bench_raw_commits.'), rawCommitRows[r]) },
      ])) as [Measurement, Measurement];
    } finally {
      await concurrent.close();
    }
    return [
      b1Row('PostgreSQL append, 1 event/txn', adapterSingle as Measurement, rawSingle as Measurement, 'raw INSERT, 1 row/txn', 0.8),
      b1Row('PostgreSQL append, 16 concurrent 1-event appends (latency: the 16)', concurrentAppends, rawCommits, 'raw INSERT, 1 row/txn (fsync limit)'),
      b1Row('PostgreSQL append, 100 events/txn', adapterBatch as Measurement, rawBatch as Measurement, 'raw INSERT, 100 rows/txn'),
    ];
  } finally {
    await store.close();
    await client.end();
  }
}
