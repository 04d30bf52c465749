import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuxiliaryHistory } from './history-command';
import { runCli } from './run-for-test';
import { seedSmallLedger } from './seed-for-test';

/** One auxiliary's timeline, read from a real SQLite log written through the command path. */
describe('auxledger history', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-history-'));
  const db = join(dir, 'events.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => seedSmallLedger(db));

  const history = async (...args: string[]) => {
    const result = await runCli('history', 'aux-1', '--db', db, '--json', ...args);
    expect(result).toMatchObject({ code: 0, err: '' });
    return JSON.parse(result.out) as AuxiliaryHistory;
  };

  it('lists the application, the hire and every later event in effective-date order — a backdated record in its place, not where it was recorded', async () => {
    const { entries } = await history();
    expect(entries.map((e) => [e.effectiveDate, e.eventType])).toEqual([
      ['2024-10-10', 'ApplicationRegistered'],
      ['2024-10-20', 'QualificationReviewPassed'],
      ['2024-11-01', 'ExamsPassed'],
      ['2024-11-10', 'MedicalExaminationPassed'],
      ['2024-11-20', 'InspectionPassed'],
      ['2024-12-08', 'PublicNoticeCompleted'],
      ['2025-01-02', 'AuxiliaryHired'],
      ['2025-01-02', 'PersonContractStarted'],
      ['2025-01-02', 'QuotaPlaceTaken'],
      ['2025-01-02', 'ApplicantHired'],
      ['2025-01-10', 'InsuranceEnrolled'],
      ['2025-01-20', 'TrainingRecorded'],
    ]);
    const insurance = entries.find((e) => e.eventType === 'InsuranceEnrolled');
    const training = entries.find((e) => e.eventType === 'TrainingRecorded');
    expect((insurance?.recordedAt ?? '') > (training?.recordedAt ?? '')).toBe(true);
    expect(insurance).toMatchObject({ actor: { id: 'op-1', role: 'operator', organId: 'xincheng' }, ruleSetRevision: '2024', summary: { en: 'Insurance enrolled: PENSION, MEDICAL' } });
    expect(entries.every((e) => e.commandId.length > 0)).toBe(true);
  });

  it('leaves out the other auxiliary hired at the same organ', async () => {
    const { entries } = await history();
    expect(entries.filter((e) => e.eventType === 'QuotaPlaceTaken')).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain('aux-2');
  });

  it('--as-of stops at an effective date (inclusive)', async () => {
    const { entries, asOf } = await history('--as-of', '2025-01-10');
    expect(asOf).toBe('2025-01-10');
    expect(entries.at(-1)?.eventType).toBe('InsuranceEnrolled');
    expect(entries.every((e) => e.effectiveDate <= '2025-01-10')).toBe(true);
    expect((await history('--as-of', '2025-01-01')).entries.map((e) => e.eventType)).not.toContain('AuxiliaryHired');
  });

  it('shows the person key only with --show-person-key (PIPL)', async () => {
    const hidden = await runCli('history', 'aux-1', '--db', db);
    expect(hidden.code).toBe(0);
    expect(hidden.out).toContain('InsuranceEnrolled');
    expect(hidden.out).not.toContain('pk-person-1');
    expect(JSON.stringify(await history())).not.toContain('pk-person-1');
    const shown = await history('--show-person-key');
    expect(shown.personKey).toBe('pk-person-1');
    expect(shown.entries.map((e) => e.streamId)).toContain('person-pk-person-1');
  });

  it('an auxiliary never hired: exit 1 with a bilingual message; a bad date: exit 2', async () => {
    const missing = await runCli('history', 'aux-404', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/AUXILIARY_NOT_FOUND: 记录库中没有辅警 aux-404/);
    expect(missing.err).toContain('The log holds no hire of auxiliary aux-404');
    expect((await runCli('history', 'aux-1', '--db', db, '--as-of', '2025-02-30')).code).toBe(2);
    expect((await runCli('history', 'aux-1', '--db', join(dir, 'missing.db'))).code).toBe(2);
  });
});
