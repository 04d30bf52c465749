import { Pool } from 'pg';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { PostgresEventStore } from './postgres-event-store';
import { openMerkleTree, rootOfEventHashes } from '../merkle/merkle-log';
import { verifyLog } from '../verify';
import { newEvent } from '../testing/contract';

describeWithPostgres('PostgreSQL group commit', () => {
  it('appends concurrent commands in one statement; a conflicting one fails alone, the rest commit, and positions, chains and the Merkle tree stay consistent', async () => {
    const store = await PostgresEventStore.open({ connectionString: await createTestDatabase('group') });
    try {
      for (let s = 0; s < 8; s++) await store.appendToStream(`aux-${s}`, [newEvent({ s, n: 0 })], 'no_stream');
      const before = await store.headPosition();

      // Sixteen appends issued in the same tick: two per stream, both expecting revision 0, so exactly one of each pair wins.
      const attempts = Array.from({ length: 16 }, (_, i) => store.appendToStream(`aux-${i % 8}`, [newEvent({ s: i % 8, n: 1, i })], 0));
      const settled = await Promise.allSettled(attempts);
      const lost = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost).toHaveLength(8);
      for (const r of lost) expect(r.reason).toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      // The first of each pair was queued first, so it is the winner.
      settled.forEach((r, i) => expect(r.status).toBe(i < 8 ? 'fulfilled' : 'rejected'));

      const log = await store.readAll({ maxCount: 1000 });
      expect(log.map((e) => e.globalPosition)).toEqual(Array.from({ length: before + 8 }, (_, i) => i + 1));
      for (let s = 0; s < 8; s++) expect((await store.readStream(`aux-${s}`)).map((e) => e.streamRevision)).toEqual([0, 1]);
      const report = await verifyLog(store);
      expect(report.ok).toBe(true);
      expect(report.storedTree).toBe('compared');
      expect((await (await openMerkleTree(store)).rootHash(log.length)).equals(rootOfEventHashes(log.map((e) => e.metadata.hash)))).toBe(true);

      // A retry after a lost acknowledgement, in the same group as new appends, answers as stored and writes nothing twice.
      const again = newEvent({ s: 0, n: 2 });
      const [first, retried, other] = await Promise.all([
        store.appendToStream('aux-0', [again], 1),
        store.appendToStream('aux-0', [again], 1),
        store.appendToStream('aux-1', [newEvent({ s: 1, n: 2 })], 1),
      ]);
      expect(first.alreadyStored).toBe(false);
      expect(retried.alreadyStored).toBe(true);
      expect(retried.events[0]?.globalPosition).toBe(first.events[0]?.globalPosition);
      expect(other.events[0]?.streamRevision).toBe(2);
      expect((await verifyLog(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('keeps a command of several streams atomic in the group: its conflict rolls back all of it and none of the others', async () => {
    const store = await PostgresEventStore.open({ connectionString: await createTestDatabase('group') });
    try {
      await store.appendToStream('taken', [newEvent({ n: 0 })], 'no_stream');
      const [ok, refused, checked] = await Promise.allSettled([
        store.appendToStreams([
          { streamId: 'a', events: [newEvent({ a: 1 }), newEvent({ a: 2 })], expectedRevision: 'no_stream' },
          { streamId: 'outcome-1', events: [newEvent({ o: 1 })], expectedRevision: 'no_stream' },
        ]),
        store.appendToStreams([
          { streamId: 'b', events: [newEvent({ b: 1 })], expectedRevision: 'no_stream' },
          { streamId: 'taken', events: [newEvent({ n: 1 })], expectedRevision: 'no_stream' },
        ]),
        store.appendToStreams([
          { streamId: 'taken', events: [], expectedRevision: 0 },
          { streamId: 'c', events: [newEvent({ c: 1 })], expectedRevision: 'no_stream' },
        ]),
      ]);
      expect(ok.status).toBe('fulfilled');
      expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'WRONG_EXPECTED_REVISION' } });
      expect(checked.status).toBe('fulfilled');
      if (ok.status !== 'fulfilled' || checked.status !== 'fulfilled') return;
      expect(ok.value.map((r) => r.events.map((e) => e.globalPosition))).toEqual([[2, 3], [4]]);
      expect(checked.value[0]).toMatchObject({ nextExpectedRevision: 0, events: [] });
      expect(checked.value[1]?.events[0]).toMatchObject({ globalPosition: 5, streamRevision: 0 });
      // Nothing of the refused command is stored: not even its first, unconflicted stream.
      expect(await store.readStream('b')).toEqual([]);
      expect((await store.readStream('taken')).length).toBe(1);
      expect(await store.headPosition()).toBe(5);
      expect((await verifyLog(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('shares one statement, so one transaction and one commit, among concurrent appends', async () => {
    const pool = new Pool({ connectionString: await createTestDatabase('group'), max: 4 });
    const store = await PostgresEventStore.open({ pool });
    let statements = 0;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
    try {
      await Promise.all(Array.from({ length: 32 }, (_, i) => store.appendToStream(`s-${i}`, [newEvent({ i })], 'no_stream')));
      // The first append goes alone; the rest, queued while it was written, share the next.
      expect(statements).toBeLessThanOrEqual(2);
      expect(await store.headPosition()).toBe(32);
      expect((await verifyLog(store)).ok).toBe(true);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('keeps the log dense and verifiable when two stores (two processes) group-commit on one database at once', async () => {
    const url = await createTestDatabase('group');
    const one = await PostgresEventStore.open({ connectionString: url });
    const two = await PostgresEventStore.open({ connectionString: url });
    try {
      await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => one.appendToStream(`one-${i % 10}`, [newEvent({ i })], 'any')),
        ...Array.from({ length: 40 }, (_, i) => two.appendToStream(`two-${i % 10}`, [newEvent({ i })], 'any')),
      ]);
      const log = await one.readAll({ maxCount: 1000 });
      expect(log.map((e) => e.globalPosition)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
      for (let s = 0; s < 10; s++) expect((await two.readStream(`one-${s}`)).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
      expect((await verifyLog(one)).ok).toBe(true);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
