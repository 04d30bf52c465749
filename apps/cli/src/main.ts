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
 */
import { Command, Option } from 'commander';
import { CliError, describeError } from './cli-error';
import { auditExportCommand } from './audit-export-command';
import { historyCommand } from './history-command';
import { importCommand } from './import-command';
import { createKeyCommand, listKeysCommand, revokeKeyCommand } from './keys-command';
import { type Output, endQuietlyOnBrokenPipe } from './output';
import { projectCommand, rosterCommand } from './read-model-commands';
import { registerLogIntegrityCommands } from './prove-commands';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function buildProgram(io: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('auxledger')
    .description('AuxLedger: records of auxiliary police personnel (内蒙古自治区公安机关警务辅助人员条例)')
    .addHelpText('after', '\nExit codes: 0 done / intact; 1 a problem found or the work failed; 2 the command was called wrongly.\nErrors are printed in Chinese and English with a stable code.');
  program.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  const logOptions = (command: Command) =>
    command
      .addOption(new Option('--db <file>', 'the SQLite event log (a copy works; it is only read)'))
      .addOption(new Option('--pg <url>', 'a PostgreSQL event log (connection string)'));
  const apiOptions = (command: Command) =>
    command
      .option('--api <url>', 'the running API, e.g. http://localhost:3000 (default: AUXLEDGER_API_URL); the admin key comes from AUXLEDGER_API_KEY')
      .option('--json', 'as JSON');

  registerLogIntegrityCommands(program, logOptions, io, setExitCode);

  const readModelOptions = (command: Command) =>
    command
      .option('--read-models <file>', 'the SQLite read-model database')
      .option('--read-models-pg <url>', 'or a PostgreSQL database for the read models (connection string)')
      .option('--read-models-schema <name>', 'its schema (default read_models, as the API)');

  readModelOptions(logOptions(program.command('project')))
    .description('bring the read models (roster, person files, quota use, audit trail…) up to the end of the log')
    .option('--rebuild', 'build a new generation from the start and switch over (the same as `rebuild`)')
    .option('--follow', 'then keep following the log until SIGINT/SIGTERM (the projector as its own process; start the API with AUXLEDGER_PROJECTOR=off)')
    .action(async (options) => setExitCode(await projectCommand(options, io)));

  readModelOptions(logOptions(program.command('rebuild')))
    .description('rebuild the read models from the start of the log, then switch over (`project --rebuild`)')
    .action(async (options) => setExitCode(await projectCommand({ ...options, rebuild: true }, io)));

  readModelOptions(program.command('roster'))
    .description("an organ's roster as of a date (from the read models)")
    .option('--organ <id>', 'the organ')
    .option('--subtree', 'include every organ below it')
    .option('--as-of <date>', 'effective date, YYYY-MM-DD (default today)')
    .option('--known-at <instant>', 'as the record stood at this recorded time (ISO 8601)')
    .option('--json', 'as JSON')
    .action(async (options) => setExitCode(await rosterCommand(options, io)));

  logOptions(program.command('history'))
    .description("one auxiliary's whole timeline from the log, in effective-date order: the auxiliary's stream, and the application, contract and quota events of the hire")
    .argument('<auxiliaryId>', 'the auxiliary (辅警编号)')
    .option('--as-of <date>', 'stop at this effective date, YYYY-MM-DD (inclusive)')
    .option('--show-person-key', 'show the person key (PIPL: hidden unless asked for)')
    .option('--json', 'as JSON')
    .action(async (auxiliaryId: string, options) => setExitCode(await historyCommand(auxiliaryId, options, io)));

  const audit = program.command('audit').description('for auditors: the record of who did what, when, under which rules');
  logOptions(audit.command('export'))
    .description('every accepted event and every refused command (with rule ids and citations), streamed from the log in batches')
    .addOption(new Option('--format <format>', 'csv, or json (NDJSON: one object per line)').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--organ <id>', 'only records concerning this organ, or made by an actor acting for it')
    .option('--person <id>', 'only records concerning this auxiliary id or person key')
    .option('--actor <id>', 'only records made by this actor (API key id or CLI user)')
    .option('--type <type>', 'only this event type or command type (AuxiliaryHired, Hire, CommandRefused …)')
    .option('--from <date>', 'effective on or after this date, YYYY-MM-DD')
    .option('--to <date>', 'effective on or before this date, YYYY-MM-DD')
    .option('--show-person-key', 'show person keys (PIPL: hidden unless asked for)')
    .action(async (options) => setExitCode(await auditExportCommand(options, io)));

  program
    .command('import')
    .description('hire personnel from a CSV file (one Hire per row) through the command path: checked on a copy of the log first; all rows or none')
    .argument('<file>', 'CSV with a header row; columns: auxiliaryId, applicationId, personKey, usingOrganId, category, level, payLocality, monthlyBaseFen, contractId, contractKind, contractStart, contractEnd, probationLastDay, clauses (;-separated), effectiveDate')
    .option('--db <file>', 'the SQLite event log')
    .option('--pg <url>', '(not supported: the check runs on a copy of a SQLite log)')
    .option('--dry-run', 'only check: run every row on a temporary copy of the log, report, write nothing')
    .option('--actor <user>', 'who imports (recorded on every event); required unless --dry-run')
    .option('--parameters <file>', 'the local measures JSON (default: AUXLEDGER_PARAMETERS), as the API reads it')
    .option('--json', 'the report as JSON')
    .action(async (file: string, options) => setExitCode(await importCommand(file, options, io)));

  const keys = program.command('keys').description('API keys, through the running API (/api/keys; admin key in AUXLEDGER_API_KEY)');
  apiOptions(keys.command('create'))
    .description('create a key and print it (shown once)')
    .option('--name <text>', 'who or what holds the key')
    .option('--role <role>', 'admin, operator, auditor or viewer')
    .option('--organ <id>', 'operators: an organ the key may command (with its subtree); repeat for several', collect)
    .action(async (options) => setExitCode(await createKeyCommand(options, io)));
  apiOptions(keys.command('list'))
    .description('list the keys (never the keys themselves)')
    .action(async (options) => setExitCode(await listKeysCommand(options, io)));
  apiOptions(keys.command('revoke'))
    .description('revoke a key: it is refused from then on')
    .argument('<id>', 'the key id (as `keys list` shows it)')
    .action(async (id: string, options) => setExitCode(await revokeKeyCommand(id, options, io)));
  return program;
}

/** Runs the CLI; resolves to its exit code (0 done, 1 a problem found or failed, 2 misuse). */
export async function run(argv: string[], io: Output): Promise<number> {
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
    const exit = error as { code?: string; exitCode?: number };
    if (typeof exit.code === 'string' && exit.code.startsWith('commander.')) return exit.exitCode === 0 ? 0 : 2;
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
  const io: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), progress: process.stderr.isTTY === true, stdout: process.stdout };
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
