import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organRegistered } from '@auxledger/domain';
import { SqliteEventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { VERSION as version } from './main';
import { runCli, runCliProcess } from './run-for-test';
import { ORGAN, seedSmallLedger } from './seed-for-test';

// An SGR escape (ESC [), written without a control character in the pattern.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

/**
 * The CLI as its users meet it (issue 16): the built file answers --version;
 * help and its own errors in zh and en (by --lang or the locale), errors in
 * both languages with a stable code; the roster as a table with a header row
 * and the names of its codes, coloured only on a terminal; an unknown organ
 * an error; `backup` a consistent copy of a log that is being written.
 */
describe('auxledger: the built CLI, its languages, the roster table, backup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-basics-'));
  const db = join(dir, 'events.db');
  const readModels = join(dir, 'read-models.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    await seedSmallLedger(db);
    expect((await runCli('project', '--db', db, '--read-models', readModels)).code).toBe(0);
  }, 60_000);

  it('the built file answers --version with the package version, and -V', async () => {
    expect(await runCliProcess(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
    expect((await runCliProcess(['-V'])).out).toBe(`${version}\n`);
  }, 60_000);

  it('help in Chinese without a locale, in English under LANG=C, in Chinese with --lang zh or a zh locale; the chosen language wins over the locale', async () => {
    const en = await runCliProcess(['--help'], { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', AUXLEDGER_LANG: '' });
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^Usage: auxledger/);
    expect(en.out).toContain('Commands:');
    expect(en.out).toContain('backup');
    const zh = await runCliProcess(['--help'], { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', AUXLEDGER_LANG: '' });
    expect(zh.out).toMatch(/^用法：/);
    expect(zh.out).toContain('命令：');
    expect(zh.out).toContain('显示帮助');
    expect((await runCli('--lang', 'zh', 'roster', '--help')).out).toContain('机关编号');
    expect((await runCliProcess(['roster', '--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).out).toContain('the organ');
    expect(en.out).not.toMatch(ANSI);
    expect((await runCliProcess(['--help'], { LANG: '', LC_ALL: '', LC_MESSAGES: '', AUXLEDGER_LANG: '' })).out).toMatch(/^用法：/);
    expect((await runCliProcess(['--help'], { LANG: 'zh_CN.UTF-8', AUXLEDGER_LANG: 'en' })).out).toMatch(/^Usage:/);
  }, 60_000);

  it("commander's own errors are the CLI's: a stable code, both languages (the chosen one first), exit 2", async () => {
    const en = await runCli('--lang', 'en', 'roster', '--bogus');
    expect(en).toEqual({ code: 2, out: '', err: 'auxledger: UNKNOWN_OPTION: unknown option --bogus\n           未知选项 --bogus\n' });
    const zh = await runCli('--lang', 'zh', 'audit', 'export', '--db', db, '--format', 'xml');
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/^auxledger: INVALID_OPTION_VALUE: --format <format> 的取值 xml 无效，可选：csv, json\n\s+--format <format>: xml is not a valid value; one of csv, json\n$/);
    expect((await runCli('nosuch')).err).toContain('UNKNOWN_COMMAND');
    expect((await runCli('history')).err).toMatch(/MISSING_ARGUMENT: 缺少参数 auxiliaryId\n\s+missing argument auxiliaryId/);
    expect((await runCli('prove', 'inclusion', '1', '--db', db)).err).toContain('MISSING_OPTION');
    expect((await runCli('--lang', 'fr', '--version')).err).toContain('INVALID_OPTION_VALUE');
  });

  it('roster: a table with a header row, codes with their names, in either language; no colours off a terminal, colours with FORCE_COLOR', async () => {
    const en = await runCli('--lang', 'en', 'roster', '--read-models', readModels, '--organ', ORGAN, '--as-of', '2025-06-30');
    expect(en.code).toBe(0);
    const lines = en.out.split('\n');
    expect(lines[0]).toMatch(/^┌─/);
    expect(lines[1]).toMatch(/│ Auxiliary\s+│ Using organ\s+│ Category\s+│ Level\s+│ Status\s+│ Hired\s+│ Contract ends\s+│ Duties\s+│/);
    expect(en.out).toMatch(/│ aux-1\s+│ xincheng 公安分局 xincheng\s+│ Duty auxiliary DUTY\s+│ L1\s+│ (On probation ON_PROBATION|Active ACTIVE)\s+│ 2025-01-02/);
    expect(en.out).toContain(`auxiliaries of xincheng 公安分局 (${ORGAN}) as of 2025-06-30`);
    expect(en.out).not.toMatch(ANSI);
    // Every row of the table as wide on the screen as the header (a CJK character takes two columns).
    const columns = (line: string) => [...line].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    const widths = new Set(lines.filter((l) => /^[│├┌└]/.test(l)).map(columns));
    expect(widths.size).toBe(1);
    const zh = await runCli('--lang', 'zh', 'roster', '--read-models', readModels, '--organ', ORGAN, '--as-of', '2025-06-30');
    expect(zh.out).toMatch(/│ 辅警编号\s+│ 用人机关\s+│ 类别\s+│ 层级\s+│ 状态\s+│/);
    expect(zh.out).toMatch(/勤务辅警 DUTY\s+│ 一级 L1\s+│ (试用期|在岗)/);
    expect(zh.out).toMatch(/共 \d+ 名辅警/);
    const coloured = await runCliProcess(['roster', '--read-models', readModels, '--organ', ORGAN, '--as-of', '2025-06-30'], { FORCE_COLOR: '1', NO_COLOR: '' });
    expect(coloured.out).toMatch(ANSI);
    const plain = await runCliProcess(['roster', '--read-models', readModels, '--organ', ORGAN, '--as-of', '2025-06-30'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(plain.out).not.toMatch(ANSI);
  }, 60_000);

  it('roster of an unknown organ: ORGAN_NOT_FOUND in both languages, exit 1 (not "0 auxiliaries", exit 0)', async () => {
    const result = await runCli('--lang', 'en', 'roster', '--read-models', readModels, '--organ', 'nosuch');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^auxledger: ORGAN_NOT_FOUND: no organ nosuch[^\n]*\n\s+没有机关 nosuch/);
  });

  it('backup copies a log that is being written, the events still in the WAL included; a cp of the main file misses them', async () => {
    const live = join(dir, 'live.db');
    await seedSmallLedger(live);
    const writer = new SqliteEventStore({ path: live });
    try {
      await writer.appendToStream('organ-wal-test', pastEvents([['2025-03-01', organRegistered({ organId: 'wal-test', name: '写前日志派出所', level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId: ORGAN })]]), 'no_stream');
      const head = await writer.headPosition();
      // The writer stays open: its last commit is in live.db-wal, not yet in live.db.
      const copied = join(dir, 'copied.db');
      copyFileSync(live, copied);
      const badCopy = await runCli('verify', '--db', copied);
      const backupFile = join(dir, 'backup.db');
      const backup = await runCli('--lang', 'en', 'backup', '--db', live, backupFile);
      expect(backup.code).toBe(0);
      expect(backup.out).toContain(`the log up to position ${head}`);
      const copy = new SqliteEventStore({ path: backupFile, readOnly: true });
      expect(await copy.headPosition()).toBe(head);
      await copy.close();
      expect((await runCli('verify', '--db', backupFile)).code).toBe(0);
      // The plain copy lacks the last event (or is no log at all): verify does not find the head.
      const plain = await (async () => {
        try {
          const s = new SqliteEventStore({ path: copied, readOnly: true });
          const h = await s.headPosition();
          await s.close();
          return h;
        } catch {
          return -1;
        }
      })();
      expect(plain).toBeLessThan(head);
      expect(badCopy.out + badCopy.err).not.toContain(`${head} events`);
      // Never over an existing file.
      expect(await runCli('backup', '--db', live, backupFile)).toMatchObject({ code: 2, err: expect.stringContaining('DESTINATION_EXISTS') });
    } finally {
      await writer.close();
    }
  });
});
