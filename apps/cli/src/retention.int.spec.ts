import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandOutcome } from '@auxledger/application';
import Database from 'better-sqlite3';
import { type SealedData, hire, payCompensation, personIdentityRecorded, receiveComplaint, recordInjury, settleCompensation, terminate } from '@auxledger/domain';
import { SqliteEventStore } from '@auxledger/event-store';
import { IdentityVault, MEDICAL_PURPOSE, SqlitePeopleKeyStore, loadOrCreateSecret } from '@auxledger/identity';
import { runCli } from './run-for-test';
import { LOCAL_MEASURES, ORGAN, given, hireData, issue, seedOrgan, seedPassedApplication } from './seed-for-test';

/**
 * `auxledger retention` on a real SQLite log and key store: three people with
 * sealed identities — one left long enough ago (due), one who left with a
 * complaint still open (held, Art. 38 ¶2), one in service. Retention is one
 * year here, from a local measure with its source. The due person and the
 * serving one have an injury whose medical details are sealed under their
 * data key (as record-injury seals them); the due person's compensation is
 * settled (Art. 42 ¶3), so it no longer holds them.
 */
describe('auxledger retention', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-retention-'));
  const db = join(dir, 'ledger.db');
  const peopleDb = join(dir, 'ledger.people.db');
  const wrapKeyPath = join(dir, 'ledger.wrap.key');
  const parameters = join(dir, 'parameters.json');
  const people = [
    { key: '', app: 'app-1', aux: 'aux-1', name: '王建国', idNumber: '150102199001011230', birthDate: '1990-01-01', gender: 'MALE' as const },
    { key: '', app: 'app-2', aux: 'aux-2', name: '萨仁其其格', idNumber: '150102199202021224', birthDate: '1992-02-02', gender: 'FEMALE' as const },
    { key: '', app: 'app-3', aux: 'aux-3', name: '李明', idNumber: '150102198803031239', birthDate: '1988-03-03', gender: 'MALE' as const },
  ];
  const sealed = new Map<string, SealedData>();
  const MEDICAL = { 'aux-1': '右腕骨折，休养六周', 'aux-3': '腰部软组织挫伤' } as const;
  const medical = new Map<string, SealedData>();
  /** Every text column of every table of a SQLite file: the raw rows. */
  const rawRows = (file: string): string => {
    const raw = new Database(file, { readonly: true });
    try {
      const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
      return tables.map((t) => JSON.stringify(raw.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n');
    } finally {
      raw.close();
    }
  };
  const reopen = () => {
    const keys = new SqlitePeopleKeyStore(peopleDb, loadOrCreateSecret(wrapKeyPath, 'wrap').secret);
    return { keys, vault: new IdentityVault(loadOrCreateSecret(join(dir, 'ledger.person-key.key'), 'person key').secret, keys) };
  };
  const reader = { keyId: 'test', role: 'admin', organId: null };

  beforeAll(async () => {
    writeFileSync(
      parameters,
      JSON.stringify({ parameters: { ...LOCAL_MEASURES.parameters, 'personalData.retentionYearsAfterDeparture': [{ from: '2024-09-01', value: 1, source: 'test: 呼公规〔2025〕3号 辅警档案保存期限' }] } }),
    );
    const store = new SqliteEventStore({ path: db });
    const { keys, vault } = reopen();
    const ok = (o: CommandOutcome) => {
      if (o.status !== 'accepted') throw new Error(JSON.stringify(o.refusal));
    };
    try {
      await seedOrgan(store);
      for (const p of people) {
        const id = await vault.sealIdentity(
          { name: p.name, gender: p.gender, idNumber: p.idNumber, birthDate: p.birthDate, nationality: 'CN', contact: { phone: null, address: null }, documents: [] },
          '2024-12-01',
          new Date('2024-12-01T00:00:00Z'),
        );
        p.key = id.personKey;
        sealed.set(p.key, id.sealed);
        await seedPassedApplication(store, p.app, p.key);
        await given(store, `identity-${p.key}`, [['2024-12-01', personIdentityRecorded({ personKey: p.key, applicationId: p.app, organId: ORGAN, sealed: id.sealed })]]);
        ok(await issue(store, hire, 'Hire', hireData(p.aux, p.app, p.key, '2025-01-02'), '2025-01-02', '2025-01-02T09:00:00.000Z'));
      }
      for (const p of [people[0]!, people[2]!]) {
        const details = await vault.sealPersonalData(p.key, MEDICAL_PURPOSE, MEDICAL[p.aux as keyof typeof MEDICAL], new Date('2025-01-16T00:00:00Z'));
        medical.set(p.key, details);
        const injury = { auxiliaryId: p.aux, injuryId: `inj-${p.aux}`, kind: 'INJURY' as const, legalBasis: 'WORK_INJURY' as const, occurredOn: '2025-01-15', determinationRef: '工伤认定2025-1', medicalDetails: details };
        ok(await issue(store, recordInjury, 'RecordInjury', injury, '2025-01-16', '2025-01-16T09:00:00.000Z'));
      }
      ok(await issue(store, payCompensation, 'PayCompensation', { auxiliaryId: 'aux-1', compensationId: 'comp-1', paidByOrganId: ORGAN, paidFen: 50000, claimRef: '国赔2025-1' }, '2025-01-20', '2025-01-20T09:00:00.000Z'));
      ok(await issue(store, settleCompensation, 'SettleCompensation', { auxiliaryId: 'aux-1', compensationId: 'comp-1', settlement: 'NO_RECOVERY', settlementRef: '不予追偿决定2025-1' }, '2025-01-25', '2025-01-25T09:00:00.000Z'));
      ok(await issue(store, receiveComplaint, 'ReceiveComplaint', { auxiliaryId: 'aux-2', complaintId: 'complaint-7', channel: 'COMPLAINT', receivingOrganId: ORGAN }, '2025-01-20', '2025-01-20T09:00:00.000Z'));
      for (const p of people.slice(0, 2)) {
        const data = { auxiliaryId: p.aux, personKey: p.key, usingOrganId: ORGAN, reason: 'RESIGNATION' as const, ground: { kind: 'LAW' as const, ref: '劳动合同法第三十七条' } };
        ok(await issue(store, terminate, 'Terminate', data, '2025-02-01', '2025-02-01T09:00:00.000Z'));
      }
    } finally {
      await store.close();
      await keys.close();
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--dry-run lists who is due and who is held, with the reason and its clause and the parameter with its source; writes nothing', async () => {
    const store = new SqliteEventStore({ path: db });
    const head = await store.headPosition();
    await store.close();
    const zh = await runCli('retention', '--db', db, '--dry-run', '--parameters', parameters);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('保存期限：离职后 1 年（参数 personalData.retentionYearsAfterDeparture）');
    expect(zh.out).toContain('呼公规〔2025〕3号');
    expect(zh.out).toMatch(/到期 1 人，暂缓 1 人.*在职 1 人/);
    expect(zh.out).toContain('aux-1');
    expect(zh.out).toMatch(/COMPLAINT_OPEN .*第三十八条第二款/);
    expect(zh.out).toContain('试运行：未写入任何记录');
    expect(zh.out).not.toContain(people[0]!.key);
    const en = await runCli('--lang', 'en', 'retention', '--db', db, '--dry-run', '--parameters', parameters);
    expect(en.out).toContain('Retention: 1 years after departure');
    expect(en.out).toContain('Complaint complaint-7 (received 2025-01-20): not yet decided');
    const json = JSON.parse((await runCli('retention', '--db', db, '--dry-run', '--parameters', parameters, '--json')).out);
    expect(json.due.map((r: { auxiliaryIds: string[] }) => r.auxiliaryIds)).toEqual([['aux-1']]);
    expect(json.held[0].holds.map((h: { code: string; ref: string }) => [h.code, h.ref])).toEqual([['COMPLAINT_OPEN', 'complaint-7']]);
    expect(json.basis).toMatchObject({ value: 1, isDefault: false, source: 'test: 呼公规〔2025〕3号 辅警档案保存期限' });
    expect(json.due[0].personKey).toBeUndefined();
    // With the default (2 years), no one has been gone long enough.
    const byDefault = JSON.parse((await runCli('retention', '--db', db, '--dry-run', '--json', '--on', '2026-12-01')).out);
    expect(byDefault.basis).toMatchObject({ value: 2, isDefault: true });
    expect(byDefault.counts).toMatchObject({ DUE: 0, KEPT: 2, IN_SERVICE: 1 });
    const after = new SqliteEventStore({ path: db, readOnly: true });
    expect(await after.headPosition()).toBe(head);
    await after.close();
  });

  it('shreds the due person’s data key and records it (no personal data in the event); name, ID number and medical details unreadable in the log’s raw rows, the read models’ raw tables and the export, everyone else’s intact; verify passes; a second run shreds nothing', async () => {
    const run = await runCli('retention', '--db', db, '--parameters', parameters, '--actor', 'wang.admin', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.outcomes).toEqual([expect.objectContaining({ outcome: 'SHREDDED', keyId: sealed.get(people[0]!.key)!.keyId })]);

    const store = new SqliteEventStore({ path: db, readOnly: true });
    const events = await store.readStream(`identity-${people[0]!.key}`);
    await store.close();
    const shredded = events.find((e) => e.type === 'PersonalDataShredded');
    expect(shredded?.data).toMatchObject({ personKey: people[0]!.key, reason: 'RETENTION_ENDED', keptFrom: '2025-02-01', dueOn: '2026-02-01', basis: { value: 1, isDefault: false } });
    expect(shredded?.metadata.actor.id).toBe('wang.admin');
    const text = JSON.stringify(events);
    for (const p of people) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.idNumber);
    }

    // The log's raw rows and the read models' raw tables: nobody's name, ID number or medical details in clear.
    const readModelsAfter = join(dir, 'read-models-after-shred.db');
    expect((await runCli('project', '--db', db, '--read-models', readModelsAfter)).code).toBe(0);
    for (const [file, rows] of [[db, rawRows(db)], [readModelsAfter, rawRows(readModelsAfter)]] as const) {
      const bytes = readFileSync(file);
      for (const clear of [...people.flatMap((p) => [p.name, p.idNumber]), ...Object.values(MEDICAL)]) {
        expect({ file, clear, inRows: rows.includes(clear), inFile: bytes.includes(Buffer.from(clear, 'utf8')) }).toEqual({ file, clear, inRows: false, inFile: false });
      }
    }
    expect(rawRows(db)).toContain(medical.get(people[0]!.key)!.ct);

    const { keys, vault } = reopen();
    try {
      // Medical details: the due person's no longer open; the serving person's do, on a recorded read.
      const openMedical = (p: (typeof people)[number]) => vault.readSensitiveClear<string>(p.key, MEDICAL_PURPOSE, [{ ref: `inj-${p.aux}`, sealed: medical.get(p.key)! }], reader, new Date(), 'test');
      expect(await openMedical(people[0]!)).toEqual([{ ref: 'inj-aux-1', value: 'SHREDDED' }]);
      expect(await openMedical(people[2]!)).toEqual([{ ref: 'inj-aux-3', value: MEDICAL['aux-3'] }]);
      expect(await vault.readMasked(people[0]!.key, sealed.get(people[0]!.key)!, reader, new Date())).toBe('SHREDDED');
      expect(await vault.readMasked(people[1]!.key, sealed.get(people[1]!.key)!, reader, new Date())).toMatchObject({ name: '萨仁其其格' });
      expect(await vault.readMasked(people[2]!.key, sealed.get(people[2]!.key)!, reader, new Date())).toMatchObject({ name: '李明' });
      expect((await keys.status(people[0]!.key)).status).toBe('SHREDDED');
    } finally {
      await keys.close();
    }

    // The export carries the ciphertext of the shredded person, which no longer opens, and the shredding.
    const out = join(dir, 'export.ndjson');
    expect((await runCli('audit', 'export', '--db', db, '--format', 'json', '--out', out, '--show-person-key')).code).toBe(0);
    const exported = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(exported).toContain('PersonalDataShredded');
    expect(exported).not.toContain(people[0]!.name);
    // With names, for one who holds the key store: the shredded shown as shredded, the others named (ID masked), each person's read recorded.
    const named = await runCli('audit', 'export', '--db', db, '--format', 'json', '--names', '--reader', 'zhao.auditor', '--person', 'aux-1');
    expect(named.code).toBe(0);
    const namedRows = named.out.trim().split('\n').map((l) => JSON.parse(l) as { person_key: string | null; person_status: string | null; person_name: string | null });
    expect(namedRows.filter((r) => r.person_key !== null).map((r) => [r.person_status, r.person_name])).toContainEqual(['SHREDDED', null]);
    expect(namedRows.some((r) => r.person_status === 'READABLE')).toBe(false);
    const all = await runCli('audit', 'export', '--db', db, '--names', '--reader', 'zhao.auditor');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/READABLE,李明,1501\*{10}1239/);
    expect(all.out).toMatch(/READABLE,萨仁其其格,1501\*{10}1224/);
    expect(all.out).toMatch(/SHREDDED,,/);
    for (const clear of [...people.map((p) => p.idNumber), ...Object.values(MEDICAL), people[0]!.name]) expect(all.out).not.toContain(clear);
    expect((await runCli('audit', 'export', '--db', db, '--names')).err).toContain('ACTOR_REQUIRED');
    const reopened = reopen();
    try {
      // The export's reads, once per person per export for this reader (aux-1's twice: two exports name them).
      const reads = await reopened.keys.accessRecords({ actorKeyId: 'cli:zhao.auditor' });
      expect(reads.filter((r) => r.personKey === people[2]!.key).map((r) => [r.actorRole, r.disclosure])).toEqual([['cli', 'MASKED']]);
      expect(reads.filter((r) => r.personKey === people[0]!.key).map((r) => r.disclosure)).toEqual(['SHREDDED', 'SHREDDED']);
    } finally {
      await reopened.keys.close();
    }

    const verify = await runCli('verify', '--db', db);
    expect(verify.code).toBe(0);

    const again = JSON.parse((await runCli('retention', '--db', db, '--parameters', parameters, '--actor', 'wang.admin', '--json')).out);
    expect(again.outcomes).toEqual([]);
    expect(again.counts).toMatchObject({ SHREDDED: 1, HELD: 1, IN_SERVICE: 1, DUE: 0 });
  });

  it('roster --names shows each name beside the auxiliary id (masked number), the shredded as shredded, and records every read', async () => {
    const readModels = join(dir, 'read-models.db');
    expect((await runCli('project', '--db', db, '--read-models', readModels)).code).toBe(0);
    const plain = await runCli('roster', '--organ', ORGAN, '--read-models', readModels, '--as-of', '2025-01-10');
    expect(plain.out).not.toContain('李明');
    const named = await runCli('roster', '--organ', ORGAN, '--read-models', readModels, '--as-of', '2025-01-10', '--names', '--db', db, '--actor', 'li.si');
    expect(named.code).toBe(0);
    expect(named.out).toContain('姓名');
    expect(named.out).toMatch(/aux-2 .*萨仁其其格 1501\*{10}1224/);
    expect(named.out).toMatch(/aux-3 .*李明/);
    expect(named.out).toMatch(/aux-1 .*（已销毁）/);
    expect(named.out).not.toContain(people[2]!.idNumber);
    const json = JSON.parse((await runCli('roster', '--organ', ORGAN, '--read-models', readModels, '--as-of', '2025-01-10', '--names', '--db', db, '--actor', 'li.si', '--json')).out);
    expect(json.find((r: { auxiliary_id: string }) => r.auxiliary_id === 'aux-3').person).toEqual({ status: 'READABLE', name: '李明', idNumberMasked: '1501**********1239' });
    const { keys } = reopen();
    try {
      const reads = await keys.accessRecords({ actorKeyId: 'cli:li.si' });
      expect(reads.filter((r) => r.personKey === people[2]!.key).map((r) => [r.actorRole, r.organId, r.disclosure])).toEqual([
        ['cli', ORGAN, 'MASKED'],
        ['cli', ORGAN, 'MASKED'],
      ]);
      expect(reads.some((r) => r.personKey === people[0]!.key && r.disclosure === 'SHREDDED')).toBe(true);
    } finally {
      await keys.close();
    }
    expect((await runCli('roster', '--organ', ORGAN, '--read-models', readModels, '--names', '--db', db)).err).toContain('ACTOR_REQUIRED');
  });

  it('is called rightly: a real run names its actor and cannot be dated', async () => {
    expect((await runCli('retention', '--db', db, '--parameters', parameters)).err).toContain('ACTOR_REQUIRED');
    const dated = await runCli('retention', '--db', db, '--actor', 'x', '--on', '2030-01-01');
    expect(dated.code).toBe(2);
    expect(dated.err).toContain('ON_ONLY_IN_DRY_RUN');
  });
});
