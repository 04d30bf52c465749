import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { Client } from 'pg';
import { PostgresEventStore } from './postgres-event-store';
import { logEnd, newEvent } from '../testing/contract';
import type { RecordedEvent } from '../port';
import { verifyLog } from '../verify';

/**
 * The claim: a subscriber reading the log while transactions commit out of
 * order never skips an event that commits late. With positions from a
 * sequence, append A could take position 2, B position 3, B commit first, and
 * a reader see 3, move its checkpoint past 2, and never read A. Here appends
 * are serialized through the log_head row, so B cannot take a position until
 * A has committed.
 */

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Follows the whole log from the start into `seen` until aborted. */
function follow(store: PostgresEventStore, seen: RecordedEvent[], batchSize: number) {
  const controller = new AbortController();
  const done = (async () => {
    for await (const event of store.subscribeToAll({ after: 0, batchSize, signal: controller.signal })) seen.push(event);
  })();
  return {
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describeWithPostgres('PostgresEventStore: global order is gap-safe', () => {
  it('an append that commits late holds back every later append: a reader sees neither, then both, in order, with no position skipped', async () => {
    const connectionString = await createTestDatabase('gap');
    const writer = await PostgresEventStore.open({ connectionString, pollIntervalMs: 20 });
    // The reader is another process as far as the writer is concerned: its own pool, woken by LISTEN or polling.
    const reader = await PostgresEventStore.open({ connectionString, pollIntervalMs: 20 });
    // Appends of one store queue behind its group being written (group commit); another process's wait at the log head.
    const otherWriter = await PostgresEventStore.open({ connectionString, pollIntervalMs: 20 });
    const admin = new Client({ connectionString });
    await admin.connect();
    const waiting = async (events: string[]) =>
      Number(
        (
          await admin.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = ANY($1)`,
            [events],
          )
        ).rows[0]?.n,
      );
    const seen: RecordedEvent[] = [];
    const subscription = follow(reader, seen, 2);
    try {
      const seed = await writer.appendToStream('gap-seed', [newEvent({ seed: true })], 'no_stream');
      expect(seed.events[0]?.globalPosition).toBe(1);
      await waitFor('the subscriber to see the seed', () => seen.length === 1);

      // A stall inside the append transaction, after its INSERT and before its COMMIT: an
      // AFTER INSERT trigger that waits for advisory lock 4242 while the test holds it.
      await admin.query(`CREATE FUNCTION auxledger.stall() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NULL; END $$`);
      await admin.query('CREATE TRIGGER stall AFTER INSERT ON auxledger.events FOR EACH STATEMENT EXECUTE FUNCTION auxledger.stall()');
      await admin.query('SELECT pg_advisory_lock(4242)');

      const eventsA = [newEvent({ a: 1 }), newEvent({ a: 2 })];
      const eventsB = [newEvent({ b: 1 })];
      const appendA = writer.appendToStream('gap-a', eventsA, 'no_stream');
      // A has locked the log head, inserted its rows and is stalled before COMMIT.
      await waitFor('append A to stall inside its transaction', async () => (await waiting(['advisory'])) === 1);
      // B, on another stream from another process, waits for the log head row A holds, before it has taken any position.
      const appendB = otherWriter.appendToStream('gap-b', eventsB, 'no_stream');
      await waitFor('append B to wait for the log head', async () => (await waiting(['transactionid', 'tuple'])) === 1);

      // Several poll intervals later, no reader has seen either.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await reader.readAll({ after: 1 })).toEqual([]);
      expect(await writer.readAll({ after: 1 })).toEqual([]);
      expect(seen.map((e) => e.globalPosition)).toEqual([1]);
      expect(await waiting(['advisory'])).toBe(1);

      await admin.query('SELECT pg_advisory_unlock(4242)');
      const [a, b] = await Promise.all([appendA, appendB]);
      expect(a.events.map((e) => e.globalPosition)).toEqual([2, 3]);
      expect(b.events.map((e) => e.globalPosition)).toEqual([4]);

      await waitFor('the subscriber to see both appends', () => seen.length === 4);
      expect(seen.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4]);
      expect(seen.map((e) => e.eventId)).toEqual([seed.events[0]?.eventId, ...eventsA.map((e) => e.eventId), ...eventsB.map((e) => e.eventId)]);
      expect((await verifyLog(reader)).ok).toBe(true);
    } finally {
      await admin.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await subscription.stop();
      await admin.end();
      await reader.close();
      await otherWriter.close();
      await writer.close();
    }
  });

  it('8 concurrent writers in two processes: a subscriber from 0 sees the whole log, in order, with no gaps and no duplicates', async () => {
    const connectionString = await createTestDatabase('stress');
    const processes = [
      await PostgresEventStore.open({ connectionString, poolSize: 5 }),
      await PostgresEventStore.open({ connectionString, poolSize: 5 }),
    ];
    // A long poll interval: the subscriber keeps up through LISTEN/NOTIFY.
    const reader = await PostgresEventStore.open({ connectionString, pollIntervalMs: 2000 });
    const seen: RecordedEvent[] = [];
    const subscription = follow(reader, seen, 7);
    const writers = 8;
    const appendsPerWriter = 40;
    const results: RecordedEvent[][] = [];
    try {
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const store = processes[w % 2] as PostgresEventStore;
          const revisions = new Map<string, number>();
          for (let i = 0; i < appendsPerWriter; i++) {
            const events = Array.from({ length: 1 + (i % 3) }, (_, n) => newEvent({ w, i, n }));
            if (i % 4 === 0) {
              // A stream every writer appends to.
              results.push((await store.appendToStream('stress-shared', events, 'any')).events);
            } else {
              // A stream of the writer's own, with exact expectations.
              const stream = `stress-w${w}-s${i % 3}`;
              const expected = revisions.get(stream) ?? 'no_stream';
              const result = await store.appendToStream(stream, events, expected);
              revisions.set(stream, result.nextExpectedRevision);
              results.push(result.events);
            }
          }
        }),
      );
      const end = await logEnd(reader);
      const written = results.flat();
      expect(end).toBe(written.length);
      await waitFor('the subscriber to catch up', () => seen[seen.length - 1]?.globalPosition === end);
      await subscription.stop();

      const positions = seen.map((e) => e.globalPosition);
      expect(positions).toEqual(range(1, end));
      const log: RecordedEvent[] = [];
      for (let batch = await reader.readAll({ after: 0, maxCount: 500 }); batch.length > 0; ) {
        log.push(...batch);
        batch = await reader.readAll({ after: (batch[batch.length - 1] as RecordedEvent).globalPosition, maxCount: 500 });
      }
      expect(seen.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
      // Each append's events are consecutive in the log, where the writer was told they are.
      for (const events of results) {
        const first = events[0] as RecordedEvent;
        expect(events.map((e) => e.globalPosition)).toEqual(range(first.globalPosition, first.globalPosition + events.length - 1));
        expect(seen[first.globalPosition - 1]?.eventId).toBe(first.eventId);
      }
      const report = await verifyLog(reader);
      expect(report.breaks).toEqual([]);
      expect(report.eventsChecked).toBe(end);
    } finally {
      await subscription.stop();
      await reader.close();
      await Promise.all(processes.map((store) => store.close()));
    }
  });
});
