import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../port';
import { newEvent } from '../testing/contract';
import { digestLog, verifyLog } from '../verify';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-sqlite-bulk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A bulk load (a generated history written into a new file) commits many
 * groups at once: the same rows as a store that commits each, its own reads
 * see what it wrote at once, and another connection sees it only when
 * committed.
 */
describe('SQLite bulk load', () => {
  const appends: Array<{ streamId: string; events: NewEvent[] }> = Array.from({ length: 25 }, (_, i) => ({
    streamId: `s-${i % 4}`,
    events: Array.from({ length: 1 + (i % 3) }, (_, k) => newEvent({ i, k })),
  }));

  async function write(store: SqliteEventStore): Promise<void> {
    const heads = new Map<string, number>();
    for (const { streamId, events } of appends) {
      const result = await store.appendToStream(streamId, events, heads.get(streamId) ?? 'no_stream');
      heads.set(streamId, result.nextExpectedRevision as number);
    }
  }

  it('writes the same log as a store that commits every append: the same digest, verified', async () => {
    const durable = new SqliteEventStore({ path: join(dir, 'durable.db') });
    const bulk = new SqliteEventStore({ path: join(dir, 'bulk.db'), bulkLoad: { commitEvery: 7 } });
    await write(durable);
    await write(bulk);
    expect((await digestLog(bulk)).digest).toBe((await digestLog(durable)).digest);
    await durable.close();
    await bulk.close();
    // Its journal was in memory while it loaded; the file is left in WAL mode, as every log is.
    const raw = new Database(join(dir, 'bulk.db'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const reopened = new SqliteEventStore({ path: join(dir, 'bulk.db'), readOnly: true });
    try {
      const report = await verifyLog(reopened);
      expect(report.ok).toBe(true);
      expect(report.eventsChecked).toBe(appends.reduce((n, a) => n + a.events.length, 0));
    } finally {
      await reopened.close();
    }
  });

  it('its own reads see every append at once; another connection sees them every commitEvery groups, and all after close', async () => {
    const path = join(dir, 'visible.db');
    const bulk = new SqliteEventStore({ path, bulkLoad: { commitEvery: 10 } });
    const other = new SqliteEventStore({ path, readOnly: true });
    try {
      for (let i = 0; i < 15; i++) await bulk.appendToStream(`v-${i}`, [newEvent({ i })], 'no_stream');
      expect(await bulk.headPosition()).toBe(15);
      expect(await bulk.readStream('v-14')).toHaveLength(1);
      // Ten groups committed, five open.
      expect(await other.headPosition()).toBe(10);
      // A conflict rolls back its own savepoint only: the open groups stay.
      await expect(bulk.appendToStream('v-3', [newEvent({ again: true })], 'no_stream')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      await bulk.close();
      expect(await other.headPosition()).toBe(15);
    } finally {
      await other.close();
    }
  });
});
