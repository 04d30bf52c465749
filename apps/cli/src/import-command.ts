import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type CommandOutcome, FoldedStreamCache, executeCommand, prepareCommand } from '@auxledger/application';
import { type Hire, type RecordExistingService, type Refusal, hire, recordExistingService } from '@auxledger/domain';
import { type EventStore, SqliteEventStore } from '@auxledger/event-store';
import { type Bilingual, REGISTRY, type RuleSetRegistry, type RulesInForce, registryWithLocalMeasures } from '@auxledger/statute';
import { CliError, UsageError } from './cli-error';
import { type ColumnProblem, type HireRow, parseHireCsv } from './hire-csv';
import { type ExistingRow, parseExistingCsv } from './import-existing-csv';
import { existingSqliteFile } from './open-log';
import { L } from './lang';
import { type Output, progressBar } from './output';

/**
 * `auxledger import <file.csv>`: personnel from a CSV file, one Hire per row,
 * through the real command path (`executeCommand`, the same rules and local
 * measures as the API).
 *
 * Every import is first run on a temporary copy of the SQLite log (`backup()`),
 * row after row, so that row N is judged with rows 1..N-1 recorded. With
 * `--dry-run` that is all: the outcome of each row, and the copy is deleted.
 * Otherwise nothing is written unless every row passes on the copy; then the
 * same commands run on the log itself, each its own atomic command (a writer
 * racing the import can still make a later row refused: IMPORT_PARTLY_REFUSED). Command ids are
 * derived from the file's SHA-256 and the row number, so running the same file
 * again answers the recorded hires and writes nothing new.
 *
 * `--existing` (issue 11 item 8): staff who served before the record began,
 * one RecordExistingService per row (import-existing-csv.ts): recorded as
 * found and marked migrated, judged by what serving staff need, never by the
 * recruitment rules — no application, no Art. 20 history.
 */

export interface ImportOptions {
  db?: string;
  pg?: string;
  dryRun?: boolean;
  actor?: string;
  parameters?: string;
  json?: boolean;
  /** Existing staff (RecordExistingService per row), not hires. */
  existing?: boolean;
}

export type RefusalReport =
  | { kind: 'STATE'; code: string; message: Bilingual }
  | {
      kind: 'STATUTE';
      ruleSet: string | null;
      violations: Array<{ ruleId: string; kind: string; citation: Bilingual; alsoCited: Bilingual[]; message: Bilingual }>;
    };

export interface RowReport {
  row: number;
  line: number;
  auxiliaryId: string | null;
  commandId: string | null;
  /** `recorded`: an earlier run of this file already hired this row (nothing new written). */
  outcome: 'accepted' | 'recorded' | 'refused' | 'malformed';
  problems?: ColumnProblem[];
  refusal?: RefusalReport;
}

export interface ImportReport {
  file: string;
  sha256: string;
  dryRun: boolean;
  /** Whether the log itself was written to. */
  written: boolean;
  rows: RowReport[];
  summary: Record<RowReport['outcome'], number>;
}

export async function importCommand(file: string, options: ImportOptions, io: Output): Promise<number> {
  if (options.pg) {
    throw new UsageError('IMPORT_NEEDS_SQLITE', { zh: '导入须先在 SQLite 记录库的副本上检查，请用 --db', en: 'import checks every row on a copy of a SQLite log first: use --db' });
  }
  const db = existingSqliteFile(options.db);
  const dryRun = options.dryRun === true;
  if (!dryRun && !options.actor) {
    throw new UsageError('ACTOR_REQUIRED', { zh: '正式导入须以 --actor <用户> 记录操作人', en: 'a real import records who made it: --actor <user>' });
  }
  if (!existsSync(file)) throw new UsageError('NO_SUCH_FILE', { zh: `没有这个文件：${file}`, en: `no such file: ${file}` });
  const registry = loadRegistry(options.parameters ?? process.env['AUXLEDGER_PARAMETERS']);
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const rows: ReadonlyArray<HireRow | ExistingRow> = options.existing ? parseExistingCsv(bytes, file) : parseHireCsv(bytes, file);
  if (rows.length === 0) throw new CliError('NOTHING_TO_IMPORT', { zh: `${file} 没有数据行`, en: `${file} has no data rows` });
  const actor = options.actor ?? 'dry-run';

  const checked = await onCopy(db, (copy) => runRows(copy, rows, { sha256, actor, registry }, io, 'checking'));
  const clean = checked.every((r) => r.outcome === 'accepted' || r.outcome === 'recorded');
  if (dryRun || !clean) return finish({ file, sha256, dryRun, written: false, rows: checked }, options, io);

  const store = new SqliteEventStore({ path: db });
  try {
    const applied = await runRows(store, rows, { sha256, actor, registry }, io, 'importing');
    return finish({ file, sha256, dryRun, written: true, rows: applied }, options, io);
  } finally {
    await store.close();
  }
}

/** The deterministic id of a row's Hire: the same file and row give the same command. */
export const importCommandId = (sha256: string, row: number) => `import-${sha256.slice(0, 32)}-row-${row}`;

async function runRows(
  store: EventStore,
  rows: ReadonlyArray<HireRow | ExistingRow>,
  context: { sha256: string; actor: string; registry: RuleSetRegistry<RulesInForce> },
  io: Output,
  label: string,
): Promise<RowReport[]> {
  const deps = { store, registry: context.registry, clock: { now: () => new Date() }, cache: new FoldedStreamCache() };
  const bar = progressBar(io, label, rows.length);
  const reports: RowReport[] = [];
  try {
    for (const r of rows) {
      if (!r.ok) {
        reports.push({ row: r.row, line: r.line, auxiliaryId: r.auxiliaryId, commandId: null, outcome: 'malformed', problems: r.problems });
      } else {
        const commandId = importCommandId(context.sha256, r.row);
        const actor = { id: context.actor, role: 'system', organId: null } as const;
        const outcome = 'hiredOn' in r.data
          ? await executeCommand(deps, recordExistingService, prepareCommand<RecordExistingService>({ type: 'RecordExistingService', data: r.data, commandId, actor, effectiveDate: r.effectiveDate }, deps.clock).command)
          : await executeCommand(deps, hire, prepareCommand<Hire>({ type: 'Hire', data: r.data, commandId, actor, effectiveDate: r.effectiveDate }, deps.clock).command);
        reports.push({ row: r.row, line: r.line, auxiliaryId: r.data.auxiliaryId, commandId, ...outcomeOf(outcome) });
      }
      bar.advance();
    }
  } finally {
    bar.stop();
  }
  return reports;
}

function outcomeOf(outcome: CommandOutcome): Pick<RowReport, 'outcome' | 'refusal'> {
  if (outcome.status === 'accepted') return { outcome: outcome.replayed ? 'recorded' : 'accepted' };
  return { outcome: 'refused', refusal: refusalReport(outcome.refusal) };
}

function refusalReport(refusal: Refusal): RefusalReport {
  if (refusal.kind === 'STATE') return { kind: 'STATE', code: refusal.code, message: refusal.message };
  const { judgement } = refusal;
  return {
    kind: 'STATUTE',
    ruleSet: judgement.ruleSet?.id ?? null,
    violations: judgement.violations.map((v) => ({
      ruleId: v.ruleId,
      kind: v.kind,
      citation: { zh: v.citationText.zh, en: v.citationText.en },
      alsoCited: v.alsoCited.map((c) => ({ zh: c.text.zh, en: c.text.en })),
      message: v.message,
    })),
  };
}

/** Runs `work` on a temporary copy of the SQLite log, then deletes the copy: the log itself is only read. */
async function onCopy<T>(db: string, work: (copy: EventStore) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-import-'));
  try {
    const copyPath = join(dir, 'check.db');
    // Not `readonly`: a read-only connection to a WAL database leaves -wal and -shm files behind; this one only reads, and the last connection to close removes them.
    const source = new Database(db, { fileMustExist: true });
    try {
      await source.backup(copyPath);
    } finally {
      source.close();
    }
    const copy = new SqliteEventStore({ path: copyPath });
    try {
      return await work(copy);
    } finally {
      await copy.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The local measures (`--parameters` or AUXLEDGER_PARAMETERS), as the API reads them; without a file, the statute's defaults. */
export function loadRegistry(file: string | undefined): RuleSetRegistry<RulesInForce> {
  if (!file) return REGISTRY;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError('PARAMETERS_UNREADABLE', { zh: `无法读取地方参数文件 ${file}：${(error as Error).message}`, en: `cannot read the local measures file ${file}: ${(error as Error).message}` });
  }
  try {
    return registryWithLocalMeasures(json, file);
  } catch (error) {
    throw new UsageError('PARAMETERS_INVALID', { zh: `地方参数文件有误：${(error as Error).message}`, en: `the local measures file is invalid: ${(error as Error).message}` });
  }
}

function finish(base: Omit<ImportReport, 'summary'>, options: ImportOptions, io: Output): number {
  const summary: ImportReport['summary'] = { accepted: 0, recorded: 0, refused: 0, malformed: 0 };
  for (const r of base.rows) summary[r.outcome] += 1;
  const report: ImportReport = { ...base, summary };
  const ok = summary.refused === 0 && summary.malformed === 0;
  if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report, io);
  if (!ok && !base.dryRun && base.written) {
    // Only when the log changed between the check on the copy and the import itself.
    io.err('auxledger: IMPORT_PARTLY_REFUSED: 检查通过后记录库有变化，部分行被拒绝；已写入的行再次导入同一文件时不会重复写入\n           the log changed after the check and some rows were refused; the rows written are not written again when the same file is imported again\n');
  }
  return ok ? 0 : 1;
}

function printReport(report: ImportReport, io: Output): void {
  const { summary } = report;
  const mode = report.dryRun ? L('试运行（在副本上），未写入', 'dry run on a copy: nothing written') : report.written ? L('已写入', 'written') : L('有问题，未写入任何行', 'problems found: nothing written');
  io.out(L(`导入 ${report.file}（sha256 ${report.sha256.slice(0, 16)}…）：${report.rows.length} 行——${mode}\n`, `import ${report.file} (sha256 ${report.sha256.slice(0, 16)}…): ${report.rows.length} rows — ${mode}\n`));
  io.out(L('行    文件行 辅警编号                  结果\n', 'row   line  auxiliary                 outcome\n'));
  const OUTCOME: Record<string, [string, string]> = { accepted: ['通过', 'accepted'], recorded: ['已有记录', 'recorded'], refused: ['被拒绝', 'refused'], malformed: ['格式有误', 'malformed'] };
  for (const r of report.rows) {
    const [zh, en] = OUTCOME[r.outcome] ?? [r.outcome, r.outcome];
    io.out(`${String(r.row).padEnd(5)} ${String(r.line).padEnd(5)} ${(r.auxiliaryId ?? '-').padEnd(25)} ${L(`${zh} ${r.outcome}`, en)}\n`);
    for (const p of r.problems ?? []) io.out(`        ${L('列', 'column')} ${p.column}: ${p.message.zh} / ${p.message.en}\n`);
    const refusal = r.refusal;
    if (refusal?.kind === 'STATE') io.out(`        ${refusal.code}: ${refusal.message.zh} / ${refusal.message.en}\n`);
    if (refusal?.kind === 'STATUTE') {
      for (const v of refusal.violations) {
        io.out(`        ${v.ruleId} (${v.kind}) ${v.citation.zh} / ${v.citation.en}\n`);
        io.out(`          ${v.message.zh}\n          ${v.message.en}\n`);
      }
    }
  }
  io.out(
    L(
      `合计：${report.written ? '聘用' : '可聘用'} ${summary.accepted} 人，已有记录 ${summary.recorded} 行，被拒绝 ${summary.refused} 行，格式有误 ${summary.malformed} 行\n`,
      `summary: ${summary.accepted} ${report.written ? 'hired' : 'would be hired'}, ${summary.recorded} already recorded, ${summary.refused} refused, ${summary.malformed} malformed\n`,
    ),
  );
}
