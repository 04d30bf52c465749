import { SingleBar } from 'cli-progress';
import { ALL_READ_MODELS, PostgresReadModelStore, Projector, READ_MODELS_PROJECTOR, type ReadModelStore, SqliteReadModelStore, rosterOf } from '@auxledger/projections';
import { UsageError, dateOption } from './cli-error';
import { type LogLocation, openLog } from './open-log';
import type { Output } from './output';

/** The projector's name, shared with the API's embedded projector: either may keep the same read models. */
const PROJECTOR = READ_MODELS_PROJECTOR;

export interface ReadModelLocation {
  /** A SQLite read-model database. */
  readModels?: string;
  /** A PostgreSQL database for the read models … */
  readModelsPg?: string;
  /** … and its schema (the API's default: read_models). */
  readModelsSchema?: string;
}

/** Opens the read models the user names: a SQLite file or a PostgreSQL schema. */
async function openReadModels({ readModels, readModelsPg, readModelsSchema }: ReadModelLocation): Promise<{ store: ReadModelStore; where: string }> {
  if (readModels && readModelsPg) throw new UsageError('ONE_READ_MODEL_STORE', { zh: '只能指定一个读模型库：--read-models 或 --read-models-pg', en: 'name one read-model store: --read-models or --read-models-pg, not both' });
  if (readModelsPg) {
    const schema = readModelsSchema ?? 'read_models';
    return { store: await PostgresReadModelStore.open({ connectionString: readModelsPg, schema }), where: `PostgreSQL schema ${schema}` };
  }
  if (!readModels) throw new UsageError('NO_READ_MODELS', { zh: '请指定读模型库：--read-models <SQLite 文件> 或 --read-models-pg <连接串>', en: 'name the read-model store: --read-models <sqlite file> or --read-models-pg <connection string>' });
  return { store: new SqliteReadModelStore({ path: readModels }), where: readModels };
}

/**
 * `auxledger project`: brings the read models up to the end of the log (or
 * rebuilds them), with a progress bar; with `--follow`, then keeps them
 * current until SIGINT or SIGTERM — the projector as its own process, beside
 * an API started with `AUXLEDGER_PROJECTOR=off`.
 */
export async function projectCommand(
  options: LogLocation & ReadModelLocation & { rebuild?: boolean; follow?: boolean },
  io: Output,
  stop: AbortSignal = stopSignal(),
): Promise<number> {
  const events = await openLog(options);
  let readModels: Awaited<ReturnType<typeof openReadModels>>;
  try {
    readModels = await openReadModels(options);
  } catch (error) {
    await events.close();
    throw error;
  }
  const { store, where } = readModels;
  const head = await events.headPosition();
  const bar = io.progress ? new SingleBar({ format: 'projecting |{bar}| {value}/{total} events', stream: process.stderr }) : undefined;
  let projected = 0;
  bar?.start(head, 0);
  try {
    const projector = new Projector({
      name: PROJECTOR,
      models: ALL_READ_MODELS,
      events,
      store,
      onBatch: (progress) => {
        projected += progress.events;
        bar?.update(Math.min(projected, head));
      },
    });
    await projector.open();
    const position = options.rebuild ? (await projector.rebuild()).position : await projector.catchUp(stop);
    bar?.stop();
    io.out(`read models ${options.rebuild ? 'rebuilt' : 'caught up'} to position ${position} (${projected} events projected) in ${where}\n`);
    if (!options.follow || stop.aborted) return 0;
    io.out('following the log (SIGINT or SIGTERM to stop)\n');
    await projector.run(stop);
    io.out(`stopped at position ${(await store.generations(PROJECTOR)).find((g) => g.status === 'live')?.position ?? position}\n`);
    return 0;
  } finally {
    bar?.stop();
    await store.close();
    await events.close();
  }
}

/** Aborts on SIGINT or SIGTERM: the projector stops between batches (a batch and its checkpoint commit together). */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

/** `auxledger roster`: an organ's roster (and its subtree's) as of a date, from the read models. */
export async function rosterCommand(
  options: ReadModelLocation & { organ?: string; asOf?: string; knownAt?: string; subtree?: boolean; json?: boolean },
  io: Output,
): Promise<number> {
  if (!options.organ) throw new UsageError('NO_ORGAN', { zh: '请指定机关：--organ <机关编号>', en: 'name the organ: --organ <organ id>' });
  dateOption('--as-of', options.asOf);
  const { store } = await openReadModels(options);
  try {
    const roster = await rosterOf(store, options.organ, {
      includeSubtree: options.subtree ?? false,
      ...(options.asOf ? { asOf: options.asOf } : {}),
      ...(options.knownAt ? { knownAt: options.knownAt } : {}),
    });
    if (options.json) {
      io.out(`${JSON.stringify(roster, null, 2)}\n`);
      return 0;
    }
    io.out(`${roster.length} auxiliaries of ${options.organ}${options.subtree ? ' and the organs below it' : ''}${options.asOf ? ` as of ${options.asOf}` : ''}\n`);
    for (const r of roster) {
      io.out(`  ${r.auxiliary_id}  ${r.using_organ_id}  ${r.category}  ${r.level}  ${r.status}  duties: ${(r.duty_codes as unknown as string[] | null)?.join(',') || '-'}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
