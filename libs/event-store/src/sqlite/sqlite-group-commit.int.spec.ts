import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';
import { openMerkleTree, rootOfEventHashes } from '../merkle/merkle-log';
import { verifyLog } from '../verify';
import { newEvent } from '../testing/contract';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-sqlite-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['inline', 'thread'] as const)('SQLite group commit, the writer %s', (writer) => {
  it('appends concurrent commands in one transaction; a conflicting one fails alone, the rest commit, and positions, chains and the Merkle tree stay consistent', async () => {
    const path = join(dir, `group-${writer}.db`);
    const store = new SqliteEventStore({ path, writer });
    for (let s = 0; s < 8; s++) await store.appendToStream(`aux-${s}`, [newEvent({ s, n: 0 })], 'no_stream');
    const before = await store.headPosition();

    // Sixteen appends issued in the same tick: two per stream, both expecting revision 0, so exactly one of each pair wins.
    const attempts = Array.from({ length: 16 }, (_, i) => store.appendToStream(`aux-${i % 8}`, [newEvent({ s: i % 8, n: 1, i })], 0));
    const settled = await Promise.allSettled(attempts);
    const won = settled.filter((r) => r.status === 'fulfilled');
    const lost = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(8);
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
    await store.close();
  });

  it('shares one commit among concurrent appends (fewer write transactions than appends)', async () => {
    const path = join(dir, `count-${writer}.db`);
    const store = new SqliteEventStore({ path, writer });
    const watcher = new Database(path, { readonly: true });
    const version = () => watcher.pragma('data_version', { simple: true }) as number;
    const v0 = version();
    await Promise.all(Array.from({ length: 32 }, (_, i) => store.appendToStream(`s-${i}`, [newEvent({ i })], 'no_stream')));
    // data_version moves when another connection commits; one group, one commit.
    expect(version() - v0).toBe(1);
    expect(await store.headPosition()).toBe(32);
    watcher.close();
    await store.close();
  });
});
