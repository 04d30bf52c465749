import { join } from 'node:path';
import { DUTIES } from '@auxledger/statute';
import { type Api, keyFor, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';
import { COMMAND_GROUPS } from './command-catalog.query';

interface Field { name: string; type: string; required: boolean; enum?: Array<{ value: string; label?: { zh: string; en: string }; [k: string]: unknown }>; fields?: Field[]; items?: Field }
interface Described { commandType: string; path: string; method: string; group: string | null; roles: string[]; title: { zh: string; en: string }; dryRun: boolean; fields: Field[]; parameters: Array<{ key: string; source: string; isDefault: boolean }> }

describe('GET /api/catalog/commands', () => {
  const tmp = tempDir('auxledger-command-catalog-');
  let api: Api;
  let commands: Described[];
  const byType = (t: string) => commands.find((c) => c.commandType === t) as Described;
  const field = (t: string, name: string) => byType(t).fields.find((f) => f.name === name) as Field;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
    const viewer = await keyFor(api, 'viewer');
    commands = (await api.get('/api/catalog/commands?asOf=2025-01-02', viewer.key).expect(200)).body.commands;
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('describes every command endpoint of the OpenAPI document, once, in a group, with its roles and a zh/en title', async () => {
    const doc = (await api.get('/api/docs-json', null).expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const endpoints = Object.entries(doc.paths)
      .filter(([path]) => /^\/api\/commands\/[a-z-]+$/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(endpoints.length).toBeGreaterThan(40);
    expect(commands.map((c) => `${c.method} ${c.path}`).sort()).toEqual(endpoints);
    for (const c of commands) {
      expect({ type: c.commandType, inAGroup: Object.keys(COMMAND_GROUPS).includes(String(c.group)) }).toEqual({ type: c.commandType, inAGroup: true });
      expect(c.roles).toEqual(['admin', 'operator']);
      expect(c.title.zh).toMatch(/\p{Script=Han}/u);
      expect(c.title.en).toMatch(/^[A-Za-z]/);
      expect(c.fields.length).toBeGreaterThan(0);
    }
  });

  it('fields from the DTOs: types, required, nested objects and arrays', () => {
    expect(field('Hire', 'auxiliaryId')).toMatchObject({ type: 'string', required: true, pattern: expect.any(String) });
    expect(field('Hire', 'effectiveDate')).toMatchObject({ type: 'date', required: false });
    const contract = field('Hire', 'contract');
    expect(contract.type).toBe('object');
    expect(contract.fields?.find((f) => f.name === 'kind')).toMatchObject({ type: 'enum', enum: expect.arrayContaining([{ value: 'FIXED_TERM', label: { zh: '固定期限', en: 'Fixed term' } }]) });
    expect(contract.fields?.find((f) => f.name === 'clauses')).toMatchObject({ type: 'array', items: { type: 'enum' } });
    expect(field('Hire', 'pay').fields?.find((f) => f.name === 'monthlyBaseFen')).toMatchObject({ type: 'integer', minimum: 0 });
  });

  it('duties with their article, text, leading officer, qualification and insurance; sanctions, grades and departure reasons labelled', () => {
    const duties = field('AssignDuty', 'dutyCodes').items?.enum ?? [];
    expect(duties.map((d) => d.value).sort()).toEqual(DUTIES.map((d) => d.code).sort());
    const patrol = duties.find((d) => d.value === 'SVC_PATROL');
    expect(patrol).toMatchObject({ label: { zh: expect.any(String), en: expect.any(String) }, citation: expect.anything(), needsInsurance: true });
    expect(duties.some((d) => d.needsLeadingOfficer === true)).toBe(true);
    expect(duties.some((d) => typeof d.needsQualification === 'string')).toBe(true);
    expect(field('Discipline', 'sanction')).toMatchObject({ type: 'enum', enum: expect.arrayContaining([expect.objectContaining({ value: expect.any(String), label: { zh: expect.any(String), en: expect.any(String) } })]) });
    expect(field('RecordAssessment', 'grade').type).toBe('enum');
    const reasons = field('Terminate', 'reason').enum ?? [];
    expect(reasons.find((r) => r.value === 'ABANDONMENT')?.label?.zh).toBe('擅自离职');
  });

  it('every code a command accepts has words in both languages (a form offers no bare codes)', () => {
    const bare: string[] = [];
    const walk = (t: string, f: Field, path: string) => {
      for (const v of f.enum ?? []) if (!v.label?.zh || !v.label?.en) bare.push(`${t}.${path}=${v.value}`);
      for (const g of f.fields ?? []) walk(t, g, `${path}.${g.name}`);
      if (f.items) walk(t, { ...f.items, name: f.name }, `${path}[]`);
    };
    for (const c of commands) for (const f of c.fields) walk(c.commandType, f, f.name);
    expect(bare).toEqual([]);
    expect(field('EnrolInsurance', 'kinds').items?.enum?.find((v) => v.value === 'WORK_INJURY')?.label?.zh).toBe('工伤保险');
    expect(field('RecordInjury', 'legalBasis').enum?.find((v) => v.value === 'WORK_INJURY')?.label?.zh).toBe('《工伤保险条例》');
  });

  it('the parameters in force where they matter, with their source and default flag; dry run marked', () => {
    const pay = byType('Hire').parameters.find((p) => p.key === 'pay.standards');
    expect(pay).toMatchObject({ isDefault: false, source: '呼和浩特市辅警薪酬标准（测试值）' });
    expect(byType('Discipline').parameters.map((p) => p.key)).toContain('discipline.sanctions');
    expect(byType('Hire').dryRun).toBe(true);
  });

  it('the text a citation points at, from the embedded regulation: item, paragraph, article; null for a law not carried; a malformed one is a 400', async () => {
    const viewer = await keyFor(api, 'viewer');
    const item = (await api.get('/api/catalog/commands/cited-text?citation=NMG-AUX@2024:12.1.1', viewer.key).expect(200)).body;
    expect(item).toMatchObject({ citation: { law: 'NMG-AUX', revision: '2024', article: 12, paragraph: 1, item: 1 }, rendered: { zh: '《内蒙古自治区公安机关警务辅助人员条例》第十二条第一款第（一）项' } });
    // The same words the catalog gives the duty of that item.
    const admin = field('AssignDuty', 'dutyCodes').items?.enum?.find((d) => d.value === 'CIV_ADMIN');
    expect(item.text).toBe(admin?.['citedText']);
    const article = (await api.get('/api/catalog/commands/cited-text?citation=NMG-AUX@2024:23', viewer.key).expect(200)).body;
    expect(article.text).toContain('（一）');
    expect(article.text.length).toBeGreaterThan(item.text.length);
    const other = (await api.get('/api/catalog/commands/cited-text?citation=PRC-LABOUR-CONTRACT@2012:19', viewer.key).expect(200)).body;
    expect(other).toMatchObject({ text: null, rendered: { zh: expect.stringContaining('劳动合同法') } });
    const bad = await api.get('/api/catalog/commands/cited-text?citation=NMG-AUX:23', viewer.key).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: { zh: expect.any(String), en: expect.any(String) } });
  });

  it('a malformed asOf is a 400 in both languages', async () => {
    const res = await api.get('/api/catalog/commands?asOf=2025-13-01').expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: { zh: expect.any(String), en: expect.any(String) } });
  });
});
