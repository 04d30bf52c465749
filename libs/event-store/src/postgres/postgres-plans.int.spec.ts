import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { Client } from 'pg';
import { PostgresEventStore } from './postgres-event-store';
import { newEvent } from '../testing/contract';

/**
 * The claim: an append reads the log by key, however small the log was when
 * its session planned the append function's statements. Before, the plan
 * cached on a new log read the Merkle tree's right edge through a hash join
 * over the whole of merkle_nodes, once an append. Each append then cost more
 * as the log grew, until autovacuum's next ANALYZE. The table's seq_scan
 * counter shows it; it does not depend on how fast the machine is.
 */
describeWithPostgres('PostgresEventStore: appends read by key', () => {
  it('a session that starts on an empty log appends 400 events without scanning merkle_nodes or events whole', async () => {
    const connectionString = await createTestDatabase('plans');
    // One connection: every append runs in the session whose plans were cached while the log was empty.
    const store = await PostgresEventStore.open({ connectionString, poolSize: 1 });
    const admin = new Client({ connectionString });
    await admin.connect();
    try {
      const scans = async () =>
        (
          await admin.query<{ relname: string; seq_scan: string; n_tup_ins: string }>(
            `SELECT relname, seq_scan, n_tup_ins FROM pg_stat_user_tables WHERE schemaname = $1 AND relname IN ('events', 'merkle_nodes')`,
            [store.schema],
          )
        ).rows;
      const before = await scans();
      for (let i = 0; i < 400; i++) await store.appendToStream(`s-${i % 7}`, [newEvent({ i })], 'any');
      // Statistics reach other sessions within about a second of a transaction's end: wait until the 400 inserts show.
      const deadline = Date.now() + 10_000;
      let after = await scans();
      while (Number(after.find((r) => r.relname === 'events')?.n_tup_ins ?? 0) < 400 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await scans();
      }
      const seqScans = (rows: typeof after, table: string) => Number(rows.find((r) => r.relname === table)?.seq_scan ?? 0);
      expect(Number(after.find((r) => r.relname === 'events')?.n_tup_ins)).toBeGreaterThanOrEqual(400);
      // Opening the store reads the new tables a few times (the migration, the tree check), and its statistics may
      // show only now; the old plan scanned merkle_nodes in 99 of the first 300 appends, 399 of 600.
      expect(seqScans(after, 'merkle_nodes') - seqScans(before, 'merkle_nodes')).toBeLessThan(6);
      expect(seqScans(after, 'events') - seqScans(before, 'events')).toBeLessThan(6);
    } finally {
      await admin.end();
      await store.close();
    }
  });
});
