/**
 * The client's subscriptions are Node Readables; this turns one into an async
 * iterator that ends when the signal aborts or the consumer stops, and always
 * cancels the server-side subscription on the way out.
 *
 * Why not simply `for await (... of subscription)`: after `unsubscribe()` the
 * client swallows the gRPC cancellation error and its Transform is never
 * ended, so a plain loop could wait forever; and stopping the loop only
 * destroys the Transform, leaving the gRPC call open until the client is
 * disposed. Racing each `next()` against the signal, and unsubscribing and
 * destroying the stream in `finally`, closes both holes. (The stream must be
 * destroyed rather than its iterator returned: an async iterator queues
 * `return()` behind the pending `next()`, which would never settle.)
 */
export interface CancellableSource<T> extends AsyncIterable<T> {
  unsubscribe(): Promise<void>;
  destroy?(error?: Error): unknown;
}

export async function* untilAborted<T>(source: CancellableSource<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal?.aborted) resolve('aborted');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const next = iterator.next();
      // A read left pending by an abort may still reject when the stream is torn down.
      next.catch(() => undefined);
      const result = await Promise.race([next, aborted]);
      if (result === 'aborted' || result.done) return;
      yield result.value;
    }
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await source.unsubscribe().catch(() => undefined);
    if (source.destroy) source.destroy();
    else void iterator.return?.().catch(() => undefined);
  }
}
