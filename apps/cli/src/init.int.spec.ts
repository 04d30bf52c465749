import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import type { InitReport } from './init-command';
import { runCli } from './run-for-test';

/** `auxledger init` on a fresh SQLite log: the region's organ tree from the shared file, then quotas; a re-run records nothing twice. */
describe('auxledger init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-init-'));
  const organsFile = join(dir, 'organs.json');
  copyFileSync(join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'inner-mongolia-organs.json'), organsFile);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const eventsIn = async (db: string) => {
    const store = new SqliteEventStore({ path: db });
    const events = await store.readAll({ maxCount: 100_000 });
    await store.close();
    return events;
  };

  it('registers the region, its 12 leagues and cities and 103 counties, then a quota for every county; again, nothing new', async () => {
    const db = join(dir, 'fresh.db');
    const args = ['init', '--db', db, '--organs', organsFile, '--actor', 'admin-setup', '--quota', '20', '--quota-document', '内公辅额〔2026〕1号', '--effective-date', '2026-01-05'];
    const first = await runCli(...args, '--json');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out) as InitReport;
    expect(report.organs).toEqual({ registered: 1 + 12 + 103, recorded: 0 });
    expect(report.quotas).toEqual({ set: 103, recorded: 0 });
    const events = await eventsIn(db);
    const registered = events.filter((e) => e.type === 'OrganRegistered');
    expect(registered).toHaveLength(116);
    expect(registered.find((e) => e.streamId === 'organ-nmg')?.data).toMatchObject({ name: '内蒙古自治区公安厅', level: 'REGION', parentId: null });
    expect(registered.find((e) => e.streamId === 'organ-hohhot-01')?.data).toMatchObject({ level: 'COUNTY', parentId: 'hohhot' });
    expect(events.filter((e) => e.type === 'QuotaSet')).toHaveLength(103);
    expect(events.every((e) => e.metadata.effectiveDate === '2026-01-05' && e.metadata.actor.id === 'admin-setup')).toBe(true);

    const again = await runCli(...args);
    expect(again.code).toBe(0);
    expect(again.out).toContain('新登记 0 个，此前已登记 116 个');
    expect(again.out).toContain('quotas: 0 set, 103 already recorded');
    expect(await eventsIn(db)).toHaveLength(events.length);
  }, 120_000);

  it.each([
    [['--organs', 'x.json', '--actor', 'a'], 'DB_REQUIRED'],
    [['--db', 'x.db', '--actor', 'a'], 'ORGANS_REQUIRED'],
    [['--db', 'x.db', '--organs', 'missing.json', '--actor', 'a'], 'NO_SUCH_FILE'],
  ])('refuses %j with %s in both languages, writing nothing', async (args, code) => {
    const res = await runCli('init', ...args);
    expect(res.code).not.toBe(0);
    expect(res.err).toContain(code);
    expect(res.err).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a quota without its document, and an organ file of another shape, creating no organ', async () => {
    const db = join(dir, 'refused.db');
    const noDocument = await runCli('init', '--db', db, '--organs', organsFile, '--actor', 'a', '--quota', '5');
    expect(noDocument.code).not.toBe(0);
    expect(noDocument.err).toContain('QUOTA_DOCUMENT_REQUIRED');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ region: { level: 'CITY', organ: 'x', division: 'x' } }));
    const wrongShape = await runCli('init', '--db', db, '--organs', bad, '--actor', 'a');
    expect(wrongShape.code).not.toBe(0);
    expect(wrongShape.err).toContain('INVALID_ORGANS_FILE');
    expect(await eventsIn(db)).toHaveLength(0);
  });
});
