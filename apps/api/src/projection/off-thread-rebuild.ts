import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromRebuildThread, RebuildThreadData, ToRebuildThread } from './rebuild-thread';

export interface RebuildOnThreadOptions extends RebuildThreadData {
  /** Aborts the rebuild: the thread stops between batches (after `stopGraceMs`, it is terminated). */
  signal: AbortSignal;
  /** After each of the thread's batches: the position its first pass reached, or the events its second planned. */
  onProgress?: (progress: { position: number; events: number }) => void;
  /** The thread's old-generation heap cap, MiB (`resourceLimits.maxOldGenerationSizeMb`); default none. */
  maxHeapMb?: number;
  /** How long a stopped rebuild may take to reach the end of its batch and close its connections (default 30 000 ms). */
  stopGraceMs?: number;
}

/**
 * Rebuilds every read model on a worker thread (`rebuild-thread.ts`) with
 * connections of its own, and resolves once it has switched the views to the
 * new generation and closed them — or, aborted, once it has stopped. A
 * failure in the thread rejects, with its message. Meanwhile this thread's
 * event loop is free: the rebuild's SQLite calls, its planning and its
 * garbage run on the other.
 */
export function rebuildOnThread(options: RebuildOnThreadOptions): Promise<void> {
  const { signal } = options;
  if (signal.aborted) return Promise.resolve();
  const module = rebuildThreadModule();
  const data: RebuildThreadData = { store: options.store, readModels: options.readModels };
  const worker = new Worker(module.file, {
    workerData: data,
    ...(module.execArgv ? { execArgv: module.execArgv } : {}),
    ...(options.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb } } : {}),
  });
  return new Promise<void>((resolve, reject) => {
    let answer: FromRebuildThread | undefined;
    let failure: Error | undefined;
    let grace: NodeJS.Timeout | undefined;
    const stop = () => {
      worker.postMessage({ type: 'stop' } satisfies ToRebuildThread);
      grace = setTimeout(() => void worker.terminate(), options.stopGraceMs ?? 30_000);
    };
    signal.addEventListener('abort', stop, { once: true });
    worker.on('message', (message: FromRebuildThread) => {
      if (message.type === 'progress') options.onProgress?.({ position: message.position, events: message.events });
      else answer = message;
    });
    worker.on('error', (error) => (failure = error));
    worker.once('exit', (code) => {
      signal.removeEventListener('abort', stop);
      clearTimeout(grace);
      if (answer?.type === 'done' || answer?.type === 'stopped' || signal.aborted) return resolve();
      if (answer?.type === 'failed') return reject(Object.assign(new Error(answer.message), answer.stack ? { stack: answer.stack } : {}));
      reject(failure ?? new Error(`the read models' rebuild thread stopped (exit code ${code}) before it finished`));
    });
  });
}

/**
 * The thread's module beside this one: `.ts` from the sources (loaded under
 * @swc-node/register, as the calling process is, or added to it), `.js` from
 * the build (`dist/server`).
 */
function rebuildThreadModule(): { file: string; execArgv: string[] | undefined } {
  const ext = extname(__filename);
  const file = join(__dirname, `rebuild-thread${ext}`);
  if (!existsSync(file)) throw new Error(`the read models' rebuild thread is missing: ${file}`);
  if (ext !== '.ts') return { file, execArgv: undefined };
  const loaded = process.execArgv.some((arg) => arg.includes('@swc-node/register'));
  return { file, execArgv: loaded ? undefined : [...process.execArgv, '-r', '@swc-node/register'] };
}
