import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from './main';

/** For specs: runs the CLI in process and collects what it printed (as without a locale: Chinese first, unless `--lang en`; the machine's locale is not read). */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t), progress: false }, {});
  return { code, out, err };
}

const REPOSITORY = join(__dirname, '..', '..', '..');

/** The built CLI (`npm run auxledger` builds it when stale, then runs it). */
export const BUILT_CLI = join(REPOSITORY, 'dist', 'apps', 'cli', 'main.js');

let built = false;

/** Builds dist/apps/cli/main.js if it is missing or older than its sources (apps/cli/build-if-stale.mjs), once per test file. */
export function buildCliIfStale(): void {
  if (built) return;
  const build = spawnSync(process.execPath, [join(REPOSITORY, 'apps', 'cli', 'build-if-stale.mjs')], { cwd: REPOSITORY, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed: ${build.stderr}`);
  built = true;
}

/** For specs: runs the built `auxledger` as its own process (as `npm run auxledger` does), with extra environment. */
export function runCliProcess(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  buildCliIfStale();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...argv], {
      cwd: REPOSITORY,
      // The machine's locale must not change what a test sees: Chinese first, as without a locale, unless the test says otherwise.
      env: { ...process.env, AUXLEDGER_LANG: 'zh', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}
