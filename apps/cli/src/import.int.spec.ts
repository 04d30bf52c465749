import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import { HIRE_COLUMNS } from './hire-csv';
import type { ImportReport } from './import-command';
import { runCli, runCliProcess } from './run-for-test';
import { ORGAN, PAY_L1_FEN, seedOrgan, seedPassedApplication, writeLocalMeasures } from './seed-for-test';

/** Personnel from CSV through the real command path, on real SQLite files. */
describe('auxledger import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-import-'));
  const template = join(dir, 'template.db');
  const parameters = writeLocalMeasures(join(dir, 'parameters.json'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An organ with a quota of 2 (用人额度, Art. 7) and four applications through every stage of Art. 20. */
  beforeAll(async () => {
    const store = new SqliteEventStore({ path: template });
    await seedOrgan(store, ORGAN, 2);
    for (const id of ['a', 'b', 'c', 'd']) await seedPassedApplication(store, `app-${id}`, `pk-${id}`);
    await store.close();
  });

  let copies = 0;
  const freshLog = () => {
    const db = join(dir, `log-${++copies}.db`);
    copyFileSync(template, db);
    return db;
  };
  const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  const eventsIn = async (db: string) => {
    const store = new SqliteEventStore({ path: db });
    const events = await store.readAll({ maxCount: 100_000 });
    await store.close();
    return events;
  };

  const row = (id: string, overrides: Partial<Record<(typeof HIRE_COLUMNS)[number], string>> = {}) => ({
    auxiliaryId: `aux-${id}`, applicationId: `app-${id}`, personKey: `pk-${id}`, usingOrganId: ORGAN, category: 'DUTY', level: 'L1',
    payLocality: 'hohhot', monthlyBaseFen: String(PAY_L1_FEN), contractId: `contract-${id}`, contractKind: 'FIXED_TERM',
    contractStart: '2025-01-02', contractEnd: '2028-12-31', probationLastDay: '2025-06-30',
    clauses: 'DUTIES;WORKING_CONDITIONS;PROBATION;TERM;PAY;TERMINATION_CONDITIONS;BREACH_LIABILITY', effectiveDate: '2025-01-02',
    ...overrides,
  });
  const csvFile = (name: string, rows: Array<Record<string, string>>, columns: readonly string[] = HIRE_COLUMNS) => {
    const path = join(dir, name);
    writeFileSync(path, [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n');
    return path;
  };

  /** Rows 3 and 4 would be legal alone, but rows 1–2 have used the quota of 2 (QUOTA-HIRE, Art. 7); row 3 is also underpaid (PAY-LEVEL, Art. 27 ¶2). */
  const withRefusals = () => csvFile('with-refusals.csv', [row('a'), row('b'), row('c', { monthlyBaseFen: '100' }), row('d')]);
  const clean = () => csvFile('clean.csv', [row('a'), row('b')]);

  it('--dry-run runs the same rules row after row on a copy, reports every violation with its citation, and writes nothing', async () => {
    const db = freshLog();
    const before = { file: sha256(db), events: (await eventsIn(db)).length };
    const result = await runCli('import', withRefusals(), '--db', db, '--dry-run', '--parameters', parameters, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as ImportReport;
    expect(report).toMatchObject({ dryRun: true, written: false, summary: { accepted: 2, recorded: 0, refused: 2, malformed: 0 } });
    expect(report.rows.map((r) => [r.row, r.line, r.outcome])).toEqual([[1, 2, 'accepted'], [2, 3, 'accepted'], [3, 4, 'refused'], [4, 5, 'refused']]);
    const violations = (n: number) => {
      const refusal = report.rows[n]?.refusal;
      return refusal?.kind === 'STATUTE' ? refusal.violations : [];
    };
    expect(violations(2).map((v) => v.ruleId).sort()).toEqual(['PAY-LEVEL', 'QUOTA-HIRE']);
    expect(violations(2).find((v) => v.ruleId === 'PAY-LEVEL')).toMatchObject({ citation: { zh: expect.stringContaining('第二十七条第二款'), en: expect.stringContaining('Art. 27 ¶2') } });
    expect(violations(3)).toEqual([expect.objectContaining({ ruleId: 'QUOTA-HIRE', citation: { zh: expect.stringContaining('第七条'), en: expect.stringContaining('Art. 7') } })]);
    // No -wal or -shm file left beside the log either (checked before anything else opens it).
    expect(readdirSync(dir).filter((f) => f.startsWith(basename(db)))).toEqual([basename(db)]);
    expect({ file: sha256(db), events: (await eventsIn(db)).length }).toEqual(before);
  });

  it('the human report names each row, rule and citation in both languages', async () => {
    const db = freshLog();
    const result = await runCli('import', withRefusals(), '--db', db, '--dry-run', '--parameters', parameters);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/试运行（在副本上），未写入/);
    expect(result.out).toMatch(/PAY-LEVEL \(NOT_MET\) 《内蒙古自治区公安机关警务辅助人员条例》第二十七条第二款 \/ Inner Mongolia Auxiliary Police Regulation \(2024\) Art\. 27 ¶2/);
    expect(result.out).toContain('合计：可聘用 2 人，已有记录 0 行，被拒绝 2 行，格式有误 0 行');
    const en = await runCli('--lang', 'en', 'import', withRefusals(), '--db', db, '--dry-run', '--parameters', parameters);
    expect(en.out).toMatch(/dry run on a copy: nothing written/);
    expect(en.out).toContain('summary: 2 would be hired, 0 already recorded, 2 refused, 0 malformed');
  });

  it('without local pay standards the same file is refused: PAY-LEVEL cannot decide (the registry is the one given)', async () => {
    const result = await runCli('import', clean(), '--db', freshLog(), '--dry-run', '--json');
    const report = JSON.parse(result.out) as ImportReport;
    expect(result.code).toBe(1);
    expect(report.rows.every((r) => r.refusal?.kind === 'STATUTE' && r.refusal.violations.some((v) => v.ruleId === 'PAY-LEVEL' && v.kind === 'CANNOT_DETERMINE'))).toBe(true);
  });

  it('a real import is all or nothing: one refused row and nothing is written, exit 1', async () => {
    const db = freshLog();
    const before = sha256(db);
    const result = await runCli('import', withRefusals(), '--db', db, '--actor', 'zhang.san', '--parameters', parameters, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ dryRun: false, written: false });
    expect(sha256(db)).toBe(before);
  });

  it('a real import writes the hires, recorded as the CLI user; the same file again writes nothing new', async () => {
    const db = freshLog();
    const file = clean();
    const first = await runCliProcess(['import', file, '--db', db, '--actor', 'zhang.san', '--json'], { AUXLEDGER_PARAMETERS: parameters });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ written: true, summary: { accepted: 2, refused: 0, malformed: 0 } });
    const events = await eventsIn(db);
    const hired = events.filter((e) => e.type === 'AuxiliaryHired');
    expect(hired.map((e) => e.data['auxiliaryId'])).toEqual(['aux-a', 'aux-b']);
    expect(hired.map((e) => e.metadata.actor)).toEqual([{ id: 'zhang.san', role: 'system', organId: null }, { id: 'zhang.san', role: 'system', organId: null }]);
    expect(hired[0]?.metadata.commandId).toMatch(/^import-[0-9a-f]{32}-row-1$/);

    const again = await runCli('import', file, '--db', db, '--actor', 'li.si', '--parameters', parameters, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ summary: { accepted: 0, recorded: 2, refused: 0 } });
    expect((await eventsIn(db)).length).toBe(events.length);
  }, 60_000);

  it('reports malformed rows with row, line and column, and writes nothing', async () => {
    const db = freshLog();
    const before = sha256(db);
    const file = csvFile('malformed.csv', [row('a'), row('b', { monthlyBaseFen: '4000.5', contractEnd: '2028-02-30' }), row('c', { personKey: '', category: 'POLICE' })]);
    const result = await runCli('import', file, '--db', db, '--actor', 'zhang.san', '--parameters', parameters, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as ImportReport;
    expect(report.summary).toMatchObject({ accepted: 1, malformed: 2 });
    expect(report.rows[1]).toMatchObject({ row: 2, line: 3, outcome: 'malformed' });
    expect(report.rows[1]?.problems?.map((p) => p.column)).toEqual(['contractEnd', 'monthlyBaseFen']);
    expect(report.rows[2]?.problems?.map((p) => p.column)).toEqual(['personKey', 'category']);
    expect(report.rows[2]?.problems?.[0]?.message).toEqual({ zh: '缺少取值', en: 'is empty' });
    expect(sha256(db)).toBe(before);
    const human = await runCli('import', file, '--db', db, '--dry-run', '--parameters', parameters);
    expect(human.out).toMatch(/2 +3 +aux-b +格式有误 malformed\n +列 contractEnd: 须为日期 YYYY-MM-DD（收到 2028-02-30） \/ must be a date, YYYY-MM-DD \(got 2028-02-30\)/);
  });

  it('a file without a needed column, a missing --actor, or a PostgreSQL log: refused before anything runs', async () => {
    const db = freshLog();
    const noPersonKey = csvFile('no-person-key.csv', [row('a')], HIRE_COLUMNS.filter((c) => c !== 'personKey'));
    expect(await runCli('import', noPersonKey, '--db', db, '--dry-run')).toMatchObject({ code: 1, err: expect.stringMatching(/CSV_COLUMNS_MISSING: .*缺少列：personKey\n.*lacks the column\(s\) personKey/) });
    expect(await runCli('import', clean(), '--db', db)).toMatchObject({ code: 2, err: expect.stringContaining('--actor') });
    expect((await runCli('import', clean(), '--pg', 'postgres://localhost/x', '--dry-run')).code).toBe(2);
    expect((await runCli('import', join(dir, 'missing.csv'), '--db', db, '--dry-run')).code).toBe(2);
  });
});
