import { join } from 'node:path';
import { type Api, keyFor, organTree, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';

/**
 * An unknown organ is 404 ORGAN_NOT_FOUND in the roster and supervision, as in
 * /api/quota and /api/organs?root= — never "200, nobody" (issue 16). An
 * operator still gets 403 for an organ outside its own, known or not.
 */
describe('an unknown organ in /api/roster and /api/supervision', () => {
  const tmp = tempDir('auxledger-unknown-organ-');
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(api);
    await api.get(`/api/organs?minPosition=${await api.logHead()}`).expect(200);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it.each(['/api/roster?organ=nosuch', '/api/supervision?organ=nosuch', '/api/roster?organ=nosuch&subtree=true'])('%s is 404 ORGAN_NOT_FOUND, the same error as /api/quota', async (path) => {
    const quota = await api.get('/api/quota?organ=nosuch').expect(404);
    const res = await api.get(path).expect(404);
    expect(res.body.error.code).toBe('ORGAN_NOT_FOUND');
    expect(res.body.error).toEqual(quota.body.error);
  });

  it('a known organ with nobody is 200 with nothing; an operator of another organ gets 403 for an unknown one', async () => {
    expect((await api.get('/api/roster?organ=xincheng').expect(200)).body.counts.total).toBe(0);
    await api.get('/api/supervision?organ=xincheng').expect(200);
    const operator = (await keyFor(api, 'operator', ['xincheng'])).key;
    await api.get('/api/roster?organ=nosuch', operator).expect(403);
  });
});
