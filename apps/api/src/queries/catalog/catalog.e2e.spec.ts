import { join } from 'node:path';
import { APPLICATION_STAGES } from '@auxledger/read-models';
import { DUTIES } from '@auxledger/statute';
import { ROSTER_STATUSES, CATEGORIES } from '../roster/roster.request.dto';
import { FINDING_KINDS } from '../supervision/supervision.request.dto';
import { type Api, keyFor, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';

const isLabel = (value: unknown) => expect(value).toEqual({ zh: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) });

describe('GET /api/catalog', () => {
  const tmp = tempDir('auxledger-catalog-');
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('words in zh and en for every status, category, finding kind and duty the queries answer with', async () => {
    const viewer = await keyFor(api, 'viewer');
    const res = await api.get('/api/catalog?asOf=2025-01-02', viewer.key).expect(200);
    const { labels, findingKinds } = res.body;
    expect(res.body).toMatchObject({ asOf: '2025-01-02', ruleSet: { id: '2024' } });
    expect(Object.keys(labels.rosterStatus).sort()).toEqual([...ROSTER_STATUSES].sort());
    expect(Object.keys(labels.category).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.keys(findingKinds).sort()).toEqual([...FINDING_KINDS].sort());
    expect(Object.keys(labels.duty).sort()).toEqual(DUTIES.map((d) => d.code).sort());
    for (const table of Object.values(labels) as Array<Record<string, unknown>>) for (const label of Object.values(table)) isLabel(label);
    expect(labels.rosterStatus.ACTIVE).toEqual({ zh: '在岗', en: 'Active' });
    expect(labels.organLevel.REGION.zh).toBe('自治区');
    expect(labels.level.L1).toEqual({ zh: '一级', en: 'L1' });
    expect(labels.departureReason.ABANDONMENT.zh).toBe('擅自离职');
    expect(Object.keys(labels.applicationStage).sort()).toEqual([...APPLICATION_STAGES].sort());
    // Sanctions: the discipline.sanctions parameter in force (its default: the four kinds).
    expect(labels.sanction).toEqual({ WARNING: { zh: '警告', en: 'warning' }, DEMERIT: { zh: '记过', en: 'demerit' }, DEMOTION: { zh: '降级', en: 'demotion' }, DISMISSAL: { zh: '解除劳动合同', en: 'dismissal' } });
  });

  it('every finding kind cites its article, with the text of the regulation; a statute rule with its title', async () => {
    const res = await api.get('/api/catalog').expect(200);
    for (const kind of FINDING_KINDS) {
      const k = res.body.findingKinds[kind];
      isLabel(k.label);
      expect(k.citation.zh).toMatch(/^《内蒙古自治区公安机关警务辅助人员条例》第.+条/);
      expect(k.citation.en).toMatch(/Art\. \d+/);
      expect(typeof k.citedText).toBe('string');
    }
    expect(res.body.findingKinds.INSURANCE_MISSING).toMatchObject({ ruleId: 'INSURANCE', ruleTitle: { zh: expect.any(String), en: expect.any(String) } });
    expect(res.body.findingKinds.PLAN_NOT_APPROVED.citation.en).toMatch(/Art\. 18 ¶1/);
  });

  it('401 without a key; 400 for a malformed date', async () => {
    await api.get('/api/catalog', null).expect(401);
    const bad = await api.get('/api/catalog?asOf=2025-13-01').expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
