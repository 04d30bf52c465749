import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, SqliteEventStore, verifyLog } from '@auxledger/event-store';
import { newEvent } from '@auxledger/event-store/testing';
import { runCliProcess } from './run-for-test';

/**
 * `auxledger verify` on a live SQLite database: another connection (the
 * API) appends while it scans. The scan reads one snapshot (one read
 * transaction), so it reports the log as it was when it began, intact, and
 * never a truncation or a gap from events committed mid-scan.
 */
describe('auxledger verify on a live database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-verify-live-'));
  const db = join(dir, 'live.db');
  let writer: SqliteEventStore;
  let appended = 0;
  const append = async (count = 1) => {
    for (let i = 0; i < count; i++) {
      appended += 1;
      await writer.appendToStream(`auxiliary-${appended % 5}`, [newEvent({ n: appended, name: '辅警' })], 'any');
    }
  };

  beforeAll(async () => {
    writer = new SqliteEventStore({ path: db });
    await append(60);
  });
  afterAll(async () => {
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('readConsistently: every read inside sees the log as it was when it began, while the writer commits', async () => {
    const reader = new SqliteEventStore({ path: db, readOnly: true });
    try {
      const before = await reader.headPosition();
      const seen = await reader.readConsistently(async () => {
        await append(10);
        return { head: await reader.headPosition(), events: (await reader.readAll({ after: 0, maxCount: 1_000_000 })).length };
      });
      expect(seen).toEqual({ head: before, events: before });
      // The snapshot ended: the next read sees the writer's commits.
      expect(await reader.headPosition()).toBe(before + 10);
    } finally {
      await reader.close();
    }
  });

  it('verifyLog in one snapshot while the writer appends between its batches: intact, exactly the events at its start', async () => {
    const reader = new SqliteEventStore({ path: db, readOnly: true });
    try {
      const start = await reader.headPosition();
      // After every batch the scan reads, the writer commits three more events.
      const live = new Proxy(reader, {
        get(target, property) {
          const value = Reflect.get(target, property) as unknown;
          if (property === 'readAll') {
            return async (...args: Parameters<EventStore['readAll']>) => {
              const batch = await target.readAll(...args);
              await append(3);
              return batch;
            };
          }
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      const report = await reader.readConsistently(() => verifyLog(live, { batchSize: 7 }));
      expect(report.breaks).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.eventsChecked).toBe(start);
      expect(report.checkpoint.position).toBe(start);
      expect(report.storedTree).toBe('compared');
      expect(await reader.headPosition()).toBeGreaterThan(start);
    } finally {
      await reader.close();
    }
  });

  it('the CLI (its own process) verifies while this process appends: exit 0, intact, no truncation', async () => {
    // A longer log first, in 20 commits of 100 events, so that the scan takes a while.
    for (let c = 0; c < 20; c++) {
      await writer.appendToStream(`auxiliary-bulk-${c}`, Array.from({ length: 100 }, (_, i) => newEvent({ c, i, name: '辅警' })), 'any');
    }
    let writing = true;
    const during = (async () => {
      let n = 0;
      while (writing) {
        await append(1);
        n += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return n;
    })();
    const verified = await runCliProcess(['verify', '--db', db, '--json']);
    writing = false;
    const writtenMeanwhile = await during;
    expect(verified.err).toBe('');
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.out) as { ok: boolean; breaks: unknown[]; eventsChecked: number };
    expect(report.breaks).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.eventsChecked).toBeGreaterThanOrEqual(2060);
    expect(writtenMeanwhile).toBeGreaterThan(0);
    // And verify again once the writer has stopped: every event, the last ones included.
    const after = JSON.parse((await runCliProcess(['verify', '--db', db, '--json'])).out) as { ok: boolean; eventsChecked: number };
    expect(after).toMatchObject({ ok: true, eventsChecked: await writer.headPosition() });
  }, 120_000);
});
