import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Api, keyFor, startApi, tempDir } from '../testing/api-fixture';

/** POST /api/admin/init on an empty deployment: the region file's tree and quotas, the same plan as `auxledger init`. */
describe('POST /api/admin/init — the first start from a region organ file', () => {
  const tmp = tempDir('auxledger-admin-init-');
  const file = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'shared', 'data', 'inner-mongolia-organs.json'), 'utf8')) as { region: { organ: string } };
  let api: Api;
  const quota = `quota=20&quotaDocument=${encodeURIComponent('内公辅额〔2026〕1号')}`;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { bodyLimit: '256kb' });
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('a dry run lists every command in order and records nothing; the run registers the tree and quotas; again, nothing new', async () => {
    const dry = await api.post(`/api/admin/init?dryRun=true&${quota}`, file).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, organs: 116, quotas: 103 });
    expect(dry.body.commands).toHaveLength(219);
    expect(dry.body.commands[0]).toMatchObject({ type: 'RegisterOrgan', organId: 'nmg', data: { name: file.region.organ, level: 'REGION', parentId: null } });
    expect(dry.body.commands[218]).toMatchObject({ type: 'SetQuota', data: { headcount: 20, setByOrganId: 'nmg' } });
    expect(await api.logHead()).toBe(0);

    const run = await api.post(`/api/admin/init?${quota}`, file).expect(201);
    expect(run.body).toMatchObject({ dryRun: false, organs: { registered: 116, recorded: 0 }, quotas: { set: 103, recorded: 0 }, refused: [] });
    expect(run.body.headPosition).toBe(await api.logHead());
    const organs = (await api.get(`/api/organs?minPosition=${run.body.headPosition}`).expect(200)).body.organs as Array<{ organ_id: string; parent_id: string | null }>;
    expect(organs).toHaveLength(116);
    expect(organs.find((o) => o.organ_id === 'hohhot-01')?.parent_id).toBe('hohhot');
    const quotas = (await api.get('/api/quota?organ=nmg').expect(200)).body;
    expect(quotas.total.quota).toBe(20 * 103);
    // The command ids are the CLI's: the same file again (as `auxledger init` would send it) records nothing.
    expect(dry.body.commands.map((c: { commandId: string }) => c.commandId)).toContain(`init-${(dry.body.sha256 as string).slice(0, 32)}-organ-nmg`);
    const head = await api.logHead();
    const again = await api.post(`/api/admin/init?${quota}`, file).expect(201);
    expect(again.body).toMatchObject({ organs: { registered: 0, recorded: 116 }, quotas: { set: 0, recorded: 103 } });
    expect(await api.logHead()).toBe(head);
  }, 60_000);

  it('refuses a file of another shape, a quota without its document, and any key but an admin, in both languages, writing nothing', async () => {
    const head = await api.logHead();
    const bad = await api.post('/api/admin/init', { region: { level: 'CITY', organ: 'x', division: 'x' } }).expect(400);
    expect(bad.body.error.code).toBe('INVALID_ORGANS_FILE');
    expect(bad.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect((await api.post('/api/admin/init?quota=5', file).expect(400)).body.error.code).toBe('QUOTA_DOCUMENT_REQUIRED');
    expect((await api.post('/api/admin/init?quotaDocument=x', file).expect(400)).body.error.code).toBe('QUOTA_REQUIRED');
    expect((await api.post('/api/admin/init?quota=-1&quotaDocument=x', file).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await api.post('/api/admin/init', [1, 2]).expect(400)).body.error.code).toBe('BODY_NOT_OBJECT');
    const operator = (await keyFor(api, 'operator', ['nmg'])).key;
    const auditor = (await keyFor(api, 'auditor')).key;
    expect((await api.post('/api/admin/init?dryRun=true', file, operator).expect(403)).body.error.code).toBe('ROLE_NOT_ALLOWED');
    await api.post('/api/admin/init', file, auditor).expect(403);
    await api.post('/api/admin/init', file, null).expect(401);
    expect(await api.logHead()).toBe(head);
  });

  it('a file whose organ the log already holds under another command: 409 INIT_REFUSED with the report', async () => {
    const renamed = { ...file, region: { ...file.region, organ: '另一个名称的公安厅' } };
    const res = await api.post('/api/admin/init', renamed).expect(409);
    expect(res.body.error.code).toBe('INIT_REFUSED');
    expect(res.body.error.details.report.refused[0].organId).toBe('nmg');
    expect(res.body.error.message.en).toContain('nmg');
  });
});
