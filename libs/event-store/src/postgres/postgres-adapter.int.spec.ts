import { createTestDatabase, describeWithPostgres, postgresUrl } from '@auxledger/test-support';
import { Client, Pool } from 'pg';
import { PostgresEventStore } from './postgres-event-store';
import { isEventStoreError } from '../errors';
import { newEvent } from '../testing/contract';
import type { RecordedEvent } from '../port';
import { verifyLog } from '../verify';
import { openMerkleTree, rootOfEventHashes } from '../merkle/merkle-log';

/** What the contract does not cover: the schema, LISTEN/NOTIFY, pools and lost connections. */

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, but the call succeeded');
}

/** Backends of the database running LISTEN (the LISTEN connection stays idle with it as its last query). */
async function listeners(admin: Client): Promise<number> {
  const result = await admin.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
  );
  return Number(result.rows[0]?.n);
}

describeWithPostgres('PostgresEventStore adapter', () => {
  let connectionString: string;
  let admin: Client;
  beforeAll(async () => {
    connectionString = await createTestDatabase('adapter');
    admin = new Client({ connectionString });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
  });

  it('keeps the Merkle tree inside multi-stream appends, and builds it once for a log written before it existed', async () => {
    const url = await createTestDatabase('merkle_backfill');
    const store = await PostgresEventStore.open({ connectionString: url });
    for (let i = 0; i < 9; i++) {
      await store.appendToStreams([
        { streamId: `m-a-${i % 2}`, events: [newEvent({ i }), newEvent({ i, second: true })], expectedRevision: 'any' },
        { streamId: `m-b-${i % 3}`, events: [newEvent({ i })], expectedRevision: 'any' },
      ]);
    }
    const log = await store.readAll({ maxCount: 100 });
    expect(log).toHaveLength(27);
    const expected = rootOfEventHashes(log.map((e) => e.metadata.hash));
    expect((await (await openMerkleTree(store)).rootHash(27)).equals(expected)).toBe(true);
    await store.close();
    // As if written before the tree: no nodes. The next open builds them, and appends go on from there.
    const db = new Client({ connectionString: url });
    await db.connect();
    await db.query('DELETE FROM auxledger.merkle_nodes');
    const reopened = await PostgresEventStore.open({ connectionString: url });
    const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM auxledger.merkle_nodes');
    expect(Number(rows.rows[0]?.n)).toBe(27 - 4); // one per leaf but for each set bit of 27 (11011)
    await reopened.appendToStream('m-c', [newEvent({ after: true })], 'any');
    const all = await reopened.readAll({ maxCount: 100 });
    expect((await (await openMerkleTree(reopened)).rootHash(28)).equals(rootOfEventHashes(all.map((e) => e.metadata.hash)))).toBe(true);
    expect((await verifyLog(reopened)).ok).toBe(true);
    await db.end();
    await reopened.close();
  });

  it('creates its tables once, however many stores open a fresh database at the same time', async () => {
    const url = await createTestDatabase('migrate');
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresEventStore.open({ connectionString: url })));
    await Promise.all(stores.map((store) => store.close()));
    const check = new Client({ connectionString: url });
    await check.connect();
    const tables = await check.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'auxledger' ORDER BY 1`);
    const head = await check.query('SELECT id, last_position FROM auxledger.log_head');
    await check.end();
    expect(tables.rows.map((r) => r.table_name)).toEqual(['checkpoints', 'events', 'log_head', 'merkle_nodes']);
    expect(head.rows).toEqual([{ id: 1, last_position: '0' }]);
  });

  it('reopens an existing log and continues it; a missing log head is rebuilt from the last event', async () => {
    const url = await createTestDatabase('reopen');
    const first = await PostgresEventStore.open({ connectionString: url });
    await first.appendToStream('reopen', [newEvent(), newEvent(), newEvent()], 'no_stream');
    await first.close();
    const check = new Client({ connectionString: url });
    await check.connect();
    await check.query('DROP TABLE auxledger.log_head');
    await check.end();

    const second = await PostgresEventStore.open({ connectionString: url });
    const result = await second.appendToStream('reopen', [newEvent()], 2);
    expect(result.events[0]?.globalPosition).toBe(4);
    expect((await verifyLog(second)).ok).toBe(true);
    await second.close();
  });

  it('keeps separate logs in separate schemas, and refuses a schema name it would have to quote', async () => {
    const one = await PostgresEventStore.open({ connectionString, schema: 'log_one' });
    const two = await PostgresEventStore.open({ connectionString, schema: 'log_two' });
    await one.appendToStream('s', [newEvent()], 'no_stream');
    const appended = await two.appendToStream('s', [newEvent()], 'no_stream');
    expect(appended.events[0]?.globalPosition).toBe(1);
    expect(await one.readAll()).toHaveLength(1);
    await Promise.all([one.close(), two.close()]);
    await expect(PostgresEventStore.open({ connectionString, schema: 'Log; DROP' })).rejects.toThrow(/schema name/);
  });

  it('wakes a subscriber in another process through LISTEN/NOTIFY, long before its poll interval', async () => {
    const writer = await PostgresEventStore.open({ connectionString, schema: 'notify' });
    const reader = await PostgresEventStore.open({ connectionString, schema: 'notify', pollIntervalMs: 60_000 });
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const following = (async () => {
      for await (const event of reader.subscribeToAll({ signal: controller.signal })) seen.push(event);
    })();
    try {
      await waitFor('the reader to LISTEN', async () => (await listeners(admin)) === 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      const { events } = await writer.appendToStream('notified', [newEvent()], 'no_stream');
      await waitFor('the notification', () => seen.length === 1, 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(seen[0]?.eventId).toBe(events[0]?.eventId);
    } finally {
      controller.abort();
      await following;
      await Promise.all([reader.close(), writer.close()]);
    }
  });

  it('on close, releases its LISTEN connection and leaves a borrowed pool open', async () => {
    const pool = new Pool({ connectionString, max: 3 });
    const store = await PostgresEventStore.open({ pool, schema: 'borrowed', pollIntervalMs: 20 });
    const controller = new AbortController();
    const following = (async () => {
      for await (const _ of store.subscribeToAll({ signal: controller.signal })) {
        // nothing to see
      }
    })();
    await waitFor('the store to LISTEN', async () => (await listeners(admin)) === 1);
    controller.abort();
    await following;
    await store.close();
    await store.close();
    await waitFor('the LISTEN connection to end', async () => (await listeners(admin)) === 0);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('a store it opened itself ends its pool on close', async () => {
    const store = await PostgresEventStore.open({ connectionString, schema: 'closing' });
    await store.close();
    await expect(store.appendToStream('after-close', [newEvent()], 'any')).rejects.toThrow();
  });

  it('reports an unreachable server or a missing database as STORE_UNAVAILABLE', async () => {
    const unreachable = await errorOf(PostgresEventStore.open({ connectionString: 'postgresql://postgres@127.0.0.1:1/none', connectionTimeoutMs: 2000 }));
    expect(isEventStoreError(unreachable, 'STORE_UNAVAILABLE')).toBe(true);
    const url = new URL(postgresUrl() as string);
    url.pathname = '/no_such_database';
    const missing = await errorOf(PostgresEventStore.open({ connectionString: url.toString() }));
    expect(isEventStoreError(missing, 'STORE_UNAVAILABLE')).toBe(true);
  });

  it('an append whose connection is lost mid-transaction fails STORE_UNAVAILABLE, writes nothing, and can be retried', async () => {
    const url = await createTestDatabase('lost');
    const store = await PostgresEventStore.open({ connectionString: url, poolSize: 2 });
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      await store.appendToStream('lost', [newEvent()], 'no_stream');
      // Stall the next append inside its transaction, then kill its connection.
      await db.query(`CREATE FUNCTION auxledger.stall() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock(77); RETURN NULL; END $$`);
      await db.query('CREATE TRIGGER stall AFTER INSERT ON auxledger.events FOR EACH STATEMENT EXECUTE FUNCTION auxledger.stall()');
      await db.query('SELECT pg_advisory_lock(77)');
      const events = [newEvent({ n: 1 }), newEvent({ n: 2 })];
      const attempt = errorOf(store.appendToStream('lost', events, 0));
      let pid: number | undefined;
      await waitFor('the append to stall', async () => {
        const stalled = await db.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`,
        );
        pid = stalled.rows[0]?.pid;
        return pid !== undefined;
      });
      await db.query('SELECT pg_terminate_backend($1)', [pid]);
      expect(isEventStoreError(await attempt, 'STORE_UNAVAILABLE')).toBe(true);
      await db.query('SELECT pg_advisory_unlock(77)');

      expect(await store.readStream('lost')).toHaveLength(1);
      const retried = await store.appendToStream('lost', events, 0);
      expect(retried.alreadyStored).toBe(false);
      expect(retried.events.map((e) => e.globalPosition)).toEqual([2, 3]);
      expect((await store.appendToStream('lost', events, 0)).alreadyStored).toBe(true);
      expect((await verifyLog(store)).ok).toBe(true);
    } finally {
      await db.end();
      await store.close();
    }
  });
});
