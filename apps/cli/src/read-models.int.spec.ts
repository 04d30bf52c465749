import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organRegistered } from '@auxledger/domain';
import { SqliteEventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { SqliteReadModelStore } from '@auxledger/projection-engine';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { runCli } from './run-for-test';

/** From a generated history to an organ's roster as of a date, through the CLI. */
describe('auxledger project / roster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-rm-'));
  const db = join(dir, 'events.db');
  const readModels = join(dir, 'read-models.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = runCli;
  let logHead = 0;
  const roster = async (asOf: string, ...extra: string[]) =>
    JSON.parse((await cli('roster', ...(extra.includes('--read-models-pg') ? [] : ['--read-models', readModels]), '--organ', 'nmg', '--subtree', '--as-of', asOf, '--json', ...extra)).out) as Array<Record<string, unknown>>;

  beforeAll(async () => {
    const store = new SqliteEventStore({ path: db });
    await generateHistory(store, { seed: 7, events: 1500, organs: loadRegionOrgans() });
    // 1500 events decided, and the claims of their command ids.
    logHead = await store.headPosition();
    await store.close();
  }, 120_000);

  it('projects the whole log, and a second run finds nothing new', async () => {
    const first = await cli('project', '--db', db, '--read-models', readModels);
    expect(first.code).toBe(0);
    expect(logHead).toBeGreaterThan(1500);
    expect(first.out).toContain(`读模型已追上日志至位置 ${logHead}（投影 ${logHead} 条事件）`);
    expect((await cli('project', '--db', db, '--read-models', readModels, '--lang', 'en')).out).toContain(`caught up to position ${logHead} (0 events projected)`);
  });

  it('answers the roster as of a date: nobody before the first hire, auxiliaries of the subtree later', async () => {
    expect(await roster('2024-08-31')).toEqual([]);
    const later = await roster('2026-12-31');
    expect(later.length).toBeGreaterThan(0);
    for (const row of later) expect(['ON_PROBATION', 'ACTIVE', 'SUSPENDED', 'DEPARTED']).toContain(row['status']);
  });

  it('a rebuild gives the same roster', async () => {
    const before = await roster('2025-12-31');
    expect((await cli('project', '--db', db, '--read-models', readModels, '--rebuild')).code).toBe(0);
    expect(await roster('2025-12-31')).toEqual(before);
  });

  it('`rebuild` is `project --rebuild`: every event projected again, the same roster', async () => {
    const before = await roster('2026-06-30');
    const rebuilt = await cli('rebuild', '--db', db, '--read-models', readModels);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toContain(`读模型已重建至位置 ${logHead}（投影 ${logHead} 条事件）`);
    expect(await roster('2026-06-30')).toEqual(before);
  });

  it('`project --follow` keeps the read models current as the log grows, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'project', '--db', db, '--read-models', readModels, '--follow'], {
      cwd: join(__dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await until(() => out.includes('following the log'));

    const store = new SqliteEventStore({ path: db });
    const [appended] = (await store.appendToStream('organ-follow-test', pastEvents([['2025-03-01', organRegistered({ organId: 'follow-test', name: '跟随测试派出所', level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId: 'nmg' })]]), 'no_stream')).events;
    await store.close();
    const models = new SqliteReadModelStore({ path: readModels });
    const live = async () => (await models.generations('auxledger')).find((g) => g.status === 'live')?.position;
    await until(async () => (await live()) === appended?.globalPosition);
    await models.close();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(new RegExp(`stopped at position ${appended?.globalPosition}`));
  }, 60_000);

  describeWithPostgres('read models in PostgreSQL', () => {
    it('projects the SQLite log into a PostgreSQL schema, which the same roster query reads', async () => {
      const url = await createTestDatabase('cli_rm');
      const projected = await cli('project', '--db', db, '--read-models-pg', url, '--read-models-schema', 'cli_read_models');
      expect(projected.code).toBe(0);
      expect(projected.out).toMatch(/读模型已追上日志至位置 \d+（投影 \d+ 条事件），位于 PostgreSQL schema cli_read_models/);
      const again = await cli('project', '--db', db, '--read-models-pg', url, '--read-models-schema', 'cli_read_models');
      expect(again.out).toMatch(/（投影 0 条事件）/);
      const fromPostgres = await roster('2026-12-31', '--read-models-pg', url, '--read-models-schema', 'cli_read_models');
      expect(fromPostgres.length).toBeGreaterThan(0);
      expect(fromPostgres).toEqual(await roster('2026-12-31'));
    }, 60_000);
  });

  it('misuse exits 2', async () => {
    expect((await cli('roster', '--organ', 'nmg')).code).toBe(2);
    expect((await cli('project', '--db', db, '--read-models', readModels, '--read-models-pg', 'postgres://127.0.0.1/x')).code).toBe(2);
    expect((await cli('roster', '--read-models', readModels, '--organ', 'nmg', '--as-of', '31/12/2025')).code).toBe(2);
  });
});

/** Polls a condition (a process's output, a checkpoint) until it holds; the test's own timeout bounds it. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}
