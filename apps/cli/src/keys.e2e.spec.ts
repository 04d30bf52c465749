import { freePort } from '@auxledger/test-support';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiKey } from './keys-command';
import { runCliProcess } from './run-for-test';

const ADMIN_KEY = 'cli-e2e-admin-key-0123456789';

/** `auxledger keys` against the real API, started as its own process on a temporary SQLite file. */
describe('auxledger keys (through the running API)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-keys-'));
  let api: ChildProcess;
  let url = '';

  beforeAll(async () => {
    const port = await freePort();
    api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: join(__dirname, '..', '..', '..'),
      env: { ...process.env, PORT: String(port), AUXLEDGER_DB: join(dir, 'records.db'), AUXLEDGER_ADMIN_KEY: ADMIN_KEY, AUXLEDGER_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    await new Promise<void>((resolve, reject) => {
      // The banner is on standard error (standard output is the JSON log's).
      api.stderr?.on('data', (chunk: Buffer) => {
        printed += chunk.toString('utf8');
        const listening = /AuxLedger API listening on (http:\/\/\S+)\/api /.exec(printed);
        if (listening) {
          url = listening[1] as string;
          resolve();
        }
      });
      api.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      api.on('exit', (code) => reject(new Error(`the API exited (${code}) before listening:\n${printed}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await once(api, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const keys = (args: string[], env: Record<string, string> = {}) => runCliProcess(['keys', ...args], { AUXLEDGER_API_KEY: ADMIN_KEY, AUXLEDGER_API_URL: url, ...env });
  const listWith = (key: string) => fetch(`${url}/api/keys`, { headers: { authorization: `Bearer ${key}` } });

  it('creates a key (printed once), lists it, the key works; revoked, it is refused with 401', async () => {
    const created = await keys(['create', '--name', '审计组 王五', '--role', 'admin']);
    expect(created.code).toBe(0);
    const [summary, key] = created.out.trim().split('\n');
    expect(key).toMatch(/^axl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.err).toContain('shown only this once');
    const id = /已创建密钥 ([0-9a-f]{16})（admin）/.exec(summary ?? '')?.[1] as string;
    expect(id).toBeDefined();

    expect((await listWith(key as string)).status).toBe(200);

    const listed = await keys(['list', '--json']);
    expect(listed.code).toBe(0);
    const all = JSON.parse(listed.out) as ApiKey[];
    expect(all.find((k) => k.id === id)).toMatchObject({ name: '审计组 王五', role: 'admin', revokedAt: null, createdBy: 'bootstrap-admin' });
    expect(listed.out).not.toContain(key as string);

    const revoked = await keys(['revoke', id, '--api', `${url}/api`]);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toMatch(new RegExp(`已吊销密钥 ${id}`));

    const refused = await listWith(key as string);
    expect(refused.status).toBe(401);
    expect((await keys(['list'])).out).toMatch(new RegExp(`${id}  admin +已吊销 `));
    expect((await keys(['list', '--lang', 'en'])).out).toMatch(new RegExp(`${id}  admin +revoked `));
  }, 60_000);

  it('an operator key names its organs; the API refusals come back in both languages, exit 1', async () => {
    const operator = await keys(['create', '--name', '新城分局 政工室', '--role', 'operator', '--organ', 'xincheng', '--organ', 'saihan', '--json']);
    expect(operator.code).toBe(0);
    expect(JSON.parse(operator.out)).toMatchObject({ role: 'operator', organIds: ['xincheng', 'saihan'], key: expect.stringMatching(/^axl_/) });

    const noOrgans = await keys(['create', '--name', 'x', '--role', 'operator']);
    expect(noOrgans.code).toBe(1);
    expect(noOrgans.err).toMatch(/OPERATOR_NEEDS_ORGANS: .*操作员密钥须指定至少一个授权机关[\s\S]*An operator key names at least one organ/);

    const wrongAdmin = await keys(['list'], { AUXLEDGER_API_KEY: 'not-the-admin-key' });
    expect(wrongAdmin.code).toBe(1);
    expect(wrongAdmin.err).toContain('HTTP 401');

    expect((await keys(['revoke', '0000000000000000'])).err).toContain('KEY_NOT_FOUND');
  }, 60_000);

  it('misuse exits 2; an API that is not there exits 1 with a bilingual message', async () => {
    expect((await keys(['list'], { AUXLEDGER_API_KEY: '' })).code).toBe(2);
    expect((await keys(['create', '--name', 'x', '--role', 'superuser'])).code).toBe(2);
    const unreachable = await keys(['list', '--api', `http://127.0.0.1:${await freePort()}`]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toMatch(/API_UNREACHABLE: 无法连接 API[\s\S]*cannot reach the API/);
  }, 60_000);
});
