import { SingleBar } from 'cli-progress';
import { ALL_READ_MODELS, Projector, SqliteReadModelStore, rosterOf } from '@auxledger/projections';
import { UsageError, dateOption } from './cli-error';
import { type LogLocation, openLog } from './open-log';
import type { Output } from './output';

const PROJECTOR = 'auxledger';

/** `auxledger project`: brings the read models up to the end of the log (or rebuilds them), with a progress bar. */
export async function projectCommand(options: LogLocation & { readModels?: string; rebuild?: boolean }, io: Output): Promise<number> {
  if (!options.readModels) throw new UsageError('NO_READ_MODELS', { zh: '请指定读模型库：--read-models <SQLite 文件>', en: 'name the read-model database: --read-models <sqlite file>' });
  const events = await openLog(options);
  const store = new SqliteReadModelStore({ path: options.readModels });
  const bar = io.progress ? new SingleBar({ format: 'projecting |{bar}| {value} events', stream: process.stderr }) : undefined;
  let projected = 0;
  bar?.start(0, 0);
  try {
    const projector = new Projector({
      name: PROJECTOR,
      models: ALL_READ_MODELS,
      events,
      store,
      onBatch: (progress) => {
        projected += progress.events;
        bar?.setTotal(projected);
        bar?.update(projected);
      },
    });
    await projector.open();
    const position = options.rebuild ? (await projector.rebuild()).position : await projector.catchUp();
    bar?.stop();
    io.out(`read models ${options.rebuild ? 'rebuilt' : 'caught up'} to position ${position} (${projected} events projected) in ${options.readModels}\n`);
    return 0;
  } finally {
    bar?.stop();
    await store.close();
    await events.close();
  }
}

/** `auxledger roster`: an organ's roster (and its subtree's) as of a date, from the read models. */
export async function rosterCommand(
  options: { readModels?: string; organ?: string; asOf?: string; knownAt?: string; subtree?: boolean; json?: boolean },
  io: Output,
): Promise<number> {
  if (!options.readModels) throw new UsageError('NO_READ_MODELS', { zh: '请指定读模型库：--read-models <SQLite 文件>', en: 'name the read-model database: --read-models <sqlite file>' });
  if (!options.organ) throw new UsageError('NO_ORGAN', { zh: '请指定机关：--organ <机关编号>', en: 'name the organ: --organ <organ id>' });
  dateOption('--as-of', options.asOf);
  const store = new SqliteReadModelStore({ path: options.readModels });
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
