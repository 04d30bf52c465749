import { existsSync } from 'node:fs';
import { type EventStore, KurrentDbEventStore, PostgresEventStore, SqliteEventStore, isEventStoreError } from '@auxledger/event-store';
import { CliError, UsageError } from './cli-error';

export interface LogLocation {
  /** A SQLite file (a copy works: the reading commands only read). */
  db?: string;
  /** A PostgreSQL connection string. */
  pg?: string;
}

/**
 * Opens the event log the auditor names, to read it. A SQLite file must exist
 * and is opened read-only: nothing is created, migrated or written in it
 * (SQLite may leave its -wal/-shm side files beside it); a file without the
 * log's table is refused, naming the likely cause.
 */
export async function openLog({ db, pg }: LogLocation): Promise<EventStore> {
  if (pg && db) throw new UsageError('ONE_LOG', { zh: '只能指定一个记录库：--db 或 --pg', en: 'name one log: --db or --pg, not both' });
  if (pg) return PostgresEventStore.open({ connectionString: pg });
  // Neither named: the log on KurrentDB when AUXLEDGER_ESDB_URL names one (reads and verify need no multi-stream append).
  const kurrentdb = process.env['AUXLEDGER_ESDB_URL'];
  if (!db && kurrentdb) return new KurrentDbEventStore({ connectionString: kurrentdb });
  const path = existingSqliteFile(db);
  try {
    return new SqliteEventStore({ path, readOnly: true });
  } catch (error) {
    if (!isEventStoreError(error, 'NOT_A_LOG')) throw error;
    throw new CliError('NOT_A_LOG', {
      zh: `${path} 中没有事件日志（若是用 cp 复制的副本：最后的提交还在 -wal 文件中；请用 auxledger backup 复制）`,
      en: `${path} holds no event log (if it is a copy taken with cp: the last commits were in its -wal file; copy with auxledger backup)`,
    });
  }
}

/** The `--db` file, which must exist: a typo must not create an empty log. */
export function existingSqliteFile(db: string | undefined): string {
  if (!db) throw new UsageError('NO_LOG', { zh: '请指定记录库：--db <SQLite 文件> 或 --pg <连接串>', en: 'name the log: --db <sqlite file> or --pg <connection string>' });
  if (!existsSync(db)) throw new UsageError('NO_SUCH_FILE', { zh: `没有这个文件：${db}`, en: `no such file: ${db}` });
  return db;
}

/** Opens the deployment's own log to write into it (`digest --new` stores the checkpoint it signs): the file must exist. */
export async function openLogForWriting({ db, pg }: LogLocation): Promise<EventStore> {
  if (pg && db) throw new UsageError('ONE_LOG', { zh: '只能指定一个记录库：--db 或 --pg', en: 'name one log: --db or --pg, not both' });
  if (pg) return PostgresEventStore.open({ connectionString: pg });
  return new SqliteEventStore({ path: existingSqliteFile(db) });
}
