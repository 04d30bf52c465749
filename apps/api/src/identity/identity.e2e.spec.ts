import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyLog } from '@auxledger/event-store';
import { type Api, keyFor, organTree, startApi, tempDir } from '../testing/api-fixture';
import { IdentityService } from './identity.service';

/**
 * People, not keys (ADR 0006), through HTTP on SQLite: registration with the
 * identity — the person key made by the server, the same through two organs,
 * a mistyped number 400 in both languages with nothing written — reads
 * masked by role and recorded, the explicit read with its reason, and the
 * crypto-shredding of one person: their identity unreadable, everyone
 * else's intact, the log verifying. No answer and no log line holds a clear
 * ID number but the one explicit read.
 */
const WANG = { name: '王晓明', gender: 'MALE', idNumber: '15010220000517231X', contact: { phone: '13800000001', address: '呼和浩特市新城区' }, documents: [{ kind: 'ID_CARD_COPY', ref: 'REG-1-ID' }] };
const LI = { name: '李娜', gender: 'FEMALE', idNumber: '150203199511204624', contact: { phone: '13800000002', address: null } };
const applicantBorn = (birthDate: string) => ({ birthDate, nationality: 'CN', education: 'JUNIOR_COLLEGE', educationRelaxation: null });
const ALL_IDS = [WANG.idNumber, LI.idNumber, WANG.idNumber.toLowerCase()];

describe('people and their data through the API', () => {
  const tmp = tempDir('auxledger-identity-');
  const lines: string[] = [];
  /** Every answer's body, to search for clear ID numbers, and the one answer allowed to hold one. */
  const answers: Array<{ path: string; text: string }> = [];
  let api: Api;
  let hohhot: { id: string; key: string };
  let baotou: { id: string; key: string };
  let saihan: { id: string; key: string };
  let auditor: { id: string; key: string };
  let viewer: { id: string; key: string };
  let wangKey: string;
  let liKey: string;

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
  const register = (applicationId: string, planId: string, identity: object, key: string, birthDate = '2000-05-17', effectiveDate = '2024-10-10') =>
    post('/api/commands/register-applicant', { applicationId, planId, applicant: applicantBorn(birthDate), identity, effectiveDate }, key);

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { logLevel: 'info' }, { logDestination: { write: (line: string) => void lines.push(line) } });
    await organTree(api);
    for (const organ of [
      { organId: 'baotou', name: '包头市公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg' },
      { organId: 'donghe', name: '东河区公安分局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'baotou' },
    ]) {
      await api.post('/api/commands/register-organ', { ...organ, effectiveDate: '2024-09-01' }).expect(201);
    }
    await api.post('/api/commands/set-quota', { organId: 'donghe', category: null, headcount: 5, documentRef: '内公发〔2024〕13号', setByOrganId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
    for (const [planId, organId, openingOrgan] of [['plan-h', 'hohhot', 'xincheng'], ['plan-b', 'baotou', 'donghe']] as const) {
      await api.post('/api/commands/draft-recruitment-plan', { planId, draftingOrganId: organId, title: `${organId} 2024`, effectiveDate: '2024-09-10', openings: [{ openingId: `${planId}-1`, organId: openingOrgan, category: 'DUTY', count: 2, targetedCategories: null }] }).expect(201);
      await api.post('/api/commands/approve-recruitment-plan', { planId, governmentLevel: 'CITY', approver: `${organId}人民政府`, documentNumber: '政函〔2024〕1号', effectiveDate: '2024-09-20' }).expect(201);
      await api.post('/api/commands/file-recruitment-plan', { planId, regionOrganId: 'nmg', filingRef: '内公备〔2024〕1号', effectiveDate: '2024-09-25' }).expect(201);
      await api.post('/api/commands/announce-recruitment', { planId, announcementRef: `GG-${planId}`, organIds: [openingOrgan], effectiveDate: '2024-10-01' }).expect(201);
    }
    hohhot = await keyFor(api, 'operator', ['hohhot']);
    baotou = await keyFor(api, 'operator', ['baotou']);
    saihan = await keyFor(api, 'operator', ['saihan']);
    auditor = await keyFor(api, 'auditor');
    viewer = await keyFor(api, 'viewer');
  }, 60_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('registers with the identity: 201, a person key made by the server, the identity sealed in the same append', async () => {
    const res = await register('app-w1', 'plan-h', WANG, hohhot.key);
    expect(res.status).toBe(201);
    wangKey = res.body.personKey;
    expect(wangKey).toMatch(/^pkh-[0-9a-f]{64}$/);
    const types = res.body.events.map((e: { type: string }) => e.type).sort();
    expect(types).toEqual(['ApplicationRegistered', 'PersonIdentityRecorded']);
    const registered = res.body.events.find((e: { type: string }) => e.type === 'ApplicationRegistered');
    expect(registered.data.personKey).toBe(wangKey);
    const identity = res.body.events.find((e: { type: string }) => e.type === 'PersonIdentityRecorded');
    expect(identity).toMatchObject({ streamId: `identity-${wangKey}`, data: { personKey: wangKey, applicationId: 'app-w1', organId: 'hohhot', sealed: { alg: 'A256GCM' } } });
    expect(res.text).not.toContain(WANG.name);
    expect(res.text).not.toContain('13800000001');
  });

  it('judges a registration on a dry run (?dryRun=true) and records nothing: no event, no data key', async () => {
    const head = await api.logHead();
    const keysBefore = dataKeyCount();
    const body = { applicationId: 'app-dry', planId: 'plan-h', applicant: applicantBorn('1995-11-20'), identity: LI, effectiveDate: '2024-10-10' };
    const dry = await api.post('/api/commands/register-applicant?dryRun=true', body, hohhot.key);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, personKey: expect.stringMatching(/^pkh-/) });
    expect(dry.body.events.map((e: { type: string }) => e.type).sort()).toEqual(['ApplicationRegistered', 'PersonIdentityRecorded']);
    expect(await api.logHead()).toBe(head);
    expect(dataKeyCount()).toBe(keysBefore);
    const bad = await api.post('/api/commands/register-applicant?dryRun=yes', body, hohhot.key);
    expect(bad.status).toBe(400);
    expect(await api.logHead()).toBe(head);
  });

  it.each([
    ['a wrong check digit', { ...LI, idNumber: '150203199511204623' }, '1995-11-20', 'ID_NUMBER_CHECK_DIGIT'],
    ['30 February', { ...LI, idNumber: '150203199502304621' }, '1995-02-28', 'ID_NUMBER_BIRTH_DATE'],
    ['a birth date other than the declared one', LI, '1995-11-21', 'ID_NUMBER_BIRTH_DATE_MISMATCH'],
    ['a division that does not exist', { ...LI, idNumber: '151903199511204629' }, '1995-11-20', 'ID_NUMBER_REGION'],
  ])('answers 400 NATIONAL_ID_INVALID in both languages for %s, and writes nothing', async (_, identity, birthDate, code) => {
    const head = await api.logHead();
    const keysBefore = dataKeyCount();
    const res = await register('app-bad', 'plan-h', identity, hohhot.key, birthDate);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'NATIONAL_ID_INVALID', message: { zh: expect.stringContaining('公民身份号码'), en: expect.stringContaining('ID number') } });
    expect(res.body.error.details.problems.map((p: { code: string }) => p.code)).toContain(code);
    expect(await api.logHead()).toBe(head);
    expect(dataKeyCount()).toBe(keysBefore);
  });

  it('gives the same person, through another organ and typed otherwise, the same key — the identity confirmed, not copied', async () => {
    const res = await register('app-w2', 'plan-b', { ...WANG, idNumber: ' 150102 20000517231x' }, baotou.key);
    expect(res.status).toBe(201);
    expect(res.body.personKey).toBe(wangKey);
    expect(res.body.events.map((e: { type: string }) => e.type).sort()).toEqual(['ApplicationRegistered', 'PersonIdentityConfirmed']);
    const li = await register('app-l1', 'plan-b', LI, baotou.key, '1995-11-20');
    expect(li.status).toBe(201);
    liKey = li.body.personKey;
    expect(liKey).not.toBe(wangKey);
  });

  it('shows operators in scope and auditors the name with the ID number masked; others 404, viewers 403', async () => {
    for (const key of [hohhot.key, baotou.key, auditor.key]) {
      const res = await get(`/api/identities/${wangKey}`, key);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ personKey: wangKey, status: 'READABLE', identity: { name: '王晓明', gender: 'MALE', idNumberMasked: '1501**********231X', nationality: 'CN' }, organIds: ['hohhot', 'baotou'] });
    }
    expect((await get(`/api/identities/${liKey}`, hohhot.key)).status).toBe(404);
    const other = await get(`/api/identities/${wangKey}`, saihan.key);
    const unknown = await get(`/api/identities/pkh-${'0'.repeat(64)}`, saihan.key);
    expect([other.status, other.body.error.code]).toEqual([404, 'IDENTITY_NOT_FOUND']);
    expect(unknown.body.error.message.en.replace(/pkh-\w+/, '')).toBe(other.body.error.message.en.replace(/pkh-\w+/, ''));
    expect((await get(`/api/identities/${wangKey}`, viewer.key)).status).toBe(403);
  });

  it('discloses fields in clear only when asked with a reason, and records who, when, which fields and why', async () => {
    expect((await post(`/api/identities/${wangKey}/disclosures`, { fields: ['idNumber'], reason: '' }, hohhot.key)).status).toBe(400);
    expect((await post(`/api/identities/${wangKey}/disclosures`, { fields: ['idNumber'], reason: 'audit' }, auditor.key)).status).toBe(403);
    expect((await post(`/api/identities/${wangKey}/disclosures`, { fields: ['idNumber'], reason: 'x' }, saihan.key)).status).toBe(404);
    const res = await api.post(`/api/identities/${wangKey}/disclosures`, { fields: ['idNumber', 'contact'], reason: '核对社会保险登记' }, hohhot.key);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ personKey: wangKey, status: 'READABLE', fields: { idNumber: WANG.idNumber, contact: WANG.contact } });

    const records = await get(`/api/identities/${wangKey}/access-records`, auditor.key);
    expect(records.status).toBe(200);
    const clear = records.body.records.filter((r: { disclosure: string }) => r.disclosure === 'CLEAR');
    expect(clear).toEqual([{ seq: expect.any(Number), personKey: wangKey, at: expect.any(String), actorKeyId: hohhot.id, actorRole: 'operator', organId: 'hohhot', fields: ['idNumber', 'contact'], disclosure: 'CLEAR', reason: '核对社会保险登记' }]);
    expect(records.body.records.filter((r: { disclosure: string }) => r.disclosure === 'MASKED').map((r: { actorKeyId: string }) => r.actorKeyId)).toEqual([hohhot.id, baotou.id, auditor.id]);
    expect((await get(`/api/identities/${wangKey}/access-records`, hohhot.key)).status).toBe(403);
  });

  it('shreds one person’s data key: their identity unreadable in the log and everywhere, everyone else’s intact, verify passes', async () => {
    // The erasure as ShredPersonalData's last step makes it, once the event is recorded (the command path: apps/cli/src/retention.int.spec.ts; the old /shred path answers 410).
    expect(await api.app.get(IdentityService).vault.shred(wangKey, api.clock.now(), 'retention ended')).toEqual({ shredded: 1 });

    expect((await get(`/api/identities/${wangKey}`, hohhot.key)).body).toEqual({ personKey: wangKey, status: 'SHREDDED', identity: null, organIds: ['hohhot', 'baotou'] });
    expect((await post(`/api/identities/${wangKey}/disclosures`, { fields: ['name', 'idNumber'], reason: 'after shredding' }, hohhot.key)).body).toEqual({ personKey: wangKey, status: 'SHREDDED', fields: null });
    expect((await get(`/api/identities/${liKey}`, baotou.key)).body.identity).toEqual({ name: '李娜', gender: 'FEMALE', idNumberMasked: '1502**********4624', nationality: 'CN' });

    // The log still holds the ciphertext, unaltered: verify passes.
    const report = await verifyLog(api.store);
    expect(report.ok).toBe(true);
    const identityEvents = await api.store.readStream(`identity-${wangKey}`);
    expect(identityEvents.map((e) => e.type)).toEqual(['PersonIdentityRecorded', 'PersonIdentityConfirmed']);

    // Nowhere in the log or the read models in clear — names, numbers, phones — for anyone.
    await api.close();
    const files = ['records.db', 'records.read-models.db'].map((f) => readFileSync(join(tmp.dir, f)));
    for (const clear of [WANG.name, LI.name, WANG.idNumber, LI.idNumber, WANG.contact.phone, LI.contact.phone, WANG.contact.address]) {
      for (const file of files) expect(file.includes(Buffer.from(clear, 'utf8'))).toBe(false);
    }
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') });
    expect((await api.get(`/api/identities/${liKey}`)).body.identity.name).toBe('李娜');
    expect((await api.get(`/api/identities/${wangKey}`)).body.status).toBe('SHREDDED');
  });

  it('answers who is due for shredding and who is held (GET /api/retention/due): the parameter with its source, no personal data; admins and auditors', async () => {
    const res = await get('/api/retention/due?on=2026-12-01');
    expect(res.status).toBe(200);
    expect(res.body.basis).toMatchObject({ parameter: 'personalData.retentionYearsAfterDeparture', value: 2, isDefault: true });
    expect(res.body.basis.source).toContain('劳动合同法');
    // Registered, never hired: the period counts from a departure.
    expect(res.body.counts).toMatchObject({ NOT_HIRED: 2, DUE: 0, HELD: 0 });
    expect(res.body).toMatchObject({ on: '2026-12-01', due: [], held: [] });
    expect(res.text).not.toContain(WANG.name);
    expect((await get('/api/retention/due', auditor.key)).status).toBe(200);
    expect((await get('/api/retention/due', hohhot.key)).status).toBe(403);
    // One person's shredding through the command path: admins only; a person never hired is refused with the reason, the key kept.
    expect((await post('/api/commands/shred-personal-data', { personKey: liKey }, hohhot.key)).status).toBe(403);
    const refused = await post('/api/commands/shred-personal-data', { personKey: liKey });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PERSON_NOT_HIRED');
    expect((await get(`/api/identities/${liKey}`, baotou.key)).body.status).toBe('READABLE');
    const bad = await get('/api/retention/due?on=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
  });

  it('holds a clear ID number in no answer and no log line, but the one explicit, recorded read', () => {
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) for (const id of ALL_IDS) expect(line).not.toContain(id);
    const holding = answers.filter((a) => ALL_IDS.some((id) => a.text.includes(id)));
    expect(holding).toEqual([]);
  });

  function dataKeyCount(): number {
    const db = new Database(join(tmp.dir, 'records.people.db'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM data_keys').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
});
