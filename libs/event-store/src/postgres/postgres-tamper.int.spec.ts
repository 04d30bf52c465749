import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { Client } from 'pg';
import { PostgresEventStore } from './postgres-event-store';
import { tamperContract } from '../testing/tamper';

describeWithPostgres('PostgresEventStore rows', () => {
  tamperContract('PostgreSQL rows edited directly', {
    open: async () => {
      const connectionString = await createTestDatabase('tamper');
      const store = await PostgresEventStore.open({ connectionString });
      // The intruder: a connection of its own, past the store.
      const db = new Client({ connectionString });
      await db.connect();
      const events = 'auxledger.events';
      return {
        store,
        raw: {
          update: async (position, fields) => {
            if (fields.data) await db.query(`UPDATE ${events} SET data = $1::jsonb WHERE global_position = $2`, [JSON.stringify(fields.data), position]);
            if (fields.hash) await db.query(`UPDATE ${events} SET hash = $1 WHERE global_position = $2`, [fields.hash, position]);
            if (fields.prevHash !== undefined) await db.query(`UPDATE ${events} SET prev_hash = $1 WHERE global_position = $2`, [fields.prevHash, position]);
            if (fields.logDigest) await db.query(`UPDATE ${events} SET log_digest = $1 WHERE global_position = $2`, [fields.logDigest, position]);
          },
          delete: async (position) => {
            await db.query(`DELETE FROM ${events} WHERE global_position = $1`, [position]);
          },
          swap: async (a, b) => {
            // Through a temporary negative position, so that the primary key holds at every step.
            await db.query('BEGIN');
            await db.query(`UPDATE ${events} SET global_position = -$1::bigint WHERE global_position = $1`, [a]);
            await db.query(`UPDATE ${events} SET global_position = $1 WHERE global_position = $2`, [a, b]);
            await db.query(`UPDATE ${events} SET global_position = $1 WHERE global_position = -$2::bigint`, [b, a]);
            await db.query('COMMIT');
          },
          truncateAfter: async (position) => {
            await db.query(`DELETE FROM ${events} WHERE global_position > $1`, [position]);
            // And the subtrees over the removed events, and the head, so that appends go on from there.
            await db.query('DELETE FROM auxledger.merkle_nodes WHERE (idx + 1) * (1::bigint << level) > $1', [position]);
            await db.query('UPDATE auxledger.log_head SET last_position = $1', [position]);
          },
          replaceMerkleNodes: async (nodes) => {
            await db.query('BEGIN');
            await db.query('DELETE FROM auxledger.merkle_nodes');
            await db.query('INSERT INTO auxledger.merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])', [
              nodes.map((n) => n.level),
              nodes.map((n) => n.index),
              nodes.map((n) => n.hash),
            ]);
            await db.query('COMMIT');
          },
        },
        close: async () => {
          await db.end();
          await store.close();
        },
      };
    },
  });
});
