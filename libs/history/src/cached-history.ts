import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Generated histories kept between benchmark runs. Generating goes through
 * the command path (a few thousand events/s in RAM), so a million events take
 * minutes: each is written once, under a name that says what it holds —
 * generator version, seed and size — and reused until the version changes.
 *
 * Bump HISTORY_GENERATOR_VERSION whenever the generator (or the domain it
 * drives) would write a different log for the same seed and size; an old
 * file is then simply not found, and a new one is generated beside it.
 */
export const HISTORY_GENERATOR_VERSION = 5;

/** Where benchmark histories live: `AUXLEDGER_BENCH_HISTORY_DIR` or `AUXLEDGER_BENCH_DATA` (e.g. a directory of pre-generated ones), else `./data/bench` (git-ignored). */
export const defaultHistoryDir = (): string => resolve(process.env['AUXLEDGER_BENCH_HISTORY_DIR'] || process.env['AUXLEDGER_BENCH_DATA'] || './data/bench');

export function cachedHistoryPath(options: { seed: number; events: number; dir?: string }): string {
  return join(options.dir ?? defaultHistoryDir(), `history-v${HISTORY_GENERATOR_VERSION}-seed${options.seed}-${options.events}.db`);
}

/**
 * The path of a SQLite log holding the seeded history of `events` events,
 * generated first if it is not cached (the CLI in a child process, progress
 * bar on stderr; written to a `.partial` file and renamed when whole, so an
 * interrupted generation never leaves a cached file behind).
 */
export async function ensureCachedHistory(options: { seed: number; events: number; dir?: string; log?: (line: string) => void }): Promise<string> {
  const path = cachedHistoryPath(options);
  if (existsSync(path) && statSync(path).size > 0) return path;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  mkdirSync(resolve(path, '..'), { recursive: true });
  const partial = `${path}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  log(
    `Generating a history of ${options.events.toLocaleString('en-US')} events (seed ${options.seed}) through the command path — ` +
      `about ${Math.ceil(options.events / 2000 / 60)} min at ~2 000 events/s; cached as ${path} for later runs.`,
  );
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'cli.ts'), '--db', partial, '--seed', String(options.seed), '--events', String(options.events), '--via-tmpfs'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.once('error', fail);
    child.once('exit', done);
  });
  if (code !== 0) throw new Error(`generating the history failed (exit ${code}); nothing was cached`);
  renameSync(partial, path);
  return path;
}
