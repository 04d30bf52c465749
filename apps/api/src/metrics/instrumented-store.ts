import type { EventStore } from '@auxledger/event-store';
import type { Metrics } from './metrics';

const TIMED = new Set(['appendToStream', 'appendToStreams']);
const COUNTED = new Set(['appendToStream', 'appendToStreams', 'readStream', 'readAll', 'headPosition']);

/**
 * The event store with its appends timed and its failures counted, for
 * /metrics: the same object to every caller (a Proxy, its methods bound to
 * the store itself), nothing else changed.
 */
export function instrumentEventStore<S extends EventStore>(store: S, metrics: Metrics): S {
  const timed = store as unknown as { onCommitTimed?: (listener: (seconds: number) => void) => void };
  if (typeof timed.onCommitTimed === 'function') timed.onCommitTimed((seconds) => metrics.commitFsyncDuration.observe(seconds));
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!COUNTED.has(property)) return method.bind(target);
      return (...args: unknown[]) => {
        const end = TIMED.has(property) ? metrics.appendDuration.startTimer({ operation: property }) : undefined;
        const failed = (error: unknown) => {
          const code = (error as { code?: unknown } | null)?.code;
          metrics.storeErrors.inc({ operation: property, code: typeof code === 'string' ? code : 'UNEXPECTED' });
          throw error;
        };
        try {
          const result = method.apply(target, args);
          if (!(result instanceof Promise)) return result;
          return result.then((answer: unknown) => {
            if (end) {
              end();
              const results = Array.isArray(answer) ? answer : [answer];
              for (const r of results) metrics.appendedEvents.inc((r as { events?: unknown[] } | null)?.events?.length ?? 0);
            }
            return answer;
          }, failed);
        } catch (error) {
          return failed(error);
        }
      };
    },
  });
}
