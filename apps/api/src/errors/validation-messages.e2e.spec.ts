import { join } from 'node:path';
import { type Api, hireBody, organTree, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

type Field = { field: string; constraints: { rule: string; zh: string; en: string }[] };

/**
 * Validation messages (issue 16): from class-validator's message arguments,
 * the detail (limits, allowed values) in both languages; a missing field is
 * only 必填 / is required; Accept-Language decides the problem's `detail`.
 */
describe('validation messages in both languages, with the detail in both', () => {
  const tmp = tempDir('auxledger-validation-');
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(api);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  const hire = (change: (body: Record<string, unknown>) => void, lang = 'zh-CN,zh;q=0.9') => {
    const body = hireBody('aux-v', 'app-v', 'pk-v', 'xincheng') as unknown as Record<string, unknown>;
    change(body);
    return api.post('/api/commands/hire', body, undefined, { 'Accept-Language': lang }).expect(400);
  };
  const fieldOf = (res: { body: { violations: Field[] } }, name: string) => res.body.violations.find((f) => f.field === name) as Field;

  it('a missing field: 必填 / is required, and nothing else (not 须为字符串, not 过短 and 过长)', async () => {
    const res = await hire((b) => delete b['level']);
    expect(fieldOf(res, 'level').constraints).toEqual([{ rule: 'isDefined', zh: 'level：必填', en: 'level is required' }]);
    expect(res.body.detail).toBe(res.body.message.zh);
    expect(res.body.detail).toContain('level：必填');
  });

  it('a wrong type: 须为字符串 / must be a string', async () => {
    const res = await hire((b) => (b['auxiliaryId'] = 42), 'en');
    const field = fieldOf(res, 'auxiliaryId');
    expect(field.constraints.map((c) => c.zh)).toContain('auxiliaryId：须为字符串');
    expect(field.constraints.map((c) => c.en)).toContain('auxiliaryId must be a string');
    expect(res.body.detail).toBe(res.body.message.en);
    expect(res.body.detail).toContain('auxiliaryId must be a string');
  });

  it('out of range: the limit in both languages', async () => {
    const res = await hire((b) => ((b['pay'] as Record<string, unknown>)['monthlyBaseFen'] = -5));
    const field = fieldOf(res, 'pay.monthlyBaseFen');
    const min = field.constraints.find((c) => c.rule === 'min') as Field['constraints'][number];
    const limit = /not be less than (-?\d+)/.exec(min.en)?.[1] as string;
    expect(limit).toBeDefined();
    expect(min.zh).toBe(`pay.monthlyBaseFen：不得小于 ${limit}`);
  });

  it('an enum: the allowed values in both languages, nested fields by their path', async () => {
    const res = await hire((b) => {
      b['category'] = 'NOPE';
      (b['contract'] as Record<string, unknown>)['kind'] = 'FOREVER';
    });
    for (const name of ['category', 'contract.kind']) {
      const enumError = fieldOf(res, name).constraints.find((c) => c.rule === 'isEnum' || c.rule === 'isIn') as Field['constraints'][number];
      const values = /one of the following values: (.+)$/.exec(enumError.en)?.[1] as string;
      expect(values).toBeDefined();
      expect(enumError.zh).toBe(`${name}：须为以下值之一：${values}`);
    }
    expect(fieldOf(res, 'category').constraints[0]?.zh).toContain('DUTY');
  });

  it('a nested object missing: 必填 under its path; a pattern: the pattern in both languages', async () => {
    const res = await hire((b) => {
      delete b['contract'];
      b['auxiliaryId'] = 'x'.repeat(500);
    });
    expect(fieldOf(res, 'contract').constraints).toEqual([{ rule: 'isDefined', zh: 'contract：必填', en: 'contract is required' }]);
    const matches = fieldOf(res, 'auxiliaryId').constraints.find((c) => c.rule === 'matches') as Field['constraints'][number];
    expect(matches.zh).toBe('auxiliaryId：格式无效（须符合 /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/）');
    expect(matches.en).toMatch(/^auxiliaryId /);
  });
});
