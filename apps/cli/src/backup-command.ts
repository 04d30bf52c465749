import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@auxledger/event-store';
import { CliError, UsageError } from './cli-error';
import { L } from './lang';
import { existingSqliteFile } from './open-log';
import type { Output } from './output';

/**
 * `auxledger backup --db <log> <copy>`: a consistent copy of a SQLite log,
 * taken with SQLite's online backup API (better-sqlite3 `db.backup`) — safe
 * while the API writes: the copy is one snapshot of the database, the pages
 * still in the write-ahead log included. A `cp` of the main file alone misses
 * what is still in the -wal file (verify then reports truncation), and a `cp`
 * of both while the API writes can tear. The copy is opened afterwards as a
 * log, to report its size.
 */
export async function backupCommand(destination: string, options: { db?: string; json?: boolean }, io: Output): Promise<number> {
  const source = existingSqliteFile(options.db);
  if (existsSync(destination)) {
    throw new UsageError('DESTINATION_EXISTS', { zh: `副本文件已存在：${destination}（不会覆盖）`, en: `the copy already exists: ${destination} (it is never overwritten)` });
  }
  const started = Date.now();
  const db = new Database(source, { readonly: true, fileMustExist: true });
  let pages: number;
  try {
    const result = await db.backup(destination);
    pages = result.totalPages;
  } catch (error) {
    throw new CliError('BACKUP_FAILED', { zh: `备份 ${source} 到 ${destination} 失败：${(error as Error).message}`, en: `backing up ${source} to ${destination} failed: ${(error as Error).message}` });
  } finally {
    db.close();
  }
  let events: number;
  try {
    const copy = new SqliteEventStore({ path: destination, readOnly: true });
    try {
      events = await copy.headPosition();
    } finally {
      await copy.close();
    }
  } catch (error) {
    throw new CliError('NOT_A_LOG', { zh: `${source} 中没有事件日志：${(error as Error).message}`, en: `${source} holds no event log: ${(error as Error).message}` });
  }
  const report = { source, destination, pages, headPosition: events, milliseconds: Date.now() - started };
  io.out(
    options.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${L(`已备份 ${source} → ${destination}：${pages} 页，日志至位置 ${events}，用时 ${report.milliseconds} 毫秒`, `backed up ${source} → ${destination}: ${pages} pages, the log up to position ${events}, in ${report.milliseconds} ms`)}\n`,
  );
  return 0;
}
