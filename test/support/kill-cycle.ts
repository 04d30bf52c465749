import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface KillCycleOutput {
  /** Whole lines the child printed before it died (a line cut by the kill is dropped). */
  lines: string[];
  /** The child's exit code if it ended by itself before the kill, else null. */
  exitCode: number | null;
}

/**
 * For crash tests: runs a TypeScript script in a child process, waits until it
 * has printed its first line (it has done something), then SIGKILLs it after
 * a random delay of up to `maxDelayMs`.
 */
export async function runThenKill(script: string, args: string[], maxDelayMs: number): Promise<KillCycleOutput> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!out.includes('\n')) {
    if (child.exitCode !== null) throw new Error(`${script} exited early (${child.exitCode}): ${err}`);
    if (Date.now() - started > 30_000) throw new Error(`${script} printed nothing in 30 s: ${err}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * maxDelayMs)));
  child.kill('SIGKILL');
  const exitCode = await exited;
  if (exitCode !== null && exitCode !== 0) throw new Error(`${script} failed (${exitCode}): ${err}`);
  return { lines: out.split('\n').slice(0, -1), exitCode };
}
