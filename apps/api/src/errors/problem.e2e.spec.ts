import { join } from 'node:path';
import { type Api, hireBody, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../testing/api-fixture';
import { prefersChinese } from './problem';

/**
 * Errors as RFC 9457 problem details (issue 16): `application/problem+json`
 * with type, title, status, detail, instance — and our code, bilingual
 * message and violations, and the `error` member as before.
 */
describe('errors as problem details', () => {
  const tmp = tempDir('auxledger-problem-');
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(api);
    await passedApplication(api.store, 'app-1', 'pk-1');
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('a statute refusal (422): the RFC 9457 members, our code and message, the violations, the error member', async () => {
    const res = await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng', 123)).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:auxledger:problem:REFUSED_BY_STATUTE',
      title: 'Unprocessable Entity',
      status: 422,
      detail: res.body.error.message.en,
      instance: '/api/commands/hire',
      code: 'REFUSED_BY_STATUTE',
      message: res.body.error.message,
    });
    expect(res.body.violations).toEqual(res.body.error.details.violations);
    expect(res.body.violations.map((v: { ruleId: string }) => v.ruleId)).toContain('PAY-LEVEL');
  });

  it('a malformed body (400): the field errors as violations; detail in Chinese for Accept-Language zh', async () => {
    const res = await api.post('/api/commands/hire', { auxiliaryId: 'aux-2' }, undefined, { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:auxledger:problem:VALIDATION_FAILED', status: 400, title: 'Bad Request', code: 'VALIDATION_FAILED', detail: res.body.error.message.zh });
    expect(res.body.violations).toEqual(res.body.error.details.fields);
  });

  it('404 and 401 likewise; the instance never holds the query (it may hold a person key)', async () => {
    const missing = await api.get('/api/quota?organ=nosuch').expect(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found', code: 'ORGAN_NOT_FOUND', instance: '/api/quota' });
    const leaky = await api.get('/api/quota?organ=xincheng&personKey=pk-secret').expect(400);
    expect(leaky.body.instance).toBe('/api/quota');
    expect(JSON.stringify(leaky.body)).not.toContain('pk-secret');
    const anonymous = await api.get('/api/roster?organ=xincheng', null).expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.body).toMatchObject({ status: 401, title: 'Unauthorized', code: anonymous.body.error.code });
  });

  it('Accept-Language: Chinese only when a zh range comes first by quality', () => {
    expect(prefersChinese('zh-CN')).toBe(true);
    expect(prefersChinese('en-US,zh;q=0.9')).toBe(false);
    expect(prefersChinese('en;q=0.5, zh-TW;q=0.8')).toBe(true);
    expect(prefersChinese('fr, zh;q=0.1')).toBe(true);
    expect(prefersChinese(undefined)).toBe(false);
    expect(prefersChinese('zh;q=0, en')).toBe(false);
  });
});
