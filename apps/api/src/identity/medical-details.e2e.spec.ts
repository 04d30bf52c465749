import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLog } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { type Api, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../testing/api-fixture';
import { IdentityService } from './identity.service';

/**
 * The medical details of an injury (Art. 32; PIPL Art. 28 health data) sealed
 * under the person's data key (ADR 0006), through HTTP on SQLite:
 * record-injury seals them after the organ check and before the command is
 * built, so the log holds ciphertext only; no answer and no log line holds
 * them but the one explicit, recorded disclosure; an event recorded in clear
 * before sealing (schema version 1) still reads; shredding the person's key
 * makes the sealed details unreadable while the log verifies. The old
 * shredding path answers 410 with a pointer to the command path.
 */
const WANG = { name: '王晓明', gender: 'MALE', idNumber: '15010220000517231X', contact: { phone: '13800000001', address: '呼和浩特市新城区' }, documents: [] };
const MEDICAL = '右腕舟骨骨折，石膏固定八周';
const OLD_MEDICAL = '左踝扭伤（封存前的记录）';

describe('medical details sealed under the person’s key', () => {
  const tmp = tempDir('auxledger-medical-');
  const lines: string[] = [];
  const answers: Array<{ path: string; text: string }> = [];
  let api: Api;
  let hohhot: { id: string; key: string };
  let baotou: { id: string; key: string };
  let auditor: { id: string; key: string };
  let wangKey: string;
  const post = async (path: string, body: object, key?: string) => {
    const res = await api.post(path, body, key);
    answers.push({ path, text: res.text });
    return res;
  };
  const get = async (path: string, key?: string) => {
    const res = await api.get(path, key);
    answers.push({ path, text: res.text });
    return res;
  };
  const injury = { auxiliaryId: 'aux-w', injuryId: 'inj-1', kind: 'INJURY', legalBasis: 'WORK_INJURY', occurredOn: '2025-03-01', determinationRef: '工伤认定2025-7', medicalDetails: MEDICAL, effectiveDate: '2025-03-10' };
  const disclose = (key: string, reason = '工伤待遇核定') => post(`/api/identities/${wangKey}/disclosures`, { fields: ['medicalDetails'], reason }, key);

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir), logLevel: 'info' }, { logDestination: { write: (line: string) => void lines.push(line) } });
    await organTree(api);
    await api.post('/api/commands/register-organ', { organId: 'baotou', name: '包头市公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
    await api.post('/api/commands/draft-recruitment-plan', { planId: 'plan-h', draftingOrganId: 'hohhot', title: 'hohhot 2024', effectiveDate: '2024-09-10', openings: [{ openingId: 'plan-h-1', organId: 'xincheng', category: 'DUTY', count: 2, targetedCategories: null }] }).expect(201);
    await api.post('/api/commands/approve-recruitment-plan', { planId: 'plan-h', governmentLevel: 'CITY', approver: 'hohhot人民政府', documentNumber: '政函〔2024〕1号', effectiveDate: '2024-09-20' }).expect(201);
    await api.post('/api/commands/file-recruitment-plan', { planId: 'plan-h', regionOrganId: 'nmg', filingRef: '内公备〔2024〕1号', effectiveDate: '2024-09-25' }).expect(201);
    await api.post('/api/commands/announce-recruitment', { planId: 'plan-h', announcementRef: 'GG-plan-h', organIds: ['xincheng'], effectiveDate: '2024-10-01' }).expect(201);
    hohhot = await keyFor(api, 'operator', ['hohhot']);
    baotou = await keyFor(api, 'operator', ['baotou']);
    auditor = await keyFor(api, 'auditor');
    const registered = await api.post('/api/commands/register-applicant', { applicationId: 'app-w1', planId: 'plan-h', applicant: { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE', educationRelaxation: null }, identity: WANG, effectiveDate: '2024-10-10' }, hohhot.key);
    expect(registered.status).toBe(201);
    wangKey = registered.body.personKey;
    await passedApplication(api.store, 'app-w9', wangKey, ['xincheng']);
    const hired = await api.post('/api/commands/hire', hireBody('aux-w', 'app-w9', wangKey, 'xincheng'));
    if (hired.status !== 201) throw new Error(hired.text);
  }, 60_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('records the details sealed (schema version 2, bound to the person key): the answer, a dry run and a retry hold ciphertext only', async () => {
    expect((await post('/api/commands/record-injury', { ...injury, commandId: 'inj-out' }, baotou.key)).status).toBe(404);
    const dry = await post('/api/commands/record-injury?dryRun=true', injury, hohhot.key);
    expect(dry.status).toBe(200);
    expect(dry.body.events.map((e: { type: string }) => e.type)).toEqual(['InjuryRecorded', 'InjuryMedicalDetailsRecorded']);
    const res = await post('/api/commands/record-injury', { ...injury, commandId: 'inj-cmd-1' }, hohhot.key);
    expect(res.status).toBe(201);
    const details = res.body.events.find((e: { type: string }) => e.type === 'InjuryMedicalDetailsRecorded');
    expect(details.schemaVersion).toBe(2);
    expect(details.data).toEqual({ auxiliaryId: 'aux-w', injuryId: 'inj-1', personKey: wangKey, sealed: { alg: 'A256GCM', keyId: expect.any(String), iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) } });
    expect(res.text).not.toContain(MEDICAL);
    // The same command sent again: the same digest (the seal is deterministic under the person's key), so its first outcome.
    const again = await post('/api/commands/record-injury', { ...injury, commandId: 'inj-cmd-1' }, hohhot.key);
    expect(again.status).toBe(201);
    expect(again.body.replayed).toBe(true);
  });

  it('seals a health check’s result category the same way: the file keeps the date, never the category', async () => {
    const res = await post('/api/commands/record-health-check', { auxiliaryId: 'aux-w', checkedOn: '2025-04-01', result: 'FOLLOW_UP', effectiveDate: '2025-04-02' }, hohhot.key);
    expect(res.status).toBe(201);
    expect(res.body.events[0]).toMatchObject({ type: 'HealthCheckRecorded', schemaVersion: 2, data: { auxiliaryId: 'aux-w', checkedOn: '2025-04-01', personKey: wangKey, sealedResult: { alg: 'A256GCM' } } });
    expect(res.text).not.toContain('FOLLOW_UP');
    expect((await post('/api/commands/record-health-check', { auxiliaryId: 'aux-w', checkedOn: '2025-04-01', result: '高血压', effectiveDate: '2025-04-02' }, hohhot.key)).status).toBe(400);
    const file = await get(`/api/people/aux-w?minPosition=${await api.logHead()}`, hohhot.key);
    expect(file.body.state).toMatchObject({ last_health_check_on: '2025-04-01', last_health_check_result: null });
    expect(file.text).not.toContain('FOLLOW_UP');
    expect(file.text).not.toContain('建议复查');
    const disclosed = await post(`/api/identities/${wangKey}/disclosures`, { fields: ['healthCheckResults'], reason: '体检复查安排' }, hohhot.key);
    expect(disclosed.body.fields.healthCheckResults).toEqual([{ auxiliaryId: 'aux-w', checkedOn: '2025-04-01', result: 'FOLLOW_UP', sealed: true }]);
    const records = await get(`/api/identities/${wangKey}/access-records`, auditor.key);
    expect(records.body.records).toContainEqual(expect.objectContaining({ actorKeyId: hohhot.id, fields: ['health:aux-w:2025-04-01'], disclosure: 'CLEAR', reason: '体检复查安排' }));
  });

  it('still reads an event recorded in clear before sealing (schema version 1): the file and the timeline never show it', async () => {
    await api.store.appendToStream(
      'auxiliary-aux-w',
      pastEvents([['2025-02-01', { type: 'InjuryMedicalDetailsRecorded', schemaVersion: 1, data: { auxiliaryId: 'aux-w', injuryId: 'inj-0', medicalDetails: OLD_MEDICAL } }]]),
      'any',
    );
    const head = await api.logHead();
    for (const key of [hohhot.key, auditor.key]) {
      const file = await get(`/api/people/aux-w?minPosition=${head}`, key);
      expect(file.status).toBe(200);
      expect(file.text).not.toContain(MEDICAL);
      expect(file.text).not.toContain(OLD_MEDICAL);
    }
    const audit = await get(`/api/audit?personKey=${wangKey}&minPosition=${head}`, auditor.key);
    expect(audit.status).toBe(200);
    expect(audit.text).not.toContain(MEDICAL);
  });

  it('discloses the details only on an explicit read with a reason, recorded first; auditors 403, another organ 404', async () => {
    expect((await disclose(hohhot.key, ' ')).status).toBe(400);
    expect((await disclose(auditor.key)).status).toBe(403);
    expect((await disclose(baotou.key)).status).toBe(404);
    const res = await disclose(hohhot.key);
    expect(res.status).toBe(200);
    expect(res.body.fields.medicalDetails).toEqual([
      { auxiliaryId: 'aux-w', injuryId: 'inj-1', medicalDetails: MEDICAL, sealed: true },
      { auxiliaryId: 'aux-w', injuryId: 'inj-0', medicalDetails: OLD_MEDICAL, sealed: false },
    ]);
    const records = await get(`/api/identities/${wangKey}/access-records`, auditor.key);
    expect(records.body.records.filter((r: { disclosure: string; reason: string }) => r.disclosure === 'CLEAR' && r.reason === '工伤待遇核定')).toEqual([
      expect.objectContaining({ actorKeyId: hohhot.id, actorRole: 'operator', fields: ['medical:inj-1', 'medical:inj-0'], reason: '工伤待遇核定' }),
    ]);
  });

  it('per role, as the access matrix has the identity’s disclosure: admins and operators in scope read, another organ 404, auditors and viewers 403, no key 401', async () => {
    const viewer = await keyFor(api, 'viewer');
    for (const field of ['medicalDetails', 'healthCheckResults']) {
      const row: Record<string, number> = {};
      for (const [who, key] of [['admin', undefined], ['operator', hohhot.key], ['otherOperator', baotou.key], ['auditor', auditor.key], ['viewer', viewer.key]] as const) {
        row[who] = (await post(`/api/identities/${wangKey}/disclosures`, { fields: [field], reason: '矩阵' }, key as string)).status;
      }
      row['anonymous'] = (await api.post(`/api/identities/${wangKey}/disclosures`, { fields: [field], reason: 'x' }, null)).status;
      expect({ field, row }).toEqual({ field, row: { admin: 200, operator: 200, otherOperator: 404, auditor: 403, viewer: 403, anonymous: 401 } });
    }
    // A masked read of the file never carries them, for any role that may read it.
    for (const key of [hohhot.key, auditor.key, undefined]) expect((await get(`/api/people/aux-w?minPosition=${await api.logHead()}`, key as string)).text).not.toContain(MEDICAL);
  });

  it('the operator of the organ the person serves in may read them (the employer manages the file), though another organ registered the identity', async () => {
    const serving = await keyFor(api, 'operator', ['xincheng']);
    const res = await post(`/api/identities/${wangKey}/disclosures`, { fields: ['healthCheckResults'], reason: '年度体检复查安排' }, serving.key);
    expect(res.status).toBe(200);
    expect(res.body.fields.healthCheckResults.length).toBeGreaterThan(0);
    const records = await get(`/api/identities/${wangKey}/access-records`, auditor.key);
    expect(records.body.records).toContainEqual(expect.objectContaining({ actorKeyId: serving.id, actorRole: 'operator', organId: 'xincheng', disclosure: 'CLEAR', reason: '年度体检复查安排' }));
  });

  it('a person recorded without an identity (a service found on record): the serving organ’s operator may read the sealed health check; another organ, and any identity field, 404', async () => {
    const existing = {
      auxiliaryId: 'aux-m', personKey: 'pk-m', usingOrganId: 'xincheng', category: 'DUTY', hiredOn: '2016-03-01', level: 'L2', effectiveDate: '2024-10-08',
      pay: { locality: 'hohhot', monthlyBaseFen: 430000 },
      contract: { contractId: 'c-aux-m', kind: 'FIXED_TERM', startDate: '2022-03-01', endDate: '2027-02-28', probationLastDay: null, clauses: ['DUTIES', 'TERM', 'PAY'] },
      probationCompletedOn: null, trainings: [], insurance: [{ kinds: ['PENSION', 'MEDICAL'], enrolledOn: '2016-04-01', reference: '社保2016-119' }],
      sourceRef: '新城分局辅警档案2016-032',
    };
    expect((await post('/api/commands/record-existing-service', existing)).status).toBe(201);
    expect((await post('/api/commands/record-health-check', { auxiliaryId: 'aux-m', checkedOn: '2025-04-03', result: 'FOLLOW_UP', effectiveDate: '2025-04-04' }, hohhot.key)).status).toBe(201);
    const serving = await keyFor(api, 'operator', ['xincheng']);
    const ask = (fields: string[], key: string) => post('/api/identities/pk-m/disclosures', { fields, reason: '复查安排' }, key);
    const res = await ask(['healthCheckResults'], serving.key);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ personKey: 'pk-m', status: 'READABLE', fields: { healthCheckResults: [{ auxiliaryId: 'aux-m', checkedOn: '2025-04-03', result: 'FOLLOW_UP', sealed: true }] } });
    expect((await ask(['healthCheckResults'], baotou.key)).status).toBe(404);
    expect((await ask(['name', 'healthCheckResults'], serving.key)).body.error.code).toBe('IDENTITY_NOT_FOUND');
    expect((await get('/api/identities/pk-m', serving.key)).status).toBe(404);
    // The read is recorded, as any disclosure is; no identity record was made for it.
    const records = await get('/api/identities/pk-m/access-records', auditor.key);
    expect(records.body.records).toEqual([expect.objectContaining({ actorKeyId: serving.id, actorRole: 'operator', organId: 'xincheng', disclosure: 'CLEAR', reason: '复查安排' })]);
    expect(await api.store.readStream('identity-pk-m')).toEqual([]);
  });

  it('the old shredding path erases nothing and points to the command path (410)', async () => {
    expect((await post(`/api/identities/${wangKey}/shred`, { reason: 'x' }, hohhot.key)).status).toBe(403);
    const gone = await post(`/api/identities/${wangKey}/shred`, { reason: 'retention ended' });
    expect(gone.status).toBe(410);
    expect(gone.body.error).toMatchObject({ code: 'SHRED_MOVED', details: { use: 'POST /api/commands/shred-personal-data' } });
    expect(gone.body.error.message).toEqual({ zh: expect.stringContaining('shred-personal-data'), en: expect.stringContaining('shred-personal-data') });
    expect((await get(`/api/identities/${wangKey}`, hohhot.key)).body.status).toBe('READABLE');
  });

  it('after the key is shredded the sealed details are unreadable (SHREDDED), the log verifies, and no file holds them in clear', async () => {
    // The erasure as the command path's last step makes it (the command itself: apps/cli/src/retention.int.spec.ts).
    await api.app.get(IdentityService).vault.shred(wangKey, api.clock.now(), 'test: retention ended');
    const res = await disclose(hohhot.key, 'after shredding');
    expect(res.body.status).toBe('SHREDDED');
    expect(res.body.fields.medicalDetails).toEqual([
      { auxiliaryId: 'aux-w', injuryId: 'inj-1', medicalDetails: 'SHREDDED', sealed: true },
      // Recorded in clear before sealing existed: the log keeps it as written (ADR 0006).
      { auxiliaryId: 'aux-w', injuryId: 'inj-0', medicalDetails: OLD_MEDICAL, sealed: false },
    ]);
    const health = await post(`/api/identities/${wangKey}/disclosures`, { fields: ['healthCheckResults'], reason: 'after shredding' }, hohhot.key);
    expect(health.body).toMatchObject({ status: 'SHREDDED', fields: { healthCheckResults: [{ checkedOn: '2025-04-01', result: 'SHREDDED', sealed: true }] } });
    const file = await get(`/api/people/aux-w?minPosition=${await api.logHead()}`, hohhot.key);
    expect(file.body.person.status).toBe('SHREDDED');
    expect(file.body.timeline.filter((e: { event_type: string }) => e.event_type === 'InjuryMedicalDetailsRecorded').map((e: { summary_zh: string; summary_en: string }) => [e.summary_zh, e.summary_en])).toEqual([
      ['医疗详情已销毁（数据密钥已按保存期限销毁）', 'Medical details shredded (the data key was erased)'],
      ['医疗详情已销毁（数据密钥已按保存期限销毁）', 'Medical details shredded (the data key was erased)'],
    ]);
    expect((await verifyLog(api.store)).ok).toBe(true);
    await api.close();
    for (const f of ['records.db', 'records.read-models.db']) expect(readFileSync(join(tmp.dir, f)).includes(Buffer.from(MEDICAL, 'utf8'))).toBe(false);
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
  });

  it('holds the clear details in no answer and no log line but the explicit, recorded disclosures', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line).not.toContain(MEDICAL);
    const holding = answers.filter((a) => a.text.includes(MEDICAL)).map((a) => a.path);
    expect([...new Set(holding)]).toEqual([`/api/identities/${wangKey}/disclosures`]);
  });
});
