import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { PostgresReadModelStore } from './postgres/postgres-read-model-store';
import { Projector, type RetryReport } from './projector';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
import type { ReadModelStore } from './store';
import { seedLog } from './testing/crash-cycles';
import { TOY_MODELS, auditTrail, personLevel, readWholeLog, replayLevel, streamCounter } from './testing/toy-models';

/** Polls until `check` holds (or fails after `ms`). */
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every effect exactly once: counters equal the true counts, one audit row per event, as-of equals a replay, checkpoint at the log's end. */
async function expectExactlyOnce(events: EventStore, store: ReadModelStore): Promise<void> {
  const log = await readWholeLog(events);
  expect((await store.generations('retry')).map((g) => [g.status, g.position])).toEqual([['live', log[log.length - 1]?.globalPosition]]);
  const counts = new Map<string, number>();
  for (const e of log) if (e.type === 'Counted') counts.set(e.streamId, (counts.get(e.streamId) ?? 0) + 1);
  expect(Object.fromEntries((await store.list(streamCounter)).map((r) => [r['stream_id'], r['count']]))).toEqual(Object.fromEntries(counts));
  expect((await store.list(auditTrail)).map((r) => r['global_position'])).toEqual(log.map((e) => e.globalPosition));
  for (const person of ['p0', 'p7', 'p13']) {
    for (const date of ['2023-03-01', '2024-06-30']) {
      const expected = replayLevel(log, person, date);
      const asOf = await store.asOf(personLevel, date, { where: { person_id: person } });
      expect(asOf.map((r) => ({ level: r['level'], organ_id: r['organ_id'] }))).toEqual(expected ? [expected] : []);
    }
  }
}

describe('Projector.run() with onError: rides out store failures and resumes from the checkpoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-projector-retry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite: another connection holds the write lock (SQLITE_BUSY) — errors reported with growing attempts, then it catches up and follows', async () => {
    const events = new SqliteEventStore({ path: join(dir, 'events.db') });
    await seedLog(events, 400);
    const readModelsPath = join(dir, 'read-models.db');
    const store = new SqliteReadModelStore({ path: readModelsPath, busyTimeoutMs: 20 });
    const blocker = new Database(readModelsPath);
    blocker.exec('BEGIN IMMEDIATE');
    const reports: Array<{ code: unknown; report: RetryReport }> = [];
    const projector = new Projector({
      name: 'retry',
      models: TOY_MODELS,
      events,
      store,
      batchSize: 50,
      retry: { firstDelayMs: 5, maxDelayMs: 40 },
      onError: (error, report) => reports.push({ code: (error as { code?: unknown }).code, report }),
    });
    const abort = new AbortController();
    const running = projector.run(abort.signal);
    try {
      await until(() => reports.length >= 4, 'four failed attempts');
      expect(reports.map((r) => r.code)).toEqual(reports.map(() => 'SQLITE_BUSY'));
      expect(reports.slice(0, 4).map((r) => r.report.attempt)).toEqual([1, 2, 3, 4]);
      expect(reports.every((r) => r.report.delayMs <= 40)).toBe(true);
      blocker.exec('COMMIT');

      await until(async () => (await store.generations('retry'))[0]?.position === 400, 'the catch-up');
      // Following: new events arrive, and the lock is taken once more while they do.
      blocker.exec('BEGIN IMMEDIATE');
      await seedLog(events, 120);
      const failuresBefore = reports.length;
      await until(() => reports.length > failuresBefore, 'a failure while following');
      blocker.exec('COMMIT');
      await until(async () => (await store.generations('retry'))[0]?.position === 520, 'following after the failure');
    } finally {
      abort.abort();
      if (blocker.inTransaction) blocker.exec('ROLLBACK');
      blocker.close();
    }
    await expect(running).resolves.toBeUndefined();
    await expectExactlyOnce(events, store);
    await store.close();
    await events.close();
  }, 60_000);

  it('aborted while it reads the live generation between the catch-up and following: run() returns at once', async () => {
    const events = new SqliteEventStore({ path: join(dir, 'events-3.db') });
    await seedLog(events, 30);
    const store = new SqliteReadModelStore({ path: join(dir, 'read-models-3.db') });
    const abort = new AbortController();
    let caughtUp = false;
    // The catch-up's last read finds nothing; the next look at the generations is run()'s, just before it follows: abort there.
    const watchedEvents = new Proxy(events, {
      get(target, key) {
        if (key === 'readAll') {
          return async (options: Parameters<EventStore['readAll']>[0]) => {
            const batch = await target.readAll(options);
            if (batch.length === 0) caughtUp = true;
            return batch;
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const abortingStore = new Proxy(store, {
      get(target, key) {
        if (key === 'generations') {
          return async (projector: string) => {
            const generations = await target.generations(projector);
            if (caughtUp) abort.abort();
            return generations;
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const running = new Projector({ name: 'retry', models: TOY_MODELS, events: watchedEvents, store: abortingStore }).run(abort.signal);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([running.then(() => 'returned'), new Promise<string>((r) => (timer = setTimeout(() => r('still running 5 s after abort'), 5_000)))]);
    clearTimeout(timer);
    expect(abort.signal.aborted).toBe(true);
    expect(outcome).toBe('returned');
    await store.close();
    await events.close();
  });

  it('without onError, run() throws the first failure, as before', async () => {
    const events = new SqliteEventStore({ path: join(dir, 'events-2.db') });
    await seedLog(events, 50);
    const readModelsPath = join(dir, 'read-models-2.db');
    const store = new SqliteReadModelStore({ path: readModelsPath, busyTimeoutMs: 20 });
    const blocker = new Database(readModelsPath);
    blocker.exec('BEGIN IMMEDIATE');
    try {
      await expect(new Projector({ name: 'retry', models: TOY_MODELS, events, store }).run(new AbortController().signal)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
      await store.close();
      await events.close();
    }
  });
});

describeWithPostgres('Projector.run() with onError on PostgreSQL', () => {
  it('its connections terminated (pg_terminate_backend) mid-catch-up, again and again: reported, retried, every effect exactly once', async () => {
    const url = await createTestDatabase('pretry');
    const events = await PostgresEventStore.open({ connectionString: url, poolSize: 2 });
    await seedLog(events, 3000);
    const store = await PostgresReadModelStore.open({ connectionString: url, schema: 'read_models', poolSize: 2 });
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const errors: string[] = [];
    let batches = 0;
    const inFlight = new Map<number, string>();
    let calls = 0;
    const traced = <T extends object>(target: T, label: string): T =>
      new Proxy(target, {
        get(obj, key, receiver) {
          const value = Reflect.get(obj, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const result = value.apply(obj, args);
            if (key === 'subscribeToAll') {
              const iterable = result as AsyncIterable<unknown>;
              return { [Symbol.asyncIterator]: () => traced(iterable[Symbol.asyncIterator](), 'subscription') };
            }
            if (result && typeof (result as Promise<unknown>).then === 'function') {
              const id = ++calls;
              inFlight.set(id, `${label}.${String(key)}`);
              (result as Promise<unknown>).then(
                () => inFlight.delete(id),
                () => inFlight.delete(id),
              );
            }
            return result;
          };
        },
      });
    const projector = new Projector({
      name: 'retry',
      models: TOY_MODELS,
      events: traced(events, 'events'),
      store: traced(store, 'store'),
      batchSize: 10,
      retry: { firstDelayMs: 5, maxDelayMs: 50 },
      onBatch: () => batches++,
      onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
    });
    const abort = new AbortController();
    const running = projector.run(abort.signal);
    // One deadline for all the waits below, well inside the test's timeout, and a timeline of what happened
    // when, so that a slow or stuck run fails with a diagnosis rather than jest's bare timeout.
    const started = Date.now();
    const deadline = started + 90_000;
    const timeline: string[] = [];
    const mark = (what: string) => timeline.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${what} (batches ${batches}, errors ${errors.length})`);
    const waitFor = async (check: () => boolean | Promise<boolean>, what: string) => {
      try {
        await until(check, what, Math.max(0, deadline - Date.now()));
      } catch (error) {
        mark(`gave up waiting for ${what}`);
        throw new Error(`${(error as Error).message}\ntimeline:\n${timeline.join('\n')}\nerrors:\n${errors.slice(0, 20).join('\n')}`);
      }
      mark(what);
    };
    let stopped = false;
    try {
      // Read by a connection of the test's own: the store's are the ones being terminated.
      const position = async () =>
        Number((await admin.query("SELECT position FROM read_models.projection_checkpoints WHERE projector = 'retry' AND status = 'live'")).rows[0]?.position ?? 0);
      // Terminate the projector's connections while it is catching up, a few times.
      for (let round = 0; round < 4 && (await position()) < 2500; round++) {
        const seen = batches;
        await waitFor(() => batches > seen + 2, `batches before termination ${round + 1}`);
        const failures = errors.length;
        const terminated = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'auxledger-projections' AND pid <> pg_backend_pid()",
        );
        mark(`terminated ${terminated.rowCount} connections`);
        await waitFor(async () => errors.length > failures || batches > seen + 20 || (await position()) === 3000, `the failure after termination ${round + 1}`);
      }
      await waitFor(async () => (await position()) === 3000, 'the catch-up');
    } finally {
      abort.abort();
      mark('aborted');
      let timer: NodeJS.Timeout | undefined;
      stopped = await Promise.race([running.then(() => true, () => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), 15_000)))]);
      clearTimeout(timer);
      mark(stopped ? 'run() returned' : `run() still running 15 s after abort, waiting on: ${[...inFlight.values()].join(', ') || 'nothing of the stores'}`);
      await admin.end();
    }
    if (!stopped) throw new Error(`run() did not return after abort\ntimeline:\n${timeline.join('\n')}`);
    await expect(running).resolves.toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((m) => /terminat|connection/i.test(m))).toBe(true);
    await store.close();
    await events.close();
    const freshEvents = await PostgresEventStore.open({ connectionString: url, poolSize: 2 });
    const freshStore = await PostgresReadModelStore.open({ connectionString: url, schema: 'read_models', poolSize: 2 });
    await expectExactlyOnce(freshEvents, freshStore);
    await freshStore.close();
    await freshEvents.close();
  }, 120_000);
});
