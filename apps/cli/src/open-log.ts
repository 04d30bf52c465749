import { existsSync } from 'node:fs';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';

export interface LogLocation {
  /** A SQLite file (a copy works: verify reads only). */
  db?: string;
  /** A PostgreSQL connection string. */
  pg?: string;
}

/** Opens the event log the auditor names; a SQLite file must exist (it is never created here). */
export async function openLog({ db, pg }: LogLocation): Promise<EventStore> {
  if (pg && db) throw new UsageError('name one log: --db or --pg, not both');
  if (pg) return PostgresEventStore.open({ connectionString: pg });
  if (!db) throw new UsageError('name the log: --db <sqlite file> or --pg <connection string>');
  if (!existsSync(db)) throw new UsageError(`no such file: ${db}`);
  return new SqliteEventStore({ path: db });
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}
