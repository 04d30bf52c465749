/**
 * The SQLite log's writer thread (started by `SqliteEventStore` for a log in
 * a file): its own connection, one group commit at a time as the store sends
 * them. better-sqlite3 is synchronous, so the COMMIT and its fsync block this
 * thread only, and the store's thread goes on taking in and deciding commands
 * meanwhile; the next group gathers there.
 *
 * Imports only what the writer needs (not the package's index, which loads
 * every adapter's driver), so that the thread starts quickly.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type AppendOutcome, type EncodedAppend, SqliteLogWriter, applySqlitePragmas, toWireError } from './sqlite-log-writer';

export interface WriterThreadData {
  path: string;
  busyTimeoutMs?: number;
}

/** What the store sends: a group to commit, or the end. */
export type ToWriterThread = { type: 'commit'; id: number; batch: EncodedAppend[][] } | { type: 'close' };

/** What the thread answers, once per group. */
export type FromWriterThread =
  | { type: 'committed'; id: number; outcomes: AppendOutcome[]; commitSeconds: number | null; wrote: boolean; othersCommitted: boolean }
  | { type: 'failed'; id: number; error: ReturnType<typeof toWireError> };

function run(): void {
  const port = parentPort;
  if (!port) throw new Error('sqlite-writer-thread runs as a worker thread');
  const data = workerData as WriterThreadData;
  let writer: SqliteLogWriter | null = null;
  let openError: unknown = null;
  try {
    const db = new Database(data.path, { fileMustExist: true });
    applySqlitePragmas(db, data.busyTimeoutMs);
    writer = new SqliteLogWriter(db);
  } catch (error) {
    openError = error;
  }
  port.on('message', (message: ToWriterThread) => {
    if (message.type === 'close') {
      writer?.close();
      port.close();
      return;
    }
    let answer: FromWriterThread;
    try {
      if (!writer) throw openError;
      const group = writer.commitGroup(message.batch);
      const outcomes = group.outcomes.map((o): AppendOutcome => (o.kind === 'refused' ? { kind: 'refused', error: toWireError(o.error) } : o));
      answer = { type: 'committed', id: message.id, outcomes, commitSeconds: group.commitSeconds, wrote: group.wrote, othersCommitted: group.othersCommitted };
    } catch (error) {
      answer = { type: 'failed', id: message.id, error: toWireError(error) };
    }
    port.postMessage(answer);
  });
}

run();
