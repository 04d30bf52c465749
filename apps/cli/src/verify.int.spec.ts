import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@auxledger/event-store';
import { newEvent } from '@auxledger/event-store/testing';
import { runCli } from './run-for-test';

/** The auditor's CLI on a real SQLite log and a tampered copy of it. */
describe('auxledger verify / digest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-'));
  const db = join(dir, 'events.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = runCli;

  beforeAll(async () => {
    const store = new SqliteEventStore({ path: db });
    for (let i = 0; i < 20; i++) await store.appendToStream(`auxiliary-${i % 4}`, [newEvent({ i, name: '辅警' })], 'any');
    await store.close();
  });

  it('reports an intact log, exit 0, and saves a checkpoint', async () => {
    const verified = await cli('verify', '--db', db);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^intact: 20 events in 4 streams/);
    const digested = await cli('digest', '--db', db, '--out', join(dir, 'checkpoint.json'));
    expect(digested.code).toBe(0);
    expect((await cli('verify', '--db', db, '--against', join(dir, 'checkpoint.json'))).out).toContain('matches the saved checkpoint');
  });

  it('names the edited event in a tampered copy, exit 1', async () => {
    const copy = join(dir, `tampered-${randomUUID()}.db`);
    copyFileSync(db, copy);
    const raw = new Database(copy);
    raw.prepare('UPDATE events SET data = ? WHERE global_position = 7').run(JSON.stringify({ i: 700, name: '辅警' }));
    raw.close();
    const result = await cli('verify', '--db', copy);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/BROKEN/);
    expect(result.out).toMatch(/EVENT_EDITED at position 7 \(auxiliary-2 revision 1\)/);
  });

  it('catches a truncated copy against the saved checkpoint', async () => {
    const copy = join(dir, `truncated-${randomUUID()}.db`);
    copyFileSync(db, copy);
    const raw = new Database(copy);
    raw.prepare('DELETE FROM events WHERE global_position > 15').run();
    raw.close();
    const result = await cli('verify', '--db', copy, '--against', join(dir, 'checkpoint.json'), '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).firstBreak).toMatchObject({ kind: 'LOG_TRUNCATED', globalPosition: 16 });
  });

  it('only reads: the database file is byte for byte the same after verify, digest and history', async () => {
    const sha = () => createHash('sha256').update(readFileSync(db)).digest('hex');
    const before = sha();
    expect((await cli('verify', '--db', db)).code).toBe(0);
    expect((await cli('digest', '--db', db)).code).toBe(0);
    await cli('history', 'aux-none', '--db', db);
    expect(sha()).toBe(before);
  });

  it('refuses a file that holds no log (an empty file, or a copy taken without its -wal), exit 1, and leaves it as it was', async () => {
    const empty = join(dir, `empty-${randomUUID()}.db`);
    writeFileSync(empty, '');
    const result = await cli('verify', '--db', empty);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining('NOT_A_LOG') });
    expect(result.err).toContain('-wal');
    expect(statSync(empty).size).toBe(0);
  });

  it('misuse exits 2 with a clear message', async () => {
    expect(await cli('verify')).toMatchObject({ code: 2, err: expect.stringContaining('--db') });
    expect(await cli('verify', '--db', join(dir, 'missing.db'))).toMatchObject({ code: 2, err: expect.stringContaining('no such file') });
  });
});
