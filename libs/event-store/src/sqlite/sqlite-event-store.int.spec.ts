import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';
import { openMerkleTree, rootOfEventHashes } from '../merkle/merkle-log';
import { verifyLog } from '../verify';
import { eventStoreContract, newEvent } from '../testing/contract';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('SQLite (file, WAL, synchronous=FULL)', {
  open: async () => new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 }),
});

eventStoreContract('SQLite, the writer in a thread of its own (writer: thread)', {
  open: async () => new SqliteEventStore({ path: join(dir, 'events-thread.db'), pollIntervalMs: 20, writer: 'thread' }),
});

describe('SQLite, opened read-only (an auditor reading a copy)', () => {
  it('reads the log, refuses appends, and refuses a file without a log (NOT_A_LOG) without writing into it', async () => {
    const path = join(dir, 'read-only.db');
    const writer = new SqliteEventStore({ path });
    await writer.appendToStream('organ-x', [newEvent({ n: 1 })], 'no_stream');
    await writer.close();

    const reader = new SqliteEventStore({ path, readOnly: true });
    expect(await reader.headPosition()).toBe(1);
    expect((await reader.readStream('organ-x')).map((e) => e.data)).toEqual([{ n: 1 }]);
    await expect(reader.appendToStream('organ-x', [newEvent({ n: 2 })], 0)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(await reader.headPosition()).toBe(1);
    await reader.close();

    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(() => new SqliteEventStore({ path: empty, readOnly: true })).toThrow(expect.objectContaining({ code: 'NOT_A_LOG' }));
    expect(statSync(empty).size).toBe(0);
    expect(() => new SqliteEventStore({ path: join(dir, 'missing.db'), readOnly: true })).toThrow();
  });
});

describe('SQLite, the Merkle tree', () => {
  it('is kept inside multi-stream appends, built once for a log written before it, and computed on read from a read-only copy without it', async () => {
    const path = join(dir, 'merkle.db');
    const store = new SqliteEventStore({ path });
    for (let i = 0; i < 9; i++) {
      await store.appendToStreams([
        { streamId: `m-a-${i % 2}`, events: [newEvent({ i }), newEvent({ i, second: true })], expectedRevision: 'any' },
        { streamId: `m-b-${i % 3}`, events: [newEvent({ i })], expectedRevision: 'any' },
      ]);
    }
    const log = await store.readAll({ maxCount: 100 });
    const expected = rootOfEventHashes(log.map((e) => e.metadata.hash));
    expect((await (await openMerkleTree(store)).rootHash(27)).equals(expected)).toBe(true);
    await store.close();

    // A copy from before the tree: no merkle_nodes table at all.
    const old = join(dir, 'merkle-old.db');
    const db = new Database(path);
    db.exec(`VACUUM INTO '${old}'`);
    db.close();
    const oldDb = new Database(old);
    oldDb.exec('DROP TABLE merkle_nodes; DROP TABLE checkpoints;');
    oldDb.close();
    const copy = new SqliteEventStore({ path: old, readOnly: true });
    const computed = await openMerkleTree(copy);
    expect(computed.source).toBe('computed');
    expect((await computed.rootHash(27)).equals(expected)).toBe(true);
    expect(await verifyLog(copy)).toMatchObject({ ok: true, storedTree: 'none' });
    await copy.close();

    // Opened for writing, it gets its tree, and appends go on from there.
    const upgraded = new SqliteEventStore({ path: old });
    const stored = await openMerkleTree(upgraded);
    expect(stored.source).toBe('stored');
    expect((await stored.rootHash(27)).equals(expected)).toBe(true);
    await upgraded.appendToStream('m-c', [newEvent({ after: true })], 'any');
    expect(await verifyLog(upgraded)).toMatchObject({ ok: true, storedTree: 'compared', treeHead: { treeSize: 28 } });
    await upgraded.close();
  });
});
