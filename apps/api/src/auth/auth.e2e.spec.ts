import { join } from 'node:path';
import type { ApiTables } from '../infrastructure/api-tables';
import { API_TABLES } from '../infrastructure/tokens';
import { ApiKeysService } from '../keys/api-keys.service';
import { type Api, ADMIN_KEY, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/** API keys, roles and organ scopes through HTTP: who may send which command for which organ. */
describe('authentication and authorization', () => {
  const tmp = tempDir('auxledger-auth-');
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(api);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  const assign = { auxiliaryId: 'aux-1', assignmentId: 'asg-1', dutyCodes: ['SVC_PATROL'], leadingOfficerIds: ['officer-1'], effectiveDate: '2025-01-15' };

  it('401 without a key, with an unknown key, and with a malformed Authorization header', async () => {
    const none = await api.post('/api/commands/assign-duty', assign, null).expect(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    expect((await api.post('/api/commands/assign-duty', assign, 'axl_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(401)).body.error.code).toBe('INVALID_API_KEY');
    expect((await api.post('/api/commands/assign-duty', assign, 'not-the-admin-key').expect(401)).body.error.code).toBe('INVALID_API_KEY');
    await api.post('/api/commands/assign-duty', assign, null, { Authorization: `Basic ${ADMIN_KEY}` }).expect(401);
  });

  it('keys are stored hashed: the table holds no key, and listing shows none', async () => {
    const created = await keyFor(api, 'viewer');
    const list = await api.get('/api/keys').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    expect(JSON.stringify(list.body)).not.toContain(ADMIN_KEY);
    expect(list.body.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining(['bootstrap-admin', created.id]));
    expect(list.body[0]).not.toHaveProperty('hash');
  });

  it('GET /api/me answers who the key is — role and organ scope, never the key — and 401 without one', async () => {
    const operator = await keyFor(api, 'operator', ['hohhot']);
    const me = await api.get('/api/me', operator.key).expect(200);
    expect(me.body).toEqual({ keyId: operator.id, name: expect.any(String), role: 'operator', organIds: ['hohhot'] });
    expect(JSON.stringify(me.body)).not.toContain(operator.key);
    expect((await api.get('/api/me').expect(200)).body).toMatchObject({ keyId: 'bootstrap-admin', role: 'admin' });
    expect((await api.get('/api/me', null).expect(401)).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('403 for roles that may not command (auditor, viewer), and for non-admins on /api/keys', async () => {
    for (const role of ['auditor', 'viewer']) {
      const { key } = await keyFor(api, role);
      const res = await api.post('/api/commands/assign-duty', assign, key).expect(403);
      expect(res.body.error).toMatchObject({ code: 'ROLE_NOT_ALLOWED', details: { role, allowed: ['admin', 'operator'] } });
      await api.get('/api/keys', key).expect(403);
    }
    const operator = await keyFor(api, 'operator', ['xincheng']);
    await api.post('/api/keys', { name: 'x', role: 'admin' }, operator.key).expect(403);
  });

  it('an operator commands within the subtrees of its organs; another organ is refused (403 ORGAN_OUT_OF_SCOPE) and nothing is written', async () => {
    const city = await keyFor(api, 'operator', ['hohhot']);
    const saihan = await keyFor(api, 'operator', ['saihan']);
    await passedApplication(api.store, 'app-1', 'pk-1');

    const outside = await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), saihan.key).expect(403);
    expect(outside.body.error).toMatchObject({ code: 'ORGAN_OUT_OF_SCOPE', details: { organId: 'xincheng', grantedOrganIds: ['saihan'] } });
    expect(await api.store.readStream('auxiliary-aux-1')).toHaveLength(0);

    // The city operator holds the county below it.
    const hired = await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), city.key).expect(201);
    expect(hired.body.events[0].metadata.actor).toEqual({ id: city.id, role: 'operator', organId: 'hohhot' });

    // Commands on the auxiliary are scoped by its using organ, on record; another organ's auxiliary is answered as an unknown one.
    const onAux = await api.post('/api/commands/assign-duty', assign, saihan.key).expect(404);
    expect(onAux.body.error.code).toBe('RECORD_NOT_FOUND');
    expect(await api.store.readStream('auxiliary-aux-1')).toHaveLength(1);
  });

  it('operators register organs only under an organ they hold, never the region', async () => {
    const saihan = await keyFor(api, 'operator', ['saihan']);
    await api.post('/api/commands/register-organ', { organId: 'saihan-pcs-1', name: '赛罕区某派出所', level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId: 'saihan', effectiveDate: '2024-10-01' }, saihan.key).expect(201);
    await api.post('/api/commands/register-organ', { organId: 'xincheng-pcs-1', name: '新城区某派出所', level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId: 'xincheng', effectiveDate: '2024-10-01' }, saihan.key).expect(403);
    await api.post('/api/commands/register-organ', { organId: 'nmg2', name: '另一个自治区', level: 'REGION', kind: 'PUBLIC_SECURITY', parentId: null, effectiveDate: '2024-10-01' }, saihan.key).expect(403);
    // The unit's subtree belongs to saihan's operator: quota set for it needs that scope too.
    await api.post('/api/commands/set-quota', { organId: 'xincheng', headcount: 9, documentRef: '内公发〔2024〕13号', setByOrganId: 'nmg', effectiveDate: '2024-10-01' }, saihan.key).expect(403);
  });

  it('admin creates, lists and revokes keys; a revoked key is refused (401); unknown key id 404', async () => {
    const res = await api.post('/api/keys', { name: '新城分局 张三', role: 'operator', organIds: ['xincheng'] }).expect(201);
    expect(res.body).toMatchObject({ name: '新城分局 张三', role: 'operator', organIds: ['xincheng'], createdBy: 'bootstrap-admin', revokedAt: null });
    expect(res.body.key).toMatch(/^axl_[0-9a-f]{16}_/);
    await api.post('/api/commands/end-duty', { auxiliaryId: 'aux-1', assignmentId: 'none', reason: 'COMPLETED' }, res.body.key).expect(409);

    const revoked = await api.del(`/api/keys/${res.body.id}`).expect(200);
    expect(revoked.body.revokedAt).toBe(api.clock.now().toISOString());
    expect((await api.post('/api/commands/end-duty', { auxiliaryId: 'aux-1', assignmentId: 'none', reason: 'COMPLETED' }, res.body.key).expect(401)).body.error.code).toBe('INVALID_API_KEY');
    expect((await api.del(`/api/keys/${res.body.id}`).expect(404)).body.error.code).toBe('KEY_NOT_FOUND');
  });

  it('a verified key is not looked up again, and once revoked it is refused on the very next request', async () => {
    const operator = await keyFor(api, 'operator', ['xincheng']);
    const tables = api.app.get<ApiTables>(API_TABLES);
    const findKey = jest.spyOn(tables, 'findKey');
    try {
      await api.get('/api/me', operator.key).expect(200);
      await api.get('/api/me', operator.key).expect(200);
      await api.get('/api/me', operator.key).expect(200);
      expect(findKey.mock.calls.filter(([id]) => id === operator.id)).toHaveLength(1);
      await api.del(`/api/keys/${operator.id}`).expect(200);
      expect((await api.get('/api/me', operator.key).expect(401)).body.error.code).toBe('INVALID_API_KEY');
      expect((await api.post('/api/commands/assign-duty', assign, operator.key).expect(401)).body.error.code).toBe('INVALID_API_KEY');
    } finally {
      findKey.mockRestore();
    }
  });

  it('a key revoked by another API process on the same database is refused here once the cache time (AUXLEDGER_KEY_CACHE_TTL_MS) is up', async () => {
    const before = process.env['AUXLEDGER_KEY_CACHE_TTL_MS'];
    process.env['AUXLEDGER_KEY_CACHE_TTL_MS'] = '300';
    const other = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') });
    try {
      const viewer = await keyFor(api, 'viewer');
      await other.get('/api/me', viewer.key).expect(200);
      await api.del(`/api/keys/${viewer.id}`).expect(200);
      await api.get('/api/me', viewer.key).expect(401);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await other.get('/api/me', viewer.key).expect(401)).body.error.code).toBe('INVALID_API_KEY');
    } finally {
      await other.close();
      if (before === undefined) delete process.env['AUXLEDGER_KEY_CACHE_TTL_MS'];
      else process.env['AUXLEDGER_KEY_CACHE_TTL_MS'] = before;
    }
  });

  it('key bodies are validated: operators need organs, others may not have them, roles are closed', async () => {
    expect((await api.post('/api/keys', { name: 'x', role: 'operator' }).expect(400)).body.error.code).toBe('OPERATOR_NEEDS_ORGANS');
    expect((await api.post('/api/keys', { name: 'x', role: 'viewer', organIds: ['xincheng'] }).expect(400)).body.error.code).toBe('ORGANS_FOR_OPERATORS_ONLY');
    const res = await api.post('/api/keys', { name: 'x', role: 'root' }).expect(400);
    expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: 'role' })]);
  });

  it('a second start with another AUXLEDGER_ADMIN_KEY keeps the first admin key (first start only)', async () => {
    const again = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { adminKey: 'another-admin-key' });
    try {
      await again.get('/api/keys', 'another-admin-key').expect(401);
      await again.get('/api/keys', ADMIN_KEY).expect(200);
    } finally {
      await again.close();
    }
  });

  it('the last active admin key cannot be revoked, not even by itself (409 LAST_ADMIN_KEY); with another admin it can', async () => {
    const own = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'last-admin.db') });
    try {
      const refused = await own.del('/api/keys/bootstrap-admin').expect(409);
      expect(refused.body.error).toEqual({ code: 'LAST_ADMIN_KEY', message: { zh: expect.any(String), en: expect.any(String) }, details: { id: 'bootstrap-admin' } });
      await own.get('/api/keys').expect(200);
      // Revoking other keys is fine; so is an admin's, while another admin key stays.
      const viewer = await keyFor(own, 'viewer');
      await own.del(`/api/keys/${viewer.id}`).expect(200);
      const second = await keyFor(own, 'admin');
      await own.del('/api/keys/bootstrap-admin').expect(200);
      await own.get('/api/keys').expect(401);
      expect((await own.del(`/api/keys/${second.id}`, second.key).expect(409)).body.error.code).toBe('LAST_ADMIN_KEY');
      // Two revocations at once, each of the other: one of them stays.
      const third = (await own.post('/api/keys', { name: 'third admin', role: 'admin' }, second.key).expect(201)).body as { id: string; key: string };
      const answers = await Promise.all([own.del(`/api/keys/${third.id}`, second.key), own.del(`/api/keys/${second.id}`, third.key)]);
      // The other is refused: 409, or 401 when its own key was revoked before it was looked at.
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409 || a.status === 401)).toHaveLength(1);
      const active = (await own.get('/api/keys', answers[0]!.status === 200 ? second.key : third.key).expect(200)).body.filter((k: { role: string; revokedAt: string | null }) => k.role === 'admin' && k.revokedAt === null);
      expect(active).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  it('without AUXLEDGER_ADMIN_KEY, the first start generates one admin key (stored hashed), and a later start none', async () => {
    const path = join(tmp.dir, 'generated-key.db');
    const first = await startApi({ kind: 'sqlite', path }, { adminKey: null });
    let generated: string | null;
    try {
      generated = first.app.get(ApiKeysService).generatedAdminKey;
      expect(generated).toMatch(/^axl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      const keys = (await first.get('/api/keys', generated).expect(200)).body as Array<{ role: string }>;
      expect(keys.map((k) => k.role)).toEqual(['admin']);
      const secret = (generated as string).slice('axl_'.length + 16 + 1); // the secret itself may contain '_'
      expect(JSON.stringify(keys)).not.toContain(secret);
    } finally {
      await first.close();
    }
    const second = await startApi({ kind: 'sqlite', path }, { adminKey: null });
    try {
      expect(second.app.get(ApiKeysService).generatedAdminKey).toBeNull();
      expect((await second.get('/api/keys', generated).expect(200)).body).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
