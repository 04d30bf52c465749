import { join } from 'node:path';
import { IdentityService } from '../../identity/identity.service';
import { type Api, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';

/**
 * Names where people are shown (issue 10 item 6, ADR 0006): the person file
 * answers who the auxiliary is — the name and the ID number masked, joined
 * from the identity store at the API's edge — and the read is recorded; an
 * operator of another organ learns nothing; after shredding, no name.
 */
const WANG = { name: '王晓明', gender: 'MALE', idNumber: '15010220000517231X', contact: { phone: '13800000001', address: '呼和浩特市新城区' }, documents: [] };

describe('names on the person file', () => {
  const tmp = tempDir('auxledger-names-');
  let api: Api;
  let hohhot: { id: string; key: string };
  let baotou: { id: string; key: string };
  let auditor: { id: string; key: string };
  let wangKey: string;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
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
    // The rest of Art. 20 for this person as past commands would have written it, then the hire through the API.
    await passedApplication(api.store, 'app-w9', wangKey, ['xincheng']);
    const hired = await api.post('/api/commands/hire', hireBody('aux-w', 'app-w9', wangKey, 'xincheng'));
    if (hired.status !== 201) throw new Error(hired.text);
  }, 60_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  const file = async (key: string) => api.get(`/api/people/aux-w?minPosition=${await api.logHead()}`, key);

  it('shows the operator in scope the name and the masked number, and records the read', async () => {
    const res = await file(hohhot.key);
    expect(res.status).toBe(200);
    expect(res.body.person).toEqual({ status: 'READABLE', name: '王晓明', gender: 'MALE', idNumberMasked: '1501**********231X', nationality: 'CN' });
    expect(res.text).not.toContain(WANG.idNumber);
    const records = await api.get(`/api/identities/${wangKey}/access-records`, auditor.key).expect(200);
    expect(records.body.records).toContainEqual(expect.objectContaining({ actorKeyId: hohhot.id, actorRole: 'operator', organId: 'xincheng', disclosure: 'MASKED' }));
  });

  it('shows an auditor the name too, recorded as the auditor', async () => {
    const res = await file(auditor.key);
    expect(res.status).toBe(200);
    expect(res.body.person.name).toBe('王晓明');
    const records = await api.get(`/api/identities/${wangKey}/access-records`, auditor.key).expect(200);
    expect(records.body.records).toContainEqual(expect.objectContaining({ actorKeyId: auditor.id, actorRole: 'auditor', disclosure: 'MASKED' }));
  });

  it('shows the name on the roster to the operator in scope, and a viewer only the counts', async () => {
    const head = await api.logHead();
    const res = await api.get(`/api/roster?organ=xincheng&minPosition=${head}`, hohhot.key).expect(200);
    expect(res.body.entries).toEqual([expect.objectContaining({ auxiliary_id: 'aux-w', person: expect.objectContaining({ name: '王晓明', idNumberMasked: '1501**********231X' }) })]);
    expect(res.text).not.toContain(WANG.idNumber);
    const viewer = await keyFor(api, 'viewer');
    const counts = await api.get(`/api/roster?organ=xincheng&minPosition=${head}`, viewer.key).expect(200);
    expect(counts.body.counts.total).toBe(1);
    expect(counts.text).not.toContain('王晓明');
    expect(counts.body.entries).toBeUndefined();
  });

  it('names the person beside the audit trail’s entries for an auditor', async () => {
    const res = await api.get(`/api/audit?personKey=${wangKey}&minPosition=${await api.logHead()}`, auditor.key).expect(200);
    expect(res.body.entries.length).toBeGreaterThan(0);
    expect(res.body.people[wangKey]).toEqual(expect.objectContaining({ status: 'READABLE', name: '王晓明' }));
    expect(res.text).not.toContain(WANG.idNumber);
  });

  it('answers another organ’s operator 403 with no name, and records no read for it', async () => {
    const res = await file(baotou.key);
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('王晓明');
    const records = await api.get(`/api/identities/${wangKey}/access-records`, auditor.key).expect(200);
    expect(records.body.records.filter((r: { actorKeyId: string }) => r.actorKeyId === baotou.id)).toEqual([]);
  });

  it('shows no name once the person’s key is shredded, the file itself intact', async () => {
    // The erasure as ShredPersonalData's last step makes it (the command path: apps/cli/src/retention.int.spec.ts).
    await api.app.get(IdentityService).vault.shred(wangKey, api.clock.now(), 'retention ended');
    const res = await file(hohhot.key);
    expect(res.status).toBe(200);
    expect(res.body.state.auxiliary_id).toBe('aux-w');
    expect(res.body.person).toEqual({ status: 'SHREDDED', name: null, gender: null, idNumberMasked: null });
    expect(res.text).not.toContain('王晓明');
  });
});
