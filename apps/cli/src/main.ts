/**
 * auxledger — the auditors' and operators' command line.
 *
 *   node -r @swc-node/register apps/cli/src/main.ts verify --db ./data/auxledger.db [--against checkpoint.json]
 *   node -r @swc-node/register apps/cli/src/main.ts digest --db ./data/auxledger.db [--out checkpoint.json]
 *   node -r @swc-node/register apps/cli/src/main.ts project --db ./data/auxledger.db --read-models ./data/read-models.db [--rebuild]
 *   node -r @swc-node/register apps/cli/src/main.ts roster --read-models ./data/read-models.db --organ hohhot --subtree --as-of 2025-06-30
 *
 * (`npm run auxledger -- verify …` from the repository root.)
 */
import { Command, Option } from 'commander';
import { UsageError } from './open-log';
import { projectCommand, rosterCommand } from './read-model-commands';
import { type Output, digestCommand, verifyCommand } from './verify-command';

export function buildProgram(io: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('auxledger').description('AuxLedger: records of auxiliary police personnel (内蒙古自治区公安机关警务辅助人员条例)');
  program.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  const logOptions = (command: Command) =>
    command
      .addOption(new Option('--db <file>', 'the SQLite event log (a copy works; it is only read)'))
      .addOption(new Option('--pg <url>', 'a PostgreSQL event log (connection string)'));

  logOptions(program.command('verify'))
    .description('check every hash link of the log, and a saved checkpoint; exit 1 naming each broken event')
    .option('--against <file>', 'a checkpoint saved earlier with `digest`')
    .option('--json', 'the full report as JSON')
    .action(async (options) => setExitCode(await verifyCommand(options, io)));

  logOptions(program.command('digest'))
    .description('the log checkpoint (position, event count, digest) for an auditor to keep')
    .option('--out <file>', 'write it to a file')
    .action(async (options) => setExitCode(await digestCommand(options, io)));
  logOptions(program.command('project'))
    .description('bring the read models (roster, person files, quota use, audit trail…) up to the end of the log')
    .option('--read-models <file>', 'the SQLite read-model database')
    .option('--rebuild', 'build a new generation from the start and switch over')
    .action(async (options) => setExitCode(await projectCommand(options, io)));

  program
    .command('roster')
    .description("an organ's roster as of a date (from the read models)")
    .option('--read-models <file>', 'the SQLite read-model database')
    .option('--organ <id>', 'the organ')
    .option('--subtree', 'include every organ below it')
    .option('--as-of <date>', 'effective date, YYYY-MM-DD (default today)')
    .option('--known-at <instant>', 'as the record stood at this recorded time (ISO 8601)')
    .option('--json', 'as JSON')
    .action(async (options) => setExitCode(await rosterCommand(options, io)));
  return program;
}

/** Runs the CLI; resolves to its exit code (0 intact, 1 broken, 2 misuse). */
export async function run(argv: string[], io: Output): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`auxledger: ${error.message}\n`);
      return 2;
    }
    const exit = error as { code?: string; exitCode?: number };
    if (typeof exit.code === 'string' && exit.code.startsWith('commander.')) return exit.exitCode === 0 ? 0 : 2;
    throw error;
  }
}

if (require.main === module) {
  run(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), progress: process.stderr.isTTY === true }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`auxledger: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
