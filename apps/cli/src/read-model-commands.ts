import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { type Bilingual, DUTIES, PARAMETERS_2024 } from '@auxledger/statute';
import { PostgresReadModelStore, Projector, type ReadModelStore, SqliteReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS, READ_MODELS_PROJECTOR, type RosterEntry, type RosterStatus, organHierarchy, rosterOf } from '@auxledger/read-models';
import { CliError, UsageError } from './cli-error';
import { L, type Style, language, painter } from './lang';
import { dateOption } from './date-option';
import { type NameOptions, type ShownName, namesOf } from './person-names';
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
      // A process of its own, serving no requests: full batches, not slices of the event loop.
      sliceMs: 0,
      onBatch: (progress) => {
        projected += progress.events;
        bar?.update(Math.min(projected, head));
      },
    });
    await projector.open();
    const position = options.rebuild ? (await projector.rebuild()).position : await projector.catchUp(stop);
    bar?.stop();
    io.out(
      L(
        `读模型已${options.rebuild ? '重建' : '追上日志'}至位置 ${position}（投影 ${projected} 条事件），位于 ${where}\n`,
        `read models ${options.rebuild ? 'rebuilt' : 'caught up'} to position ${position} (${projected} events projected) in ${where}\n`,
      ),
    );
    if (!options.follow || stop.aborted) return 0;
    io.out(L('持续跟随日志（SIGINT 或 SIGTERM 停止）\n', 'following the log (SIGINT or SIGTERM to stop)\n'));
    await projector.run(stop);
    const stoppedAt = (await store.generations(PROJECTOR)).find((g) => g.status === 'live')?.position ?? position;
    io.out(L(`已停止，位于位置 ${stoppedAt}\n`, `stopped at position ${stoppedAt}\n`));
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

/** The words for the roster's codes (as GET /api/catalog gives them: apps/api/src/queries/catalog/labels.ts). */
const STATUS_WORDS: Readonly<Record<RosterStatus, Bilingual>> = {
  ON_PROBATION: { zh: '试用期', en: 'On probation' },
  ACTIVE: { zh: '在岗', en: 'Active' },
  SUSPENDED: { zh: '停职', en: 'Suspended' },
  DEPARTED: { zh: '已离职', en: 'Departed' },
};
const CATEGORY_WORDS: Readonly<Record<string, Bilingual>> = {
  CIVILIAN: { zh: '文职辅警', en: 'Civilian auxiliary' },
  DUTY: { zh: '勤务辅警', en: 'Duty auxiliary' },
};

/**
 * `auxledger roster`: an organ's roster (and its subtree's) as of a date, from
 * the read models — a table with a header row, each code with its name
 * (status, category, level, organ, duties), in the CLI's language; colours
 * only on a terminal. An organ the read models do not know is an error
 * (ORGAN_NOT_FOUND, exit 1), as in the API.
 */
export async function rosterCommand(
  options: ReadModelLocation & { organ?: string; asOf?: string; knownAt?: string; subtree?: boolean; json?: boolean; names?: boolean } & NameOptions,
  io: Output,
): Promise<number> {
  if (!options.organ) throw new UsageError('NO_ORGAN', { zh: '请指定机关：--organ <机关编号>', en: 'name the organ: --organ <organ id>' });
  const organId = options.organ;
  dateOption('--as-of', options.asOf);
  const { store } = await openReadModels(options);
  try {
    const organ = await store.get(organHierarchy, organId);
    if (organ === null) throw new CliError('ORGAN_NOT_FOUND', { zh: `没有机关 ${organId}（读模型中不存在；是否已运行 project？）`, en: `no organ ${organId} (not in the read models; has \`project\` run?)` });
    const roster = await rosterOf(store, organId, {
      includeSubtree: options.subtree ?? false,
      ...(options.asOf ? { asOf: options.asOf } : {}),
      ...(options.knownAt ? { knownAt: options.knownAt } : {}),
    });
    // With --names: each person's name (ID number masked) beside the auxiliary id, every read recorded (ADR 0006).
    const people = options.names ? await namesOf(store, roster, options.asOf ?? new Date().toISOString().slice(0, 10), options) : null;
    if (options.json) {
      io.out(`${JSON.stringify(people ? roster.map((r) => ({ ...r, person: people.get(r.auxiliary_id) ?? null })) : roster, null, 2)}\n`);
      return 0;
    }
    const names = new Map<string, string>([[organ.organ_id, organ.name]]);
    for (const id of new Set(roster.map((r) => r.using_organ_id))) {
      if (!names.has(id)) names.set(id, (await store.get(organHierarchy, id))?.name ?? id);
    }
    io.out(`${rosterTable(roster, names, io.colour === true, people ?? undefined)}\n`);
    const scope = options.subtree ? L('及其下级机关', ' and the organs below it') : '';
    const date = options.asOf ? L(`，截至 ${options.asOf}`, ` as of ${options.asOf}`) : '';
    io.out(`${L(`${organ.name}（${organId}）${scope}${date}：共 ${roster.length} 名辅警`, `${roster.length} auxiliaries of ${organ.name} (${organId})${scope}${date}`)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The roster as a cli-table3 table: a header row, a row per auxiliary, codes with their names. */
export function rosterTable(roster: readonly RosterEntry[], organNames: ReadonlyMap<string, string>, colour: boolean, people?: ReadonlyMap<string, ShownName>): string {
  const lang = language();
  const paint = painter(colour);
  const word = (table: Readonly<Record<string, Bilingual>>, code: string) => (table[code] ? `${table[code][lang]} ${paint('dim', code)}` : code);
  const levels = new Map(PARAMETERS_2024.levels.values.at(-1)?.value.map((l: { code: string; zh: string }) => [l.code, l.zh]) ?? []);
  const duty = new Map(DUTIES.map((d) => [d.code, d.title[lang]]));
  const statusColour: Record<RosterStatus, Style> = { ON_PROBATION: 'yellow', ACTIVE: 'green', SUSPENDED: 'red', DEPARTED: 'gray' };
  const table = new Table({
    head: [L('辅警编号', 'Auxiliary'), ...(people ? [L('姓名', 'Name')] : []), L('用人机关', 'Using organ'), L('类别', 'Category'), L('层级', 'Level'), L('状态', 'Status'), L('入职', 'Hired'), L('合同止', 'Contract ends'), L('岗位职责', 'Duties')],
    style: { head: colour ? ['cyan', 'bold'] : [], border: colour ? ['gray'] : [], compact: true },
    wordWrap: true,
  });
  for (const r of roster) {
    const duties = (r.duty_codes as unknown as string[] | null) ?? [];
    table.push([
      r.auxiliary_id,
      ...(people ? [nameCell(people.get(r.auxiliary_id), paint)] : []),
      `${organNames.get(r.using_organ_id) ?? r.using_organ_id} ${paint('dim', r.using_organ_id)}`,
      word(CATEGORY_WORDS, r.category),
      lang === 'zh' && levels.has(r.level) ? `${levels.get(r.level)} ${paint('dim', r.level)}` : r.level,
      paint(statusColour[r.status] ?? 'reset', word(STATUS_WORDS, r.status)),
      r.hired_on,
      r.contract_end_date ?? '-',
      duties.length === 0 ? '-' : duties.map((c) => (duty.has(c) ? `${c} ${duty.get(c)}` : c)).join('\n'),
    ]);
  }
  return table.toString();
}

/** A person's cell: the name and the ID number masked; shredded, or none recorded (registered by a client-made key), said so. */
function nameCell(person: ShownName | undefined, paint: (style: Style, text: string) => string): string {
  if (!person) return paint('dim', L('（无身份记录）', '(no identity record)'));
  if (person.status === 'SHREDDED') return paint('dim', L('（已销毁）', '(shredded)'));
  return `${person.name} ${paint('dim', person.idNumberMasked)}`;
}
