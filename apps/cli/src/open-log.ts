import { existsSync } from 'node:fs';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';
import { UsageError } from './cli-error';

export interface LogLocation {
  /** A SQLite file (a copy works: the reading commands only read). */
  db?: string;
  /** A PostgreSQL connection string. */
  pg?: string;
}

/** Opens the event log the auditor names; a SQLite file must exist (it is never created here). */
export async function openLog({ db, pg }: LogLocation): Promise<EventStore> {
  if (pg && db) throw new UsageError('ONE_LOG', { zh: '只能指定一个记录库：--db 或 --pg', en: 'name one log: --db or --pg, not both' });
  if (pg) return PostgresEventStore.open({ connectionString: pg });
  return new SqliteEventStore({ path: existingSqliteFile(db) });
}

/** The `--db` file, which must exist: a typo must not create an empty log. */
export function existingSqliteFile(db: string | undefined): string {
  if (!db) throw new UsageError('NO_LOG', { zh: '请指定记录库：--db <SQLite 文件> 或 --pg <连接串>', en: 'name the log: --db <sqlite file> or --pg <connection string>' });
  if (!existsSync(db)) throw new UsageError('NO_SUCH_FILE', { zh: `没有这个文件：${db}`, en: `no such file: ${db}` });
  return db;
}
