import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { StoreConfig } from '../config/api-config';

/**
 * The last global position of the event log: how far the read models could
 * be. The event-store port has no such read, so this is a small read-only
 * query on the log's own table (SQLite `events`, PostgreSQL `log_head`).
 */
export interface LogHead {
  position(): Promise<number>;
  close(): Promise<void>;
}

export function openLogHead(config: StoreConfig): LogHead {
  if (config.kind === 'sqlite') {
    let db: Database.Database | undefined;
    return {
      async position() {
        // Opened on first use: the event store has created the file by then.
        db ??= new Database(config.path, { readonly: true, fileMustExist: true });
        return (db.prepare('SELECT coalesce(max(global_position), 0) AS p FROM events').get() as { p: number }).p;
      },
      async close() {
        if (db?.open) db.close();
      },
    };
  }
  const pool = new Pool({ connectionString: config.url, max: 1, connectionTimeoutMillis: 10_000, application_name: 'auxledger-api-log-head' });
  pool.on('error', () => undefined);
  return {
    async position() {
      const { rows } = await pool.query<{ p: string }>('SELECT last_position AS p FROM auxledger.log_head WHERE id = 1');
      return Number(rows[0]?.p ?? 0);
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}
