import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

/**
 * What every browser test needs, in one place: the built app, the real API (apps/api/src/main.ts, as `npm start`
 * runs it) on a SQLite file of the test's own — a generated history or an empty, fresh deployment — and Debian's
 * chromium driven by playwright-core (no browser download). Screenshots go to test-artifacts/browser/.
 */
export const ROOT = resolve(__dirname, '..', '..');
export const CHROMIUM = process.env['AUXLEDGER_CHROMIUM'] || '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
export const ADMIN_KEY = 'browser-test-admin-key-0123456789';
export const haveChromium = existsSync(CHROMIUM);

/** `describe` where chromium is (always in CI, where its absence fails the suite), else a describe.skip whose title says why. */
export function describeInChromium(title: string, body: () => void): void {
  if (haveChromium || process.env['CI'] === 'true') describe(title, body);
  else describe.skip(`${title} — SKIPPED: no chromium at ${CHROMIUM} (apt-get install -y chromium fonts-wqy-zenhei)`, body);
}

export interface Deployment {
  base: string;
  dir: string;
  /** GET with a key (the admin's by default); throws on a non-2xx. */
  get<T>(path: string, key?: string): Promise<T>;
  /** POST JSON with a key (the admin's by default): the status and body, whatever the status. */
  post<T = unknown>(path: string, body: unknown, key?: string): Promise<{ status: number; body: T }>;
  /** Resolves when the read models hold the whole log. */
  caughtUp(): Promise<void>;
  /** A new API key of this role (operators: of these organs). */
  key(role: 'admin' | 'operator' | 'auditor' | 'viewer', organIds?: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Builds the app if stale and starts the API on 127.0.0.1. With `history`, on a generated region of that many
 * events (libs/history, as `npm run demo` makes the big one); without, on an empty database: a fresh deployment.
 */
export async function startDeployment(options: { history?: { events: number; headcount: number; seed: number }; env?: Record<string, string> } = {}): Promise<Deployment> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const build = spawnSync(process.execPath, [join(ROOT, 'apps/web/build-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the web app failed');
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-browser-'));
  const db = join(dir, 'records.db');
  const env: Record<string, string> = {};
  if (options.history) {
    const parameters = join(dir, 'parameters.json');
    const { events, headcount, seed } = options.history;
    const generated = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'libs/history/src/cli.ts', '--db', db, '--seed', String(seed), '--events', String(events), '--headcount', String(headcount), '--parameters-out', parameters, '--quiet'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (generated.status !== 0) throw new Error(`generating the history failed: ${generated.stderr}`);
    env['AUXLEDGER_PARAMETERS'] = parameters;
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      // The records in the test's SQLite file: not the throwaway PostgreSQL the global setup names.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AUXLEDGER_'))),
      PORT: String(port),
      AUXLEDGER_HOST: '127.0.0.1',
      AUXLEDGER_DB: db,
      AUXLEDGER_ADMIN_KEY: ADMIN_KEY,
      AUXLEDGER_LOG_LEVEL: 'warn',
      AUXLEDGER_RATE_LIMIT: '100000',
      AUXLEDGER_MIN_POSITION_WAIT_MS: '60000',
      ...env,
      ...options.env,
    },
  });
  let output = '';
  api.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  api.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const started = Date.now();
  while (!output.includes('Dashboard: ')) {
    if (api.exitCode !== null || Date.now() - started > 90_000) throw new Error(`the API did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const get = async <T>(path: string, key = ADMIN_KEY): Promise<T> => {
    const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${key}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const post = async <T>(path: string, body: unknown, key = ADMIN_KEY) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  };
  /** Waits until the read models hold the whole log (`/health/ready`: lag 0). */
  const caughtUp = async () => {
    const started = Date.now();
    for (;;) {
      const ready = (await (await fetch(`${base}/health/ready`)).json().catch(() => null)) as { details?: { readModels?: { lag?: number } } } | null;
      if (ready?.details?.readModels?.lag === 0) return;
      if (Date.now() - started > 1_800_000) throw new Error(`the read models did not catch up: ${JSON.stringify(ready)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  if (options.history) await caughtUp();
  return {
    caughtUp,
    base,
    dir,
    get,
    post,
    key: async (role, organIds) => {
      const created = await post<{ key: string }>('/api/keys', { name: `browser test ${role}`, role, ...(organIds ? { organIds } : {}) });
      if (created.status !== 201) throw new Error(`creating a ${role} key: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body.key;
    },
    stop: async () => {
      if (api.exitCode === null) {
        const exited = new Promise((r) => api.once('exit', r));
        api.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's chromium, headless, zh-CN in Shanghai's time, a fresh profile under `dir`. */
export async function launchChromium(dir: string, options: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  if (!haveChromium) throw new Error(`CI=true and no chromium at ${CHROMIUM}: .ci/run installs it (apt-get install -y chromium fonts-wqy-zenhei)`);
  const context = await chromium.launchPersistentContext(join(dir, `chromium-profile-${Date.now()}`), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1440, height: 1000 },
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** Signs in on the app's page with a key; resolves when the menu shows. */
export async function signIn(page: Page, base: string, key: string, hash = ''): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.fill('[data-testid="api-key"]', key);
  await page.click('[data-testid="sign-in-submit"]');
  await page.waitForSelector('.ant-layout-sider .ant-menu');
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
