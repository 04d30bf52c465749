import Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  MerkleFrontier,
  SQLITE_SCHEMA,
  SqliteEventStore,
  applySqlitePragmas,
  canonicalEncoding,
  frontierKeys,
  leafHash,
  openMerkleTree,
  verifyInclusion,
  verifyLog,
} from '@auxledger/event-store';
import { rawRows } from './b1-sqlite';
import { sampleEvent } from './events';
import { type Measurement, type Row, measureInterleaved, percentile, perSecond } from './measure';

/**
 * B6: the verifiable log.
 *
 * - verify the whole log of a SQLite store (hash chain, Merkle tree recomputed
 *   and compared node by node with the stored one), beside raw SHA-256 over
 *   the same bytes (each event's canonical encoding, already in memory,
 *   one-shot hashing): the hashing limit. Verify also reads, parses and
 *   re-encodes every event;
 * - the Merkle work of an append, as B1 measures appends: raw INSERTs of one
 *   event per transaction (WAL, synchronous=FULL) with and without the tree
 *   kept as the adapter keeps it (the right edge read, the leaf hashed up, the
 *   completed subtrees inserted, in the same transaction), interleaved;
 * - inclusion proofs from the stored tree of a log of `proofEvents` events
 *   (rows written directly: only their hashes matter), p50/p99, each checked.
 */
export async function benchVerify(dir: string, events: number, options: { appends: number; proofEvents: number }): Promise<Row[]> {
  return [...(await verifyRows(dir, events)), ...(await merkleAppendRows(dir, options.appends)), ...(await proofRows(dir, options.proofEvents))];
}

async function verifyRows(dir: string, events: number): Promise<Row[]> {
  const store = new SqliteEventStore({ path: join(dir, 'verify.db') });
  try {
    const batch = 500;
    for (let i = 0; i < events; i += batch) {
      await store.appendToStream(`aux-${i % 1000}`, Array.from({ length: Math.min(batch, events - i) }, (_, k) => sampleEvent(i + k)), 'any');
    }
    const encodings: string[] = [];
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: 5000 });
      if (page.length === 0) break;
      for (const e of page) encodings.push(canonicalEncoding({ ...e, metadata: e.metadata }));
      after = page[page.length - 1]?.globalPosition ?? after;
    }
    const t0 = performance.now();
    let sink = 0;
    for (const text of encodings) sink ^= hash('sha256', text, 'buffer')[0] as number;
    const rawSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const report = await verifyLog(store);
    const verifySeconds = (performance.now() - t1) / 1000;
    if (!report.ok || report.eventsChecked !== events || report.storedTree !== 'compared' || sink < 0) throw new Error('B6: the benchmark log did not verify');
    return [
      {
        id: 'B6',
        scenario: `verify the hash chain and the Merkle tree, ${events.toLocaleString('en-US')} events (SQLite)`,
        rate: events / verifySeconds,
        unit: 'events/s',
        baseline: { label: 'raw SHA-256 over the same bytes', rate: events / rawSeconds },
      },
    ];
  } finally {
    await store.close();
  }
}

async function merkleAppendRows(dir: string, appends: number): Promise<Row[]> {
  const open = (name: string) => {
    const db = new Database(join(dir, name));
    applySqlitePragmas(db);
    db.exec(SQLITE_SCHEMA);
    return db;
  };
  const plain = open('b6-raw.db');
  const withTree = open('b6-tree.db');
  const insertSql = 'INSERT INTO events (global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  const plainInsert = plain.prepare(insertSql);
  const treeInsert = withTree.prepare(insertSql);
  const eventHash = withTree.prepare<[number], { hash: string }>('SELECT hash FROM events WHERE global_position = ?');
  const node = withTree.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?');
  const insertNode = withTree.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const plainOne = plain.transaction((values: unknown[]) => plainInsert.run(...values));
  // What SqliteEventStore does for the tree inside its append transaction.
  const treeOne = withTree.transaction((values: unknown[]) => {
    const size = (values[0] as number) - 1;
    const frontier = MerkleFrontier.of(
      size,
      frontierKeys(size).map((k) => (k.level === 0 ? leafHash((eventHash.get(k.index + 1) as { hash: string }).hash) : (node.get(k.level, k.index) as { hash: Buffer }).hash)),
    );
    treeInsert.run(...values);
    for (const n of frontier.push(leafHash(values[9] as string))) insertNode.run(n.level, n.index, n.hash);
  });
  const rowsA = rawRows();
  const rowsB = rawRows();
  const hashOf = (i: number) => hash('sha256', `event ${i}`);
  const a = Array.from({ length: appends }, (_, i) => rowsA(`s-${i % 100}`, i));
  const b = Array.from({ length: appends }, (_, i) => {
    const row = rowsB(`s-${i % 100}`, i);
    row[9] = hashOf(i);
    return row;
  });
  try {
    // Warm-up, then measured alternately (fsync latency drifts).
    const [withMerkle, without] = (await measureInterleaved(appends, 100, [
      { eventsPerOp: 1, op: (i) => treeOne.immediate(b[i] as unknown[]) },
      { eventsPerOp: 1, op: (i) => plainOne.immediate(a[i] as unknown[]) },
    ])) as [Measurement, Measurement];
    // The Merkle work alone, in memory, per event: hashing the leaf up the frontier.
    const frontier = MerkleFrontier.empty();
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) frontier.push(leafHash(hashOf(i)));
    const cpuMicros = ((performance.now() - t0) / 100_000) * 1000;
    const appendMicros = (withMerkle.seconds / withMerkle.events) * 1e6;
    return [
      {
        id: 'B6',
        scenario: `SQLite INSERT 1 event/txn with the Merkle tree kept (right edge read, leaf hashed up, subtrees inserted); hashing alone ${cpuMicros.toFixed(1)} µs = ${((cpuMicros / appendMicros) * 100).toFixed(2)}% of an append`,
        rate: perSecond(withMerkle),
        unit: 'events/s',
        p50: percentile(withMerkle.latenciesMs, 50),
        p99: percentile(withMerkle.latenciesMs, 99),
        baseline: { label: 'the same INSERT without the tree (B1 raw)', rate: perSecond(without), p50: percentile(without.latenciesMs, 50), p99: percentile(without.latenciesMs, 99) },
        target: 0.8,
      },
    ];
  } finally {
    plain.close();
    withTree.close();
  }
}

async function proofRows(dir: string, events: number): Promise<Row[]> {
  const path = join(dir, 'b6-proofs.db');
  const db = new Database(path);
  applySqlitePragmas(db);
  db.pragma('synchronous = OFF');
  db.exec(SQLITE_SCHEMA);
  const insert = db.prepare("INSERT INTO events VALUES (?, ?, 's', ?, 'T', 1, '{}', '{}', NULL, ?, '')");
  const insertNode = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const hashes: string[] = new Array(events);
  db.transaction(() => {
    const frontier = MerkleFrontier.empty();
    for (let i = 0; i < events; i++) {
      const h = hash('sha256', `event ${i}`);
      hashes[i] = h;
      insert.run(i + 1, `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, i, h);
      for (const n of frontier.push(leafHash(h))) insertNode.run(n.level, n.index, n.hash);
    }
  })();
  db.close();
  const store = new SqliteEventStore({ path, readOnly: true });
  try {
    const tree = await openMerkleTree(store);
    if (tree.source !== 'stored') throw new Error('B6: the proof log has no stored tree');
    const root = await tree.rootHash(events);
    const samples = 2000;
    const latencies: number[] = [];
    let state = 12345;
    const t0 = performance.now();
    for (let s = 0; s < samples; s++) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const index = state % events;
      const t = performance.now();
      const proof = await tree.inclusionProof(index, events);
      latencies.push(performance.now() - t);
      if (!verifyInclusion(index, events, leafHash(hashes[index] as string), proof, root)) throw new Error(`B6: the proof of leaf ${index} did not verify`);
    }
    const seconds = (performance.now() - t0) / 1000;
    return [
      {
        id: 'B6',
        scenario: `inclusion proof from the stored tree, ${events.toLocaleString('en-US')} events (SQLite; ${Math.ceil(Math.log2(events))} hashes, each proof checked)`,
        rate: samples / seconds,
        unit: 'proofs/s',
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      },
    ];
  } finally {
    await store.close();
  }
}
