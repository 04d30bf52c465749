/**
 * The SQLite read-model store's flush thread (started by
 * `SqliteReadModelStore` for a store in a file): its own connection, which
 * applies the writes of a relaxed transaction (a bulk load's flush, recorded
 * on the store's thread) in one transaction, and the WAL checkpoints that
 * follow. better-sqlite3 is synchronous, so the commit blocks this thread
 * only: the store's thread serves requests meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CheckpointMoved } from '../store';
import { type RecordedWrite, replayWrites } from './recorded-writes';
import { SqliteReadModelStore } from './sqlite-read-model-store';

export interface FlushThreadData {
  path: string;
  busyTimeoutMs?: number;
  cacheMb?: number;
}

/** What the store sends: writes to commit, or the end. */
export type ToFlushThread = { type: 'commit'; id: number; writes: RecordedWrite[] } | { type: 'close' };

/** What the thread answers, once per commit. */
export type FromFlushThread =
  | { type: 'committed'; id: number }
  | { type: 'moved'; id: number; projector: string; generation: number }
  | { type: 'failed'; id: number; message: string; code: string | undefined };

function run(): void {
  const port = parentPort;
  if (!port) throw new Error('sqlite-flush-thread runs as a worker thread');
  const data = workerData as FlushThreadData;
  const store = new SqliteReadModelStore({ ...data, flushThreadRows: false });
  // The WAL is copied back into the file here too, after each commit, so that the store's thread never does it at one of its own.
  const checkpointer = new Database(data.path);
  checkpointer.pragma(`busy_timeout = ${data.busyTimeoutMs ?? 5000}`);
  // One commit at a time, in the order sent.
  let queue = Promise.resolve();
  port.on('message', (message: ToFlushThread) => {
    queue = queue.then(async () => {
      if (message.type === 'close') {
        await store.close();
        checkpointer.close();
        port.close();
        return;
      }
      let answer: FromFlushThread;
      try {
        await store.transaction((tx) => replayWrites(tx, message.writes), { durability: 'relaxed' });
        answer = { type: 'committed', id: message.id };
      } catch (error) {
        answer =
          error instanceof CheckpointMoved
            ? { type: 'moved', id: message.id, projector: error.projector, generation: error.generation }
            : { type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code };
      }
      port.postMessage(answer);
      // Passive: it copies what no reader still needs, and waits for no one.
      if (answer.type === 'committed') checkpointer.pragma('wal_checkpoint(PASSIVE)');
    });
  });
}

run();
