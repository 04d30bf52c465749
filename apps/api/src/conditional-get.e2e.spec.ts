import { join } from 'node:path';
import { type Api, organTree, startApi, tempDir } from './testing/api-fixture';

/** A query's answer carries an ETag; asked again with it, unchanged, the answer is 304 with no body; changed, a 200 with a new one. */
describe('conditional GETs', () => {
  const tmp = tempDir('auxledger-etag-');
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

  it('an unchanged answer is 304 to If-None-Match; after a command it is a 200 with another ETag', async () => {
    const first = await api.get('/api/v1/organs?root=nmg').expect(200);
    const tag = String(first.headers['etag']);
    expect(tag).toMatch(/^(W\/)?"[^"]+"$/);
    const again = await api.get('/api/v1/organs?root=nmg').set('If-None-Match', tag).expect(304);
    expect(again.text ?? '').toBe('');

    const body = { organId: 'etag-unit', name: '条件请求派出所', level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId: 'xincheng', effectiveDate: '2024-09-01' };
    await api.post('/api/v1/commands/register-organ', body).expect(201);
    const changed = await api.get(`/api/v1/organs?root=nmg&minPosition=${await api.logHead()}`).set('If-None-Match', tag).expect(200);
    expect(changed.headers['etag']).not.toBe(tag);
    expect(JSON.stringify(changed.body)).toContain('etag-unit');
  });
});
