import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';
import { EventStoreError } from '../errors';
import { verifyLog } from '../verify';
import { newEvent } from '../testing/contract';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-sqlite-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * With `writer: 'thread'`, the writer of a log in a file commits in a worker
 * thread, so that the calling thread goes on (takes in requests, decides commands) while a
 * group's COMMIT waits for the disk.
 */
describe('SQLite writer thread', () => {
  it('commits off the calling thread: while the writer waits for the write lock, this thread runs on and can release it', async () => {
    const path = join(dir, 'off-thread.db');
    const store = new SqliteEventStore({ path, writer: 'thread', busyTimeoutMs: 5000 });
    await store.appendToStream('s-0', [newEvent({ n: 0 })], 'no_stream');
    // Another connection on this thread holds the write lock; the writer's BEGIN IMMEDIATE waits for it.
    const holder = new Database(path);
    holder.prepare('BEGIN IMMEDIATE').run();
    const started = Date.now();
    const append = store.appendToStream('s-0', [newEvent({ n: 1 })], 0);
    // A writer on this thread would block it inside its busy wait, this timer would never run, and the append would fail with SQLITE_BUSY after 5 s.
    await new Promise((resolve) => setTimeout(resolve, 300));
    holder.prepare('COMMIT').run();
    holder.close();
    const result = await append;
    expect(result.events[0]?.streamRevision).toBe(1);
    expect(Date.now() - started).toBeLessThan(4000);
    expect((await verifyLog(store)).ok).toBe(true);
    await store.close();
  });

  it('a refusal reaches the caller as the store error it is: code, both messages, details', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'errors.db'), writer: 'thread' });
    await store.appendToStream('s-1', [newEvent({ n: 0 })], 'no_stream');
    const refused = await store.appendToStream('s-1', [newEvent({ n: 1 })], 5).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EventStoreError);
    expect(refused).toMatchObject({
      code: 'WRONG_EXPECTED_REVISION',
      message: 'Stream s-1: expected revision 5, but it is at 0',
      messages: { zh: '事件流 s-1 的版本已变化：预期 5，实际 0', en: 'Stream s-1: expected revision 5, but it is at 0' },
      details: { streamId: 's-1', expected: 5, actual: 0 },
    });
    await store.close();
  });

  it('close() commits what is queued, then stops the thread; appends after it are refused', async () => {
    const path = join(dir, 'close.db');
    const store = new SqliteEventStore({ path, writer: 'thread' });
    const queued = Array.from({ length: 10 }, (_, i) => store.appendToStream(`q-${i}`, [newEvent({ i })], 'no_stream'));
    await store.close();
    expect((await Promise.all(queued)).map((r) => r.events[0]?.globalPosition)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    await expect(store.appendToStream('q-x', [newEvent({})], 'any')).rejects.toThrow('closed');
    const reader = new SqliteEventStore({ path, readOnly: true });
    expect(await reader.headPosition()).toBe(10);
    await reader.close();
  });
});
