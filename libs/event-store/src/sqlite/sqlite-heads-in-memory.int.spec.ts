import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { openMerkleTree, rootOfEventHashes } from '../merkle/merkle-log';
import { verifyLog } from '../verify';
import { newEvent } from '../testing/contract';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-sqlite-heads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The single writer keeps stream heads, the log head and the Merkle tree's
 * right edge in memory; another connection's commit (another process) must
 * make it read them again (PRAGMA data_version), or it would chain, number
 * and hash on an old head.
 */
describe('SQLite heads in memory', () => {
  it('two writers on one file, taking turns on the same streams: positions dense, chains and the Merkle tree intact, revisions checked', async () => {
    const path = join(dir, 'two-writers.db');
    const a = new SqliteEventStore({ path });
    const b = new SqliteEventStore({ path });
    try {
      let revision = -1;
      for (let i = 0; i < 40; i++) {
        const writer = i % 3 === 0 ? b : a;
        const result = await writer.appendToStream('aux-1', [newEvent({ i })], revision === -1 ? 'no_stream' : revision);
        revision = result.nextExpectedRevision as number;
        await writer.appendToStream(`other-${i % 5}`, [newEvent({ i, other: true })], 'any');
      }
      // A head a writer knew is old once the other one wrote: refused, not chained on.
      await a.appendToStream('aux-1', [newEvent({ last: 'a' })], revision);
      await expect(b.appendToStream('aux-1', [newEvent({ last: 'b' })], revision)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      // A stream the other writer made is not taken to be new.
      await b.appendToStream('made-by-b', [newEvent({ n: 0 })], 'no_stream');
      await expect(a.appendToStream('made-by-b', [newEvent({ n: 1 })], 'no_stream')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', details: expect.objectContaining({ actual: 0 }) });

      const log = await a.readAll({ maxCount: 1000 });
      expect(log.map((e) => e.globalPosition)).toEqual(Array.from({ length: 82 }, (_, i) => i + 1));
      expect((await a.readStream('aux-1')).map((e) => e.streamRevision)).toEqual(Array.from({ length: 41 }, (_, i) => i));
      for (const store of [a, b]) {
        const report = await verifyLog(store);
        expect(report.ok).toBe(true);
        expect(report.storedTree).toBe('compared');
      }
      expect((await (await openMerkleTree(a)).rootHash(log.length)).equals(rootOfEventHashes(log.map((e) => e.metadata.hash)))).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a stream expected new but already stored is refused without a read (UNIQUE stream_id, stream_revision), and a retry of the same append answers as stored', async () => {
    const path = join(dir, 'expected-new.db');
    const store = new SqliteEventStore({ path });
    try {
      const first = newEvent({ n: 0 });
      await store.appendToStream('s-1', [first], 'no_stream');
      // Another store (a fresh process) knows nothing in memory of s-1.
      const fresh = new SqliteEventStore({ path });
      try {
        await expect(fresh.appendToStream('s-1', [newEvent({ n: 1 })], 'no_stream')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
        const retried = await fresh.appendToStream('s-1', [first], 'no_stream');
        expect(retried.alreadyStored).toBe(true);
        // A two-stream append whose second stream is taken and whose first is new rolls back whole.
        await expect(fresh.appendToStreams([
          { streamId: 's-2', events: [newEvent({ n: 0, s: 2 })], expectedRevision: 'no_stream' },
          { streamId: 's-1', events: [newEvent({ n: 2 })], expectedRevision: 'no_stream' },
        ])).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
        expect(await fresh.readStream('s-2')).toEqual([]);
        expect(await fresh.headPosition()).toBe(1);
        await fresh.appendToStream('s-2', [newEvent({ n: 0, s: 2 })], 'no_stream');
        expect((await verifyLog(fresh)).ok).toBe(true);
      } finally {
        await fresh.close();
      }
    } finally {
      await store.close();
    }
  });
});
