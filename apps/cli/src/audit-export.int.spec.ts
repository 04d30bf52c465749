import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { type EventStore, SqliteEventStore } from '@auxledger/event-store';
import { type AuditRecord, CSV_COLUMNS, exportAudit } from './audit-export-command';
import { runCli, runCliProcess } from './run-for-test';
import { seedSmallLedger } from './seed-for-test';

/** The auditors' export of a real SQLite log: every accepted event and every refused command, CSV or NDJSON. */
describe('auxledger audit export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-audit-'));
  const db = join(dir, 'events.db');
  let eventsInLog = 0;
  /** One audit record per event, but none for an accepted command's claim of its id (its events have theirs). */
  let recordsInLog = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    await seedSmallLedger(db);
    const store = new SqliteEventStore({ path: db });
    const all = await store.readAll({ maxCount: 100_000 });
    eventsInLog = all.length;
    recordsInLog = all.filter((e) => e.type !== 'CommandAccepted').length;
    expect(recordsInLog).toBeLessThan(eventsInLog);
    await store.close();
  });

  const ndjson = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditRecord);
  const exportJson = async (...args: string[]) => {
    const result = await runCli('audit', 'export', '--db', db, '--format', 'json', ...args);
    expect(result.code).toBe(0);
    return ndjson(result.out);
  };

  it('CSV to a file parses back: one record per event of the log, the refused Hire with its rule, citations, actor and rule set', async () => {
    const out = join(dir, 'audit.csv');
    const result = await runCli('audit', 'export', '--db', db, '--out', out);
    expect(result.code).toBe(0);
    const bytes = readFileSync(out);
    // For Excel (on a Chinese Windows too): a UTF-8 byte-order mark, CRLF line ends.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${CSV_COLUMNS.join(',')}`);
    const rows = parse(bytes, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(recordsInLog);
    expect(text.match(/\r\n/g)).toHaveLength(recordsInLog + 1);
    const refused = rows.filter((r) => r['outcome'] === 'REFUSED');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      event_type: 'CommandRefused',
      command_type: 'Hire',
      auxiliary_id: 'aux-3',
      organ_id: 'xincheng',
      actor_id: 'op-1',
      actor_role: 'operator',
      effective_date: '2025-01-04',
      recorded_at: '2025-01-04T09:00:00.000Z',
      rule_set_revision: '2024',
      refusal_kind: 'STATUTE',
      rule_ids: 'PAY-LEVEL',
    });
    expect(refused[0]?.['citations_zh']).toContain('第二十七条第二款');
    expect(refused[0]?.['citations_en']).toContain('Art. 27 ¶2');
    expect(rows.find((r) => r['event_type'] === 'AuxiliaryHired' && r['auxiliary_id'] === 'aux-1')).toMatchObject({ outcome: 'ACCEPTED', command_type: 'Hire', rule_set_revision: '2024', effective_date: '2025-01-02' });
  });

  it('NDJSON parses back line by line, citations as structured data', async () => {
    const records = await exportJson();
    expect(records).toHaveLength(recordsInLog);
    expect(records.map((r) => r.global_position)).toEqual([...records.map((r) => r.global_position)].sort((a, b) => a - b));
    const refusal = records.find((r) => r.outcome === 'REFUSED');
    expect(refusal?.rule_ids).toEqual(['PAY-LEVEL']);
    expect(refusal?.citations?.[0]).toMatchObject({ ruleId: 'PAY-LEVEL', zh: expect.stringContaining('警务辅助人员条例'), en: expect.stringContaining('Art. 27') });
  });

  it('filters by type, person, actor, organ and effective dates', async () => {
    expect((await exportJson('--type', 'CommandRefused')).map((r) => r.command_type)).toEqual(['Hire']);
    expect((await exportJson('--type', 'Hire')).filter((r) => r.outcome === 'ACCEPTED')).toHaveLength(8);
    const aux1 = await exportJson('--person', 'aux-1');
    expect(aux1.length).toBeGreaterThan(0);
    expect(aux1.every((r) => r.auxiliary_id === 'aux-1')).toBe(true);
    expect((await exportJson('--actor', 'op-1')).every((r) => r.actor_id === 'op-1')).toBe(true);
    expect((await exportJson('--actor', 'op-1')).map((r) => r.effective_date)).toEqual(['2025-01-02', '2025-01-02', '2025-01-02', '2025-01-02', '2025-01-03', '2025-01-03', '2025-01-03', '2025-01-03', '2025-01-20', '2025-01-10', '2025-01-04']);
    const january = await exportJson('--from', '2025-01-04', '--to', '2025-01-10');
    expect(january.map((r) => [r.event_type, r.effective_date])).toEqual([['InsuranceEnrolled', '2025-01-10'], ['CommandRefused', '2025-01-04']]);
    expect((await exportJson('--organ', 'nowhere'))).toEqual([]);
  });

  it('hides person keys unless --show-person-key (PIPL); the filter still finds a person by key', async () => {
    const hidden = await runCli('audit', 'export', '--db', db, '--format', 'json');
    expect(hidden.out).not.toContain('pk-person-');
    const byKey = await exportJson('--person', 'pk-person-1');
    expect(byKey.map((r) => r.event_type)).toEqual(['ApplicationRegistered', 'AuxiliaryHired', 'PersonContractStarted']);
    expect(byKey.map((r) => r.person_key)).toEqual(['(hidden)', '(hidden)', '(hidden)']);
    expect(byKey[2]?.stream_id).toBe('person-(hidden)');
    expect((await exportJson('--person', 'pk-person-1', '--show-person-key'))[2]).toMatchObject({ person_key: 'pk-person-1', stream_id: 'person-pk-person-1' });
  });

  it('as its own process, writes NDJSON to stdout and the count to stderr', async () => {
    const result = await runCliProcess(['audit', 'export', '--db', db, '--format', 'json', '--type', 'CommandRefused']);
    expect(result.code).toBe(0);
    expect(ndjson(result.out)).toHaveLength(1);
    expect(result.err).toContain(`1 of ${eventsInLog} records`);
  }, 60_000);

  it('--no-bom: plain UTF-8 with LF line ends, the same records', async () => {
    const out = join(dir, 'audit-plain.csv');
    expect((await runCli('audit', 'export', '--db', db, '--out', out, '--no-bom')).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith(CSV_COLUMNS.join(','))).toBe(true);
    expect(text).not.toContain('\r\n');
    expect(parse(text, { columns: true })).toHaveLength(recordsInLog);
  });

  it('misuse exits 2 with a bilingual message', async () => {
    expect(await runCli('audit', 'export', '--db', db, '--from', '2025-13-01')).toMatchObject({ code: 2, err: expect.stringContaining('YYYY-MM-DD') });
    // Both languages, the chosen one first.
    expect(await runCli('audit', 'export', '--db', db, '--from', '2025-02-01', '--to', '2025-01-01', '--lang', 'zh')).toMatchObject({ code: 2, err: expect.stringMatching(/晚于[\s\S]*is after/) });
    expect(await runCli('audit', 'export', '--db', db, '--from', '2025-02-01', '--to', '2025-01-01', '--lang', 'en')).toMatchObject({ code: 2, err: expect.stringMatching(/is after[\s\S]*晚于/) });
    expect((await runCli('audit', 'export', '--db', db, '--format', 'xml')).code).toBe(2);
  });

  it('streams: while the output does not drain, no further batch is read; once it drains, the export completes', async () => {
    const store = new SqliteEventStore({ path: db });
    let batchesRead = 0;
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readAll: (options?: Parameters<EventStore['readAll']>[0]) => {
        batchesRead += 1;
        return store.readAll(options);
      },
    });
    const held: Array<() => void> = [];
    let received = '';
    const slowOutput = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        received += chunk.toString('utf8');
        held.push(done);
      },
    });
    let finished = false;
    const exporting = exportAudit(counting, slowOutput, { filters: {}, format: 'json', showPersonKey: false, batchSize: 2 }).then((r) => {
      finished = true;
      return r;
    });
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(false);
    expect(batchesRead).toBe(1);
    expect(ndjson(received)).toHaveLength(2);
    while (!finished) {
      held.splice(0).forEach((done) => done());
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exporting).toEqual({ read: eventsInLog, written: recordsInLog });
    expect(ndjson(received)).toHaveLength(recordsInLog);
    expect(batchesRead).toBe(Math.ceil(eventsInLog / 2) + 1);
    await store.close();
  });
});
