import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InitInputError, planInit } from './init-deployment';

const text = readFileSync(join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'inner-mongolia-organs.json'), 'utf8');

describe('planInit: a region file → the ordered commands of a first start', () => {
  it('plans the region, then each city before its counties, then a quota per county; ids from the content, whatever the whitespace', () => {
    const plan = planInit(JSON.parse(text), { headcount: 20, documentRef: ' 内公辅额〔2026〕1号 ' });
    expect([plan.organs, plan.quotas]).toEqual([116, 103]);
    expect(plan.commands[0]).toMatchObject({ type: 'RegisterOrgan', organId: 'nmg', data: { level: 'REGION', parentId: null } });
    expect(plan.commands[1]).toMatchObject({ type: 'RegisterOrgan', organId: 'hohhot', data: { level: 'CITY', parentId: 'nmg' } });
    expect(plan.commands[2]).toMatchObject({ type: 'RegisterOrgan', organId: 'hohhot-01', data: { level: 'COUNTY', parentId: 'hohhot' } });
    expect(plan.commands[116]).toMatchObject({ type: 'SetQuota', organId: 'hohhot-01', data: { headcount: 20, documentRef: '内公辅额〔2026〕1号', setByOrganId: 'nmg', category: null } });
    const seen = new Set<string>();
    for (const c of plan.commands.filter((c) => c.type === 'RegisterOrgan')) {
      if (c.type === 'RegisterOrgan' && c.data.parentId !== null) expect(seen.has(c.data.parentId)).toBe(true);
      seen.add(c.organId);
    }
    expect(new Set(plan.commands.map((c) => c.commandId)).size).toBe(plan.commands.length);
    const again = planInit(JSON.parse(JSON.stringify(JSON.parse(text))), { headcount: 20, documentRef: '内公辅额〔2026〕1号' });
    expect(again.commands.map((c) => c.commandId)).toEqual(plan.commands.map((c) => c.commandId));
    expect(planInit(JSON.parse(text)).commands).toHaveLength(116);
    const renamed = JSON.parse(text) as { region: { organ: string } };
    renamed.region.organ = '另一个厅';
    expect(planInit(renamed).commands[0]?.commandId).not.toBe(plan.commands[0]?.commandId);
  });

  it.each([
    [null, null, 'INVALID_ORGANS_FILE'],
    [{ region: { level: 'CITY', organ: 'x', division: 'x' } }, null, 'INVALID_ORGANS_FILE'],
    [{ region: { level: 'REGION', organ: '', division: 'x', children: [] } }, null, 'INVALID_ORGANS_FILE'],
    [JSON.parse(text), { headcount: -1, documentRef: 'x' }, 'INVALID_QUOTA'],
    [JSON.parse(text), { headcount: 1.5, documentRef: 'x' }, 'INVALID_QUOTA'],
    [JSON.parse(text), { headcount: 5, documentRef: '  ' }, 'QUOTA_DOCUMENT_REQUIRED'],
  ])('refuses %#: %s', (file, quota, code) => {
    let thrown: unknown;
    try {
      planInit(file, quota);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InitInputError);
    expect((thrown as InitInputError).code).toBe(code);
    expect((thrown as InitInputError).messages.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
