import type { ReadAllOptions, RecordedEvent, SubscribeOptions } from './port';

/**
 * A catch-up subscription built on `readAll`: reads batches after the
 * checkpoint until it is caught up, then waits for the adapter's signal that
 * something was appended (or a poll interval, for writers in other processes)
 * and reads on. Gap-safety is the adapter's: `readAll` never returns a
 * position while an earlier one may still commit.
 */
export async function* pollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  waitForAppend: (signal: AbortSignal | undefined) => Promise<void>,
  options: SubscribeOptions = {},
): AsyncGenerator<RecordedEvent> {
  const batchSize = options.batchSize ?? 1000;
  let after = options.after ?? 0;
  const { signal } = options;
  while (!signal?.aborted) {
    const batch = await readAll({ after, maxCount: batchSize });
    for (const event of batch) {
      if (signal?.aborted) return;
      yield event;
      after = event.globalPosition;
    }
    if (batch.length < batchSize) await waitForAppend(signal);
  }
}

/** Resolves on the first of: a notification, the poll interval, or abort. */
export class AppendSignal {
  private waiters = new Set<() => void>();

  constructor(private readonly pollIntervalMs: number) {}

  notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
