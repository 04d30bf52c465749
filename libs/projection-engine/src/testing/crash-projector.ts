/**
 * A projector process for the crash test: projects the toy models from an
 * event log into a read-model store, printing one line per committed batch,
 * until the log is exhausted or it is killed (the test SIGKILLs it at random
 * moments). In `rebuild` mode it rebuilds instead (resuming a rebuild a
 * killed process left).
 *
 *   node -r @swc-node/register libs/projection-engine/src/testing/crash-projector.ts <sqlite|postgres> <events> <read-models> <run|rebuild>
 */
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';
import { Projector } from '../projector';
import { PostgresReadModelStore } from '../postgres/postgres-read-model-store';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import type { ReadModelStore } from '../store';
import { TOY_MODELS } from './toy-models';

export async function openCrashStores(kind: string, eventsTarget: string, readTarget: string): Promise<{ events: EventStore; store: ReadModelStore }> {
  if (kind === 'sqlite') {
    return { events: new SqliteEventStore({ path: eventsTarget }), store: new SqliteReadModelStore({ path: readTarget }) };
  }
  if (kind === 'postgres') {
    return {
      events: await PostgresEventStore.open({ connectionString: eventsTarget, poolSize: 2 }),
      store: await PostgresReadModelStore.open({ connectionString: eventsTarget, schema: readTarget, poolSize: 2 }),
    };
  }
  throw new Error(`unknown store kind ${kind}`);
}

export const crashProjector = (events: EventStore, store: ReadModelStore, options: { batchSize: number; report: boolean }) =>
  new Projector({
    name: 'crash',
    models: TOY_MODELS,
    events,
    store,
    batchSize: options.batchSize,
    ...(options.report ? { onBatch: (p) => process.stdout.write(`${JSON.stringify(p)}\n`) } : {}),
  });

async function main(): Promise<void> {
  const [kind, eventsTarget, readTarget, mode] = process.argv.slice(2);
  if (!kind || !eventsTarget || !readTarget) throw new Error('usage: crash-projector.ts <sqlite|postgres> <events> <read-models> <run|rebuild>');
  const { events, store } = await openCrashStores(kind, eventsTarget, readTarget);
  const projector = crashProjector(events, store, { batchSize: 13, report: true });
  await projector.open();
  if (mode === 'rebuild') await projector.rebuild();
  else await projector.catchUp();
  process.stdout.write('done\n');
  await store.close();
  await events.close();
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
