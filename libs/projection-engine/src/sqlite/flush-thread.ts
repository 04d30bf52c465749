import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CheckpointMoved } from '../store';
import { type RecordedWrite, portableWrites } from './recorded-writes';
import type { FlushThreadData, FromFlushThread, ToFlushThread } from './sqlite-flush-thread';

/**
 * The store's side of its flush thread (`sqlite-flush-thread.ts`): sends a
 * relaxed transaction's recorded writes, and resolves when they committed
 * there (or rejects with `CheckpointMoved`, or the store's error). Started at
 * the first commit; it keeps the process alive only while a commit is in
 * flight.
 */
export class FlushThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(
    private readonly module: { file: string; execArgv: string[] | undefined },
    private readonly data: FlushThreadData,
  ) {}

  commit(writes: readonly RecordedWrite[]): Promise<void> {
    const worker = this.worker ?? this.start();
    const id = ++this.nextId;
    worker.ref();
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'commit', id, writes: portableWrites(writes) } satisfies ToFlushThread);
    });
  }

  private start(): Worker {
    const worker = new Worker(this.module.file, { workerData: this.data, ...(this.module.execArgv ? { execArgv: this.module.execArgv } : {}) });
    worker.unref();
    worker.on('message', (message: FromFlushThread) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) worker.unref();
      if (!waiter) return;
      if (message.type === 'committed') waiter.resolve();
      else if (message.type === 'moved') waiter.reject(new CheckpointMoved(message.projector, message.generation));
      else waiter.reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    });
    // The thread failed or stopped: commits in flight are not known to be stored (the checkpoint says what is).
    const stopped = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`the SQLite read-model flush thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Kept alive until it has stopped: the process waits for it.
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies ToFlushThread);
    await exited;
  }
}

/**
 * The flush thread's module beside this one: `.ts` from the sources (loaded
 * under @swc-node/register, as the calling process is), `.js` from the
 * build. A bundle without it commits on the calling thread.
 */
export function flushThreadModule(): { file: string; execArgv: string[] | undefined } | null {
  const ext = extname(__filename);
  const file = join(__dirname, `sqlite-flush-thread${ext}`);
  if (!existsSync(file)) return null;
  if (ext !== '.ts') return { file, execArgv: undefined };
  const loaded = process.execArgv.some((arg) => arg.includes('@swc-node/register'));
  return { file, execArgv: loaded ? undefined : [...process.execArgv, '-r', '@swc-node/register'] };
}
