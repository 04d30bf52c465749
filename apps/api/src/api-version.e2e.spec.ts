import { join } from 'node:path';
import { type Api, organTree, startApi, tempDir } from './testing/api-fixture';

/** `/api/v1/…` is the API; the unversioned `/api/…` paths are aliases of the same routes (issue 16). */
describe('the API under /api/v1', () => {
  const tmp = tempDir('auxledger-v1-');
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') });
    await organTree(api);
    await api.get(`/api/organs?minPosition=${await api.logHead()}`).expect(200);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('queries answer the same under /api/v1 and the old path', async () => {
    const v1 = await api.get('/api/v1/organs?root=nmg').expect(200);
    const old = await api.get('/api/organs?root=nmg').expect(200);
    expect(v1.body).toEqual(old.body);
    expect((await api.get('/api/v1/quota?organ=nosuch').expect(404)).body.error.code).toBe('ORGAN_NOT_FOUND');
  });

  it('a command under /api/v1 is the same command; the same id under the old path answers its first outcome', async () => {
    const body = { commandId: 'v1-organ-1', organId: 'v1-unit', name: '版本测试派出所', level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId: 'xincheng', effectiveDate: '2024-09-01' };
    const first = await api.post('/api/v1/commands/register-organ', body).expect(201);
    const again = await api.post('/api/commands/register-organ', body).expect(201);
    expect(again.body).toMatchObject({ commandId: 'v1-organ-1', replayed: true });
    expect(again.body.events).toEqual(first.body.events);
  });

  it('only /api/v1 is rewritten: /api/v10 and /api/v1x find no route; the docs are under both', async () => {
    expect((await api.get('/api/v10/organs').expect(404)).body.code).toBe('NOT_FOUND');
    await api.get('/api/v1x/organs').expect(404);
    await api.get('/api/v1/docs-json', null).expect(200);
  });
});
