import { freePort } from '@auxledger/test-support';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { tempDir } from '../testing/api-fixture';

/**
 * `npm start` as an operator runs it (issue 16): standard output is the JSON
 * log only, one object a line; the banner — the first start's admin key
 * included — is on standard error, never among the log lines.
 */
describe('the start-up banner and the log stream', () => {
  const tmp = tempDir('auxledger-banner-');
  let api: ChildProcess | undefined;
  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await once(api, 'exit');
    }
    tmp.remove();
  });

  it('stdout holds JSON lines only (with the request id); the admin key is printed once, on stderr', async () => {
    const port = await freePort();
    // A first start on an empty SQLite log of its own: none of the suite's settings (AUXLEDGER_PG_URL is the shared PostgreSQL).
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AUXLEDGER_')));
    const env: NodeJS.ProcessEnv = { ...inherited, PORT: String(port), AUXLEDGER_DB: join(tmp.dir, 'records.db'), AUXLEDGER_LOG_LEVEL: 'info' };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: join(__dirname, '..', '..', '..', '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    api = child;
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const adminKey = await new Promise<string>((resolve, reject) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        err += chunk.toString('utf8');
        const key = /Admin key \(shown this once; only its hash is stored\): (\S+)/.exec(err);
        if (key && err.includes('AuxLedger API listening')) resolve(key[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`the API exited (${code}):\n${err}`)));
      // A slow start says where it stands, rather than running into the test's timeout silently.
      setTimeout(() => reject(new Error(`the API did not print its banner in 100 s; stderr so far:\n${err.slice(-2000)}\nstdout so far:\n${out.slice(-2000)}`)), 100_000).unref();
    });
    const answer = await fetch(`http://127.0.0.1:${port}/api/organs`, { headers: { Authorization: `Bearer ${adminKey}`, 'X-Request-Id': 'banner-test-1' }, signal: AbortSignal.timeout(30_000) });
    expect(answer.headers.get('x-request-id')).toBe('banner-test-1');
    for (let i = 0; i < 200 && !out.includes('banner-test-1'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const lines = out.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(out).not.toContain(adminKey);
    expect(out).not.toContain('AuxLedger API listening');
    const request = lines.map((l) => JSON.parse(l) as { reqId?: string; req?: { id?: string } }).find((l) => l.req?.id === 'banner-test-1');
    expect(request?.reqId).toBe('banner-test-1');
  }, 150_000);
});
