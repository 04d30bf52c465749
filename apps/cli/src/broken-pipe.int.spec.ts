import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSmallLedger } from './seed-for-test';

const REPOSITORY = join(__dirname, '..', '..', '..');

/**
 * `auxledger … | head -1`: the reader closes the pipe before the CLI has
 * written everything. The CLI stops at once, quietly — no `write EPIPE`
 * stack trace, no hang — whatever the command.
 */
describe('the CLI piped into a reader that closes early (EPIPE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-epipe-'));
  const db = join(dir, 'events.db');
  beforeAll(() => seedSmallLedger(db));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Spawns the CLI and closes its standard output after `keep` bytes (0: before anything arrives). */
  function runClosingEarly(argv: string[], keep: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; received: string; err: string; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...argv], { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'pipe'] });
      let received = '';
      let err = '';
      if (keep === 0) child.stdout.destroy();
      else
        child.stdout.on('data', (chunk: Buffer) => {
          received += chunk.toString('utf8');
          if (received.length >= keep) child.stdout.destroy();
        });
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, received, err, ms: Date.now() - started }));
    });
  }

  it.each([
    ['verify', ['verify', '--db']],
    ['verify --json', ['verify', '--json', '--db']],
    // The unkeyed chain digest: the copy has no signing key (a signed checkpoint needs one).
    ['digest', ['digest', '--chain', '--db']],
    ['history', ['history', 'aux-1', '--db']],
    ['audit export', ['audit', 'export', '--format', 'json', '--db']],
  ])('%s: ends cleanly, no EPIPE error, exit 0', async (_name, argv) => {
    const result = await runClosingEarly([...argv, db], 0);
    expect(result.err).not.toMatch(/EPIPE|Error/);
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('verify | head -1: the first line read, then the CLI ends cleanly', async () => {
    const result = await runClosingEarly(['verify', '--json', '--db', db], 1);
    expect(result.received.length).toBeGreaterThan(0);
    expect(result.err).not.toMatch(/EPIPE|Error/);
    expect(result.code).toBe(0);
  }, 60_000);
});
