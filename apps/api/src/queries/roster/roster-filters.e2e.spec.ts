import { join } from 'node:path';
import { type Api, PAY_FEN, hireBody, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';

/**
 * The roster's filters for the workbench: a level, and an auxiliary id that contains some text (case-insensitive),
 * each narrowing the counts and the entries alike; a level that is no code is a 400, never a 5xx.
 */
describe('the roster filtered by level and by id', () => {
  const tmp = tempDir('auxledger-roster-filters-');
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(api);
    for (const [id, level] of [['aux-a1', 'L1'], ['aux-b2', 'L2'], ['aux-a3', 'L1']] as const) {
      await passedApplication(api.store, `app-${id}`, `pk-${id}`, ['xincheng']);
      const hired = await api.post('/api/commands/hire', { ...hireBody(id, `app-${id}`, `pk-${id}`, 'xincheng', PAY_FEN[level]), level });
      if (hired.status !== 201) throw new Error(hired.text);
    }
  }, 60_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  const roster = async (query: string) => (await api.get(`/api/roster?organ=xincheng&asOf=2025-03-01&minPosition=${await api.logHead()}&${query}`).expect(200)).body;

  it('level=L2 answers the one at L2, counts and entries', async () => {
    const body = await roster('level=L2');
    expect(body.counts.total).toBe(1);
    expect(body.entries.map((e: { auxiliary_id: string }) => e.auxiliary_id)).toEqual(['aux-b2']);
  });

  it('q matches a part of the id, case-insensitive, with the other filters', async () => {
    expect((await roster('q=X-A')).entries.map((e: { auxiliary_id: string }) => e.auxiliary_id)).toEqual(['aux-a1', 'aux-a3']);
    expect((await roster('q=a3&level=L1')).counts.total).toBe(1);
    expect((await roster('q=nobody')).counts.total).toBe(0);
  });

  it('a level or q that is no identifier is a 400 in both languages', async () => {
    const res = await api.get('/api/roster?organ=xincheng&level=L%201').expect(400);
    expect(res.body.error.message.zh).toEqual(expect.any(String));
    expect(JSON.stringify(res.body.error.details)).toContain('level');
    await api.get('/api/roster?organ=xincheng&q=%3Cscript%3E').expect(400);
  });
});
