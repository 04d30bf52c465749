/**
 * auxledger — the auditors' and operators' command line (`npm run -s auxledger -- <command>`;
 * every command's `--help`, and apps/cli/README.md).
 *
 *   verify | digest | signing-key       the log's hash chain and Merkle tree, signed checkpoints to keep
 *   prove inclusion | consistency       RFC 9162 proofs against signed checkpoints
 *   project [--rebuild] | rebuild       the read models
 *   roster                              an organ's roster as of a date (read models)
 *   history <auxiliaryId>               one auxiliary's timeline, from the log
 *   audit export                        every accepted event and refused command, streamed (CSV or NDJSON)
 *   import <file.csv>                   hires from a CSV file, checked on a copy first (--dry-run: only that)
 *   keys create | list | revoke         API keys, through the running API
 *   backup --db <log> <copy>            a consistent copy of a SQLite log, while the API runs
 *   retention [--dry-run]               who is due for shredding of personal data, who is held and why; shreds and records it
 *
 * Help and messages in zh or en (`--lang`, AUXLEDGER_LANG, the locale); errors in both.
 */
import { Command, CommanderError, Help, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, describeError, usageErrorOf } from './cli-error';
import { L, chooseLanguage, language, painter, setLanguage, wantsColour } from './lang';
import { type Output, endQuietlyOnBrokenPipe } from './output';
import { registerLogIntegrityCommands } from './prove-commands';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The package's version: package.json is three folders up from apps/cli/src/main.ts and from the bundle, dist/apps/cli/main.js. */
export const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Commander's headings in the CLI's language. */
const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

/**
 * The commands. Each command's work is imported only when it runs, so that
 * `--help`, `--version` and a misspelt option answer without loading the
 * libraries (the built CLI starts in a few tens of milliseconds).
 */
export function buildProgram(io: Output, setExitCode: (code: number) => void): Command {
  const paint = painter(io.colour === true);
  const program = new Command('auxledger')
    .description(L('AuxLedger：警务辅助人员档案记录（内蒙古自治区公安机关警务辅助人员条例）', 'AuxLedger: records of auxiliary police personnel (内蒙古自治区公安机关警务辅助人员条例)'))
    .version(VERSION, '-V, --version', L('显示版本号', 'output the version number'))
    .addOption(new Option('--lang <lang>', L('输出语言：zh 或 en（默认取 AUXLEDGER_LANG 或系统区域设置）', 'the language: zh or en (default AUXLEDGER_LANG, else the locale)')).choices(['zh', 'en']))
    .helpOption('-h, --help', L('显示帮助', 'display help for command'))
    .helpCommand('help [command]', L('显示某命令的帮助', 'display help for command'))
    .addHelpText(
      'after',
      L(
        '\n退出码：0 完成／完好；1 发现问题或执行失败；2 调用方式有误。\n错误以稳定的代码及中英两种语言输出（--lang 所选语言在前）。',
        '\nExit codes: 0 done / intact; 1 a problem found or the work failed; 2 the command was called wrongly.\nErrors are printed with a stable code, in Chinese and English (the --lang language first).',
      ),
    );
  program
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined })
    .configureHelp({
      styleTitle: (title) => paint('bold', language() === 'zh' ? (TITLES[title] ?? title) : title),
      styleCommandText: (text) => paint('cyan', text),
      styleSubcommandText: (text) => paint('cyan', text),
      styleOptionText: (text) => paint('green', text),
      optionDescription: (option) => translateExtras(new Help().optionDescription(option)),
      argumentDescription: (argument) => translateExtras(new Help().argumentDescription(argument)),
    });
  const logOptions = (command: Command) =>
    command
      .addOption(new Option('--db <file>', L('SQLite 事件记录库（副本亦可；只读）', 'the SQLite event log (a copy works; it is only read)')))
      .addOption(new Option('--pg <url>', L('PostgreSQL 事件记录库（连接串）', 'a PostgreSQL event log (connection string)')));
  const apiOptions = (command: Command) =>
    command
      .option('--api <url>', L('正在运行的 API，如 http://localhost:3000（默认 AUXLEDGER_API_URL）；管理员密钥取自 AUXLEDGER_API_KEY', 'the running API, e.g. http://localhost:3000 (default: AUXLEDGER_API_URL); the admin key comes from AUXLEDGER_API_KEY'))
      .option('--json', L('JSON 格式', 'as JSON'));

  registerLogIntegrityCommands(program, logOptions, io, setExitCode);

  program
    .command('init')
    .description(L('新部署的第一步：按机关树文件（格式同 shared/data/inner-mongolia-organs.json）登记自治区公安厅及其下各盟市、旗县公安机关，可选为每个旗县级机关设定用人额度（第七条）；重复运行不重复记录', 'the first step of a fresh deployment: register the region organ and every city and county organ from an organ tree file (the format of shared/data/inner-mongolia-organs.json), optionally each county organ’s quota (Art. 7); running it again records nothing twice'))
    .option('--db <file>', L('SQLite 事件记录库（不存在则新建）', 'the SQLite event log (created if missing)'))
    .option('--organs <file>', L('机关树文件', 'the organ tree file'))
    .option('--actor <user>', L('操作人（记入每条事件）', 'who does it (recorded in every event)'))
    .option('--quota <n>', L('为每个旗县级机关设定的用人额度', 'the quota to set for every county-level organ'))
    .option('--quota-document <ref>', L('设定额度的依据文件文号', 'the document the quotas are set by'))
    .option('--effective-date <date>', L('生效日期 YYYY-MM-DD（默认今天）', 'effective date, YYYY-MM-DD (default today)'))
    .option('--json', L('报告，JSON 格式', 'the report as JSON'))
    .action(async (options) => setExitCode(await (await import('./init-command')).initCommand(options, io)));

  program
    .command('backup')
    .description(L('在 API 运行时为 SQLite 记录库做一致的副本（SQLite 在线备份接口，含 WAL 中尚未合并的事件）；复制记录库须用它，而不是 cp', 'a consistent copy of a SQLite log while the API runs (SQLite’s online backup API: the events still in the WAL included); copy a log with this, not with cp'))
    .addOption(new Option('--db <file>', L('要复制的 SQLite 事件记录库', 'the SQLite event log to copy')).makeOptionMandatory())
    .argument('<destination>', L('副本文件（不得已存在）', 'the copy (a file that must not exist yet)'))
    .option('--json', L('报告，JSON 格式', 'the report as JSON'))
    .action(async (destination: string, options) => setExitCode(await (await import('./backup-command')).backupCommand(destination, options, io)));

  program
    .command('retention')
    .description(L('个人信息保存期限（参数 personalData.retentionYearsAfterDeparture）：列出离职已满期限者，销毁其数据密钥并记入日志；仍须保存者（未结的举报投诉、赔偿追偿、未收回的证件服装）暂缓，并说明原因', 'the retention of personal data (parameter personalData.retentionYearsAfterDeparture): lists who left longer ago than the period, shreds their data keys and records it in the log; those still needed (an open complaint, a compensation recovery, credentials not recovered) are held, with the reason'))
    .addOption(new Option('--db <file>', L('SQLite 事件记录库', 'the SQLite event log')))
    .option('--dry-run', L('只列出到期与暂缓者，不写入、不销毁（记录库只读）', 'only list who is due and who is held: nothing recorded, nothing shredded (the log is only read)'))
    .option('--on <date>', L('试运行时按该日审查，YYYY-MM-DD（默认今天）', 'with --dry-run: judge as of this day, YYYY-MM-DD (default today)'))
    .option('--actor <user>', L('操作人（记入每条事件）', 'who does it (recorded in every event)'))
    .option('--parameters <file>', L('地方参数文件（默认 AUXLEDGER_PARAMETERS；无则用默认值）', 'the local measures file (default AUXLEDGER_PARAMETERS; else the defaults)'))
    .option('--people-db <file>', L('数据密钥库（默认 AUXLEDGER_PEOPLE_DB，或记录库旁的 <名>.people.db）', 'the key store (default AUXLEDGER_PEOPLE_DB, else <name>.people.db beside the log)'))
    .option('--wrap-key <file>', L('封装密钥文件（默认 AUXLEDGER_DATA_KEY_WRAP_KEY，或记录库旁的 <名>.wrap.key）', 'the wrap-key file (default AUXLEDGER_DATA_KEY_WRAP_KEY, else <name>.wrap.key beside the log)'))
    .option('--show-person-key', L('显示人员密钥（个人信息保护法：默认隐藏）', 'show person keys (PIPL: hidden unless asked for)'))
    .option('--json', L('报告，JSON 格式', 'the report as JSON'))
    .action(async (options) => setExitCode(await (await import('./retention-command')).retentionCommand(options, io)));

  const readModelOptions = (command: Command) =>
    command
      .option('--read-models <file>', L('SQLite 读模型库', 'the SQLite read-model database'))
      .option('--read-models-pg <url>', L('或用 PostgreSQL 数据库存放读模型（连接串）', 'or a PostgreSQL database for the read models (connection string)'))
      .option('--read-models-schema <name>', L('其 schema（默认 read_models，与 API 相同）', 'its schema (default read_models, as the API)'));

  readModelOptions(logOptions(program.command('project')))
    .description(L('把读模型（花名册、档案、额度使用、审计轨迹……）更新到日志末尾', 'bring the read models (roster, person files, quota use, audit trail…) up to the end of the log'))
    .option('--rebuild', L('从头生成新一代读模型后切换（同 rebuild）', 'build a new generation from the start and switch over (the same as `rebuild`)'))
    .option('--follow', L('之后持续跟随日志直至 SIGINT/SIGTERM（投影器独立运行；API 以 AUXLEDGER_PROJECTOR=off 启动）', 'then keep following the log until SIGINT/SIGTERM (the projector as its own process; start the API with AUXLEDGER_PROJECTOR=off)'))
    .action(async (options) => setExitCode(await (await import('./read-model-commands')).projectCommand(options, io)));

  readModelOptions(logOptions(program.command('rebuild')))
    .description(L('从日志开头重建读模型，然后切换（同 project --rebuild）', 'rebuild the read models from the start of the log, then switch over (`project --rebuild`)'))
    .action(async (options) => setExitCode(await (await import('./read-model-commands')).projectCommand({ ...options, rebuild: true }, io)));

  readModelOptions(program.command('roster'))
    .description(L('某机关在某日的花名册（取自读模型），以表格列出', "an organ's roster as of a date (from the read models), as a table"))
    .option('--organ <id>', L('机关编号', 'the organ'))
    .option('--subtree', L('包括其下所有机关', 'include every organ below it'))
    .option('--as-of <date>', L('生效日期 YYYY-MM-DD（默认今天）', 'effective date, YYYY-MM-DD (default today)'))
    .option('--known-at <instant>', L('按该记录时刻的记录状态（ISO 8601）', 'as the record stood at this recorded time (ISO 8601)'))
    .option('--names', L('在辅警编号旁显示姓名（公民身份号码脱敏）；每次查看记入查阅记录，须 --db 与 --actor', 'show the name (ID number masked) beside the auxiliary id; each read is recorded as an access record; needs --db and --actor'))
    .option('--db <file>', L('与 --names：SQLite 事件记录库（身份记录在其中）', 'with --names: the SQLite event log (holding the identity records)'))
    .option('--actor <user>', L('与 --names：查看人（记入查阅记录）', 'with --names: who reads (recorded in the access records)'))
    .option('--people-db <file>', L('与 --names：数据密钥库（默认记录库旁的 <名>.people.db）', 'with --names: the key store (default <name>.people.db beside the log)'))
    .option('--wrap-key <file>', L('与 --names：封装密钥文件（默认记录库旁的 <名>.wrap.key）', 'with --names: the wrap-key file (default <name>.wrap.key beside the log)'))
    .option('--json', L('JSON 格式', 'as JSON'))
    .action(async (options) => setExitCode(await (await import('./read-model-commands')).rosterCommand(options, io)));

  logOptions(program.command('history'))
    .description(L('某辅警自日志而来的完整时间线，按生效日期排序：辅警本人的事件流，及其招录的申请、合同与额度事件', "one auxiliary's whole timeline from the log, in effective-date order: the auxiliary's stream, and the application, contract and quota events of the hire"))
    .argument('<auxiliaryId>', L('辅警编号', 'the auxiliary (辅警编号)'))
    .option('--as-of <date>', L('截至该生效日期（含），YYYY-MM-DD', 'stop at this effective date, YYYY-MM-DD (inclusive)'))
    .option('--show-person-key', L('显示人员密钥（个人信息保护法：默认隐藏）', 'show the person key (PIPL: hidden unless asked for)'))
    .option('--json', L('JSON 格式', 'as JSON'))
    .action(async (auxiliaryId: string, options) => setExitCode(await (await import('./history-command')).historyCommand(auxiliaryId, options, io)));

  const audit = program.command('audit').description(L('供审计：谁、何时、依据哪些规则做了什么', 'for auditors: the record of who did what, when, under which rules'));
  logOptions(audit.command('export'))
    .description(L('每个已接受的事件和每个被拒绝的命令（附规则编号及条文引用），分批从日志流式导出', 'every accepted event and every refused command (with rule ids and citations), streamed from the log in batches'))
    .addOption(
      new Option('--format <format>', L('csv（UTF-8 带 BOM、CRLF 换行，Excel 可直接打开），或 json（NDJSON：每行一个对象）', 'csv (UTF-8 with a BOM and CRLF line ends, as Excel opens it), or json (NDJSON: one object per line)'))
        .choices(['csv', 'json'])
        .default('csv'),
    )
    .option('--no-bom', L('CSV 不加 BOM、用 LF 换行（供其他程序读取）', 'CSV without the BOM and with LF line ends (for other programs)'))
    .option('--out <file>', L('写入此文件（默认：标准输出）', 'write to this file (default: standard output)'))
    .option('--organ <id>', L('只导出涉及该机关、或由代表该机关的操作者所做的记录', 'only records concerning this organ, or made by an actor acting for it'))
    .option('--person <id>', L('只导出涉及该辅警编号或人员密钥的记录', 'only records concerning this auxiliary id or person key'))
    .option('--actor <id>', L('只导出该操作者（API 密钥编号或 CLI 用户）所做的记录', 'only records made by this actor (API key id or CLI user)'))
    .option('--type <type>', L('只导出该事件类型或命令类型（AuxiliaryHired、Hire、CommandRefused……）', 'only this event type or command type (AuxiliaryHired, Hire, CommandRefused …)'))
    .option('--from <date>', L('生效日期不早于此日，YYYY-MM-DD', 'effective on or after this date, YYYY-MM-DD'))
    .option('--to <date>', L('生效日期不晚于此日，YYYY-MM-DD', 'effective on or before this date, YYYY-MM-DD'))
    .option('--show-person-key', L('显示人员密钥（个人信息保护法：默认隐藏）', 'show person keys (PIPL: hidden unless asked for)'))
    .option('--names', L('加列 person_status、person_name、person_id_number_masked（公民身份号码脱敏，已销毁者标 SHREDDED）；每人的查看记入查阅记录，须 --reader', 'add person_status, person_name, person_id_number_masked (ID number masked; the shredded as SHREDDED); each person read is recorded as an access record; needs --reader'))
    .option('--reader <user>', L('与 --names：查看人（记入查阅记录）', 'with --names: who reads (recorded in the access records)'))
    .option('--people-db <file>', L('与 --names：数据密钥库（默认记录库旁的 <名>.people.db）', 'with --names: the key store (default <name>.people.db beside the log)'))
    .option('--wrap-key <file>', L('与 --names：封装密钥文件（默认记录库旁的 <名>.wrap.key）', 'with --names: the wrap-key file (default <name>.wrap.key beside the log)'))
    .action(async (options) => setExitCode(await (await import('./audit-export-command')).auditExportCommand(options, io)));

  program
    .command('import')
    .description(
      L(
        '从 CSV 文件招录人员（每行一个 Hire 命令），经命令通道执行：先在日志副本上检查；全部成功或全部不写。每行须有一份完整的第二十条招录经历（通过的申请），以及 --parameters 中该地区该层级的薪酬标准（如 demo 的 demo-parameters.json）',
        'hire personnel from a CSV file (one Hire per row) through the command path: checked on a copy of the log first; all rows or none. Each row needs a whole Art. 20 history in the log (a passed application) and a pay standard for its locality and level in --parameters (as the demo’s demo-parameters.json)',
      ),
    )
    .argument('<file>', L('带表头的 CSV；列：', 'CSV with a header row; columns: ') + 'auxiliaryId, applicationId, personKey, usingOrganId, category, level, payLocality, monthlyBaseFen, contractId, contractKind, contractStart, contractEnd, probationLastDay, clauses (;-separated), effectiveDate')
    .option('--db <file>', L('SQLite 事件记录库', 'the SQLite event log'))
    .option('--pg <url>', L('（不支持：检查在 SQLite 记录库的副本上进行）', '(not supported: the check runs on a copy of a SQLite log)'))
    .option('--dry-run', L('只检查：在日志的临时副本上执行每一行，报告结果，不写入', 'only check: run every row on a temporary copy of the log, report, write nothing'))
    .option('--actor <user>', L('导入人（记录在每个事件上）；除 --dry-run 外必填', 'who imports (recorded on every event); required unless --dry-run'))
    .option('--parameters <file>', L('地方措施 JSON（默认 AUXLEDGER_PARAMETERS），与 API 读取的相同，如 npm run demo 写出的 data/demo-parameters.json', 'the local measures JSON (default: AUXLEDGER_PARAMETERS), as the API reads it — e.g. data/demo-parameters.json that `npm run demo` writes'))
    .option('--json', L('报告，JSON 格式', 'the report as JSON'))
    .option(
      '--existing',
      L(
        '导入记录之前已在职的辅警（2024年9月1日前或本单位登记前聘用；第四十七条）：每行一个 RecordExistingService，按现状登记并标记为迁移，不适用第十七条至第二十三条招聘规则，无需招录经历；列：',
        'import staff who served before the record began (hired before 2024-09-01 or before the organ\'s record; Art. 47): one RecordExistingService per row, recorded as found and marked migrated, never judged by the recruitment rules of Arts. 17–23, no Art. 20 history needed; columns: ',
      ) + 'auxiliaryId, personKey, usingOrganId, category, hiredOn, level, payLocality, monthlyBaseFen, contractId, contractKind, contractStart, contractEnd, probationLastDay, clauses, probationCompletedOn, preJobTrainingOn, annualTrainingYears (;-separated), insuranceKinds (;-separated), insuranceEnrolledOn, insuranceRef, sourceRef, effectiveDate',
    )
    .action(async (file: string, options) => setExitCode(await (await import('./import-command')).importCommand(file, options, io)));

  const keys = program.command('keys').description(L('API 密钥，经正在运行的 API 管理（/api/keys；管理员密钥在 AUXLEDGER_API_KEY）', 'API keys, through the running API (/api/keys; admin key in AUXLEDGER_API_KEY)'));
  apiOptions(keys.command('create'))
    .description(L('创建并打印一个密钥（只显示一次）', 'create a key and print it (shown once)'))
    .option('--name <text>', L('密钥持有人或用途', 'who or what holds the key'))
    .option('--role <role>', L('admin、operator、auditor 或 viewer', 'admin, operator, auditor or viewer'))
    .option('--organ <id>', L('operator：该密钥可操作的机关（含下级）；可重复', 'operators: an organ the key may command (with its subtree); repeat for several'), collect)
    .action(async (options) => setExitCode(await (await import('./keys-command')).createKeyCommand(options, io)));
  apiOptions(keys.command('list'))
    .description(L('列出密钥（从不显示密钥本身）', 'list the keys (never the keys themselves)'))
    .action(async (options) => setExitCode(await (await import('./keys-command')).listKeysCommand(options, io)));
  apiOptions(keys.command('revoke'))
    .description(L('吊销一个密钥：此后即被拒绝', 'revoke a key: it is refused from then on'))
    .argument('<id>', L('密钥编号（keys list 所示）', 'the key id (as `keys list` shows it)'))
    .action(async (id: string, options) => setExitCode(await (await import('./keys-command')).revokeKeyCommand(id, options, io)));
  return program;
}

/** Commander's "(default: …)" and "(choices: …)" in the CLI's language. */
function translateExtras(text: string): string {
  return language() === 'zh' ? text.replace(/\(default: /g, '(默认：').replace(/\(choices: /g, '(可选：').replace(/, default: /g, '，默认：') : text;
}

/**
 * Runs the CLI; resolves to its exit code (0 done, 1 a problem found or
 * failed, 2 misuse). The language is chosen first (`--lang`, the
 * environment), since the help is worded as the commands are declared.
 */
export async function run(argv: string[], io: Output, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  setLanguage(chooseLanguage(argv, env).lang);
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(describeError(error));
      return error.exitCode;
    }
    const bilingual = bilingualError(error);
    if (bilingual) {
      io.err(describeError(bilingual));
      return 1;
    }
    if (error instanceof CommanderError) {
      const usage = usageErrorOf(error);
      if (usage) {
        io.err(describeError(usage));
        return usage.exitCode;
      }
      // Help and version (exit 0), or the help shown for a command group called without its command.
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
}

/** The command path's own errors (ApplicationError: CONCURRENCY_CONFLICT, COMMAND_ID_REUSED …) carry a code and both languages. */
function bilingualError(error: unknown): CliError | null {
  const e = error as { code?: unknown; messages?: { zh?: unknown; en?: unknown } } | null;
  if (typeof e?.code !== 'string' || typeof e.messages?.zh !== 'string' || typeof e.messages.en !== 'string') return null;
  return new CliError(e.code, { zh: e.messages.zh, en: e.messages.en });
}

if (require.main === module) {
  endQuietlyOnBrokenPipe([process.stdout, process.stderr]);
  const io: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), progress: process.stderr.isTTY === true, stdout: process.stdout, colour: wantsColour(process.stdout, process.env) };
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`auxledger: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
