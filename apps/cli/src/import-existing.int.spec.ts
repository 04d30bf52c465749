import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import { EXISTING_COLUMNS } from './import-existing-csv';
import type { ImportReport } from './import-command';
import { runCli } from './run-for-test';
import { ORGAN, seedOrgan } from './seed-for-test';

/** `auxledger import --existing` (issue 11 item 8): staff who served before the record began, from CSV, on a real SQLite log — no application anywhere. */
describe('auxledger import --existing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-existing-'));
  const db = join(dir, 'records.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    const store = new SqliteEventStore({ path: db });
    await seedOrgan(store, ORGAN, 5);
    await store.close();
  });

  const row = (id: string, overrides: Partial<Record<(typeof EXISTING_COLUMNS)[number], string>> = {}) => ({
    auxiliaryId: `aux-${id}`, personKey: `pk-${id}`, usingOrganId: ORGAN, category: 'DUTY', hiredOn: '2015-06-01', level: 'L2', payLocality: 'hohhot', monthlyBaseFen: '430000',
    contractId: `contract-${id}`, contractKind: 'FIXED_TERM', contractStart: '2023-06-01', contractEnd: '2026-05-31', probationLastDay: '', clauses: 'DUTIES;TERM;PAY',
    probationCompletedOn: '2015-12-01', preJobTrainingOn: '2015-06-15', annualTrainingYears: '2023;2024', insuranceKinds: 'PENSION;MEDICAL;WORK_INJURY', insuranceEnrolledOn: '2015-07-01', insuranceRef: `社保-${id}`,
    sourceRef: `档案-${id}`, effectiveDate: '2024-11-01',
    ...overrides,
  });
  const csvFile = (name: string, rows: Array<Record<string, string>>) => {
    const path = join(dir, name);
    writeFileSync(path, [EXISTING_COLUMNS.join(','), ...rows.map((r) => EXISTING_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n') + '\n');
    return path;
  };

  it('--dry-run: a hire after the regulation and the organ\'s record is refused (EXISTING-SERVICE, Art. 17), a malformed row reported bilingual; nothing written', async () => {
    const file = csvFile('check.csv', [row('a'), row('b', { hiredOn: '2024-10-01', contractStart: '2024-10-01' }), row('c', { insuranceKinds: 'PENSION;NONSENSE' })]);
    const result = await runCli('import', file, '--existing', '--db', db, '--dry-run', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as ImportReport;
    expect(report.rows.map((r) => r.outcome)).toEqual(['accepted', 'refused', 'malformed']);
    const refusal = report.rows[1]?.refusal;
    // Every defect at once: the hire date (Art. 17), and the 2015 dates on file, before that hire (Art. 24).
    const violations = refusal?.kind === 'STATUTE' ? refusal.violations : [];
    expect(violations[0]).toMatchObject({ ruleId: 'EXISTING-SERVICE', citation: { zh: expect.stringContaining('第十七条') } });
    expect(new Set(violations.map((v) => v.ruleId))).toEqual(new Set(['EXISTING-SERVICE']));
    expect(report.rows[2]?.problems?.[0]).toMatchObject({ column: 'insuranceKinds', message: { zh: expect.stringContaining('未知险种'), en: expect.stringContaining('unknown insurance kind') } });
  });

  it('imports: each row one RecordExistingService, marked migrated, its trainings and insurance on file; again: nothing new', async () => {
    const file = csvFile('staff.csv', [row('a'), row('d', { preJobTrainingOn: '', annualTrainingYears: '', insuranceKinds: '', insuranceEnrolledOn: '', insuranceRef: '' })]);
    const first = JSON.parse((await runCli('import', file, '--existing', '--db', db, '--actor', 'importer', '--json')).out) as ImportReport;
    expect(first.summary).toMatchObject({ accepted: 2, refused: 0, malformed: 0 });
    const store = new SqliteEventStore({ path: db });
    const a = await store.readStream('auxiliary-aux-a');
    const d = await store.readStream('auxiliary-aux-d');
    await store.close();
    expect(a.map((e) => e.type)).toEqual(['AuxiliaryHired', 'TrainingRecorded', 'TrainingRecorded', 'TrainingRecorded', 'InsuranceEnrolled', 'ProbationCompleted']);
    expect(a[0]?.data).toMatchObject({ applicationId: '', hiredOn: '2015-06-01', migrated: { recordedFrom: '2024-11-01', sourceRef: '档案-a' } });
    expect(d.map((e) => e.type)).toEqual(['AuxiliaryHired', 'ProbationCompleted']);
    const again = JSON.parse((await runCli('import', file, '--existing', '--db', db, '--actor', 'importer', '--json')).out) as ImportReport;
    expect(again.summary).toMatchObject({ accepted: 0, recorded: 2 });
    // Its timeline from the log: no application to follow.
    const history = await runCli('history', 'aux-a', '--db', db);
    expect(history.code).toBe(0);
    expect(history.out).toContain('AuxiliaryHired');
  });

  it('its help says what it does in both languages', async () => {
    const help = await runCli('import', '--help');
    expect(help.out + help.err).toMatch(/--existing/);
    expect(help.out + help.err).toMatch(/记录之前已在职|served before the record began/);
  });
});
