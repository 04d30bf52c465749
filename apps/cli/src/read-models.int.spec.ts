import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { runCli } from './run-for-test';

/** From a generated history to an organ's roster as of a date, through the CLI. */
describe('auxledger project / roster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-rm-'));
  const db = join(dir, 'events.db');
  const readModels = join(dir, 'read-models.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = runCli;
  const roster = async (asOf: string, ...extra: string[]) =>
    JSON.parse((await cli('roster', '--read-models', readModels, '--organ', 'nmg', '--subtree', '--as-of', asOf, '--json', ...extra)).out) as Array<Record<string, unknown>>;

  beforeAll(async () => {
    const store = new SqliteEventStore({ path: db });
    await generateHistory(store, { seed: 7, events: 1500, organs: loadRegionOrgans() });
    await store.close();
  }, 120_000);

  it('projects the whole log, and a second run finds nothing new', async () => {
    const first = await cli('project', '--db', db, '--read-models', readModels);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/caught up to position 1500 \(1500 events projected\)/);
    expect((await cli('project', '--db', db, '--read-models', readModels)).out).toMatch(/position 1500 \(0 events projected\)/);
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
    expect(rebuilt.out).toMatch(/rebuilt to position 1500 \(1500 events projected\)/);
    expect(await roster('2026-06-30')).toEqual(before);
  });

  it('misuse exits 2', async () => {
    expect((await cli('roster', '--organ', 'nmg')).code).toBe(2);
    expect((await cli('roster', '--read-models', readModels, '--organ', 'nmg', '--as-of', '31/12/2025')).code).toBe(2);
  });
});
