/**
 * The embedded projector's rebuild thread (started by `rebuildOnThread`,
 * `off-thread-rebuild.ts`): a worker thread that opens the event log and the
 * read models itself, from the same configuration as the API
 * (`openEventStore`, `openReadModelStore`), rebuilds every read model into a
 * new generation (`Projector.rebuild`: the two-pass bulk load) and switches
 * the views to it. Its event loop and heap are its own: the API's stay free
 * while it works. A `stop` message aborts it between batches; its building
 * generation is then dropped by the next rebuild.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EventStore } from '@auxledger/event-store';
import { Projector, type ReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from '@auxledger/read-models';
import type { ReadModelsConfig, StoreConfig } from '../config/api-config';
import { openEventStore } from '../infrastructure/persistence';
import { PROJECTOR_NAME, openReadModelStore } from './read-model-store';

/** What the thread is given: the API's parsed configuration of the log and of the read models. */
export interface RebuildThreadData {
  store: StoreConfig;
  readModels: ReadModelsConfig;
}

/** What the API sends: stop (between batches). */
export type ToRebuildThread = { type: 'stop' };

/** What the thread answers: progress (each batch), then once `done` or `failed`. */
export type FromRebuildThread =
  | { type: 'progress'; position: number; events: number }
  | { type: 'done'; generation: number; position: number }
  | { type: 'stopped' }
  | { type: 'failed'; message: string; stack: string | undefined };

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('rebuild-thread runs as a worker thread');
  const data = workerData as RebuildThreadData;
  const stop = new AbortController();
  port.on('message', (message: ToRebuildThread) => {
    if (message.type === 'stop') stop.abort();
  });
  let events: EventStore | undefined;
  let store: ReadModelStore | undefined;
  let answer: FromRebuildThread;
  try {
    events = await openEventStore(data.store);
    store = await openReadModelStore(data.readModels);
    const projector = new Projector({
      name: PROJECTOR_NAME,
      models: ALL_READ_MODELS,
      events,
      store,
      onBatch: (progress) => port.postMessage({ type: 'progress', position: progress.position, events: progress.events } satisfies FromRebuildThread),
    });
    const { generation, position } = await projector.rebuild({ signal: stop.signal });
    answer = { type: 'done', generation, position };
  } catch (error) {
    answer = stop.signal.aborted ? { type: 'stopped' } : { type: 'failed', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
  }
  await Promise.allSettled([store?.close(), events?.close()]);
  port.postMessage(answer);
  port.close();
}

void run();
