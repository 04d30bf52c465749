import { join } from 'node:path';
import fc from 'fast-check';
import { type Api, hireBody, startApi, tempDir } from './testing/api-fixture';

/** What a client can send wrong: malformed bodies, field errors in both languages, and random JSON that never breaks the server. */
describe('input the API refuses, and the API itself', () => {
  const tmp = tempDir('auxledger-robust-');
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'nested', 'records.db') });
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  const logLength = async () => (await api.store.readAll({ maxCount: 100_000 })).length;

  it('400 VALIDATION_FAILED lists every field, nested ones by path, in Chinese and English', async () => {
    const body = { ...hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), category: 'POLICE', unknown: 1 };
    body.contract = { ...body.contract, startDate: '2025-02-30', clauses: ['DUTIES', 'NAP_TIME'] };
    const res = await api.post('/api/commands/hire', body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['category', 'contract.clauses', 'contract.startDate', 'unknown']);
    for (const f of res.body.error.details.fields) for (const c of f.constraints) expect(c).toEqual({ rule: expect.any(String), zh: expect.any(String), en: expect.any(String) });
  });

  it('400 for malformed JSON, a wrong effective date, a bad Idempotency-Key, and header and body ids that differ', async () => {
    const malformed = await api.post('/api/commands/hire', '{"auxiliaryId":', undefined, { 'Content-Type': 'application/json' }).expect(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    expect((await api.post('/api/commands/hire', '[{"auxiliaryId":"a"}]', undefined, { 'Content-Type': 'application/json' }).expect(400)).body.error.code).toBe('BODY_NOT_OBJECT');
    expect((await api.post('/api/commands/hire', 'auxiliaryId=a', undefined, { 'Content-Type': 'application/x-www-form-urlencoded' }).expect(415)).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const date = await api.post('/api/commands/end-duty', { auxiliaryId: 'a', assignmentId: 'b', reason: 'COMPLETED', effectiveDate: '2025-13-01' }).expect(400);
    expect(date.body.error.details.fields).toEqual([expect.objectContaining({ field: 'effectiveDate' })]);
    const body = { auxiliaryId: 'a', assignmentId: 'b', reason: 'COMPLETED' };
    expect((await api.post('/api/commands/end-duty', body, undefined, { 'Idempotency-Key': 'no spaces allowed' }).expect(400)).body.error.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect((await api.post('/api/commands/end-duty', { ...body, commandId: 'one' }, undefined, { 'Idempotency-Key': 'two' }).expect(400)).body.error.code).toBe('COMMAND_ID_MISMATCH');
  });

  it('413 for a body over the limit; 404 in the error shape for an unknown route', async () => {
    const big = { ...hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), level: 'x'.repeat(100_000) };
    expect((await api.post('/api/commands/hire', big).expect(413)).body.error.code).toBe('BODY_TOO_LARGE');
    expect((await api.post('/api/commands/fire-everyone', {}).expect(404)).body.error.code).toBe('NOT_FOUND');
  });

  it('a body nested deeper than MAX_BODY_DEPTH (32) is a 400 BODY_TOO_DEEP in both languages, before anything recursive — at 33 levels and at 5000, objects or arrays', async () => {
    // As text: JSON.stringify itself overflows the stack at a few thousand levels.
    const nest = (levels: number, leaf: string, array: boolean): string => (array ? '['.repeat(levels) + leaf + ']'.repeat(levels) : '{"a":'.repeat(levels) + leaf + '}'.repeat(levels));
    const on = { auxiliaryId: 'aux-1', assignmentId: 'b', reason: 'COMPLETED' };
    const body = (note: string) => `${JSON.stringify(on).slice(0, -1)},"note":${note}}`;
    for (const [depth, array] of [[5000, false], [5000, true], [33, false], [3000, true]] as const) {
      // The body itself is level 1: a field holding `depth - 1` more levels.
      const res = await api.post('/api/commands/end-duty', body(nest(depth - 1, '1', array)), undefined, { 'Content-Type': 'application/json' });
      expect({ depth, status: res.status, code: res.body.error?.code }).toEqual({ depth, status: 400, code: 'BODY_TOO_DEEP' });
      expect(res.body.error.message).toEqual({ zh: expect.stringContaining('32'), en: expect.stringContaining('32') });
      expect(res.body.error.details).toEqual({ maxDepth: 32 });
    }
    // 32 levels is within the limit: the body gets as far as validation (the unknown field).
    const within = await api.post('/api/commands/end-duty', body(nest(31, '1', false)), undefined, { 'Content-Type': 'application/json' }).expect(400);
    expect(within.body.error.code).toBe('VALIDATION_FAILED');
    // An inherited name deep down is still refused by name, without recursion.
    const named = await api.post('/api/commands/end-duty', body(nest(20, '{"constructor":1}', false)), undefined, { 'Content-Type': 'application/json' }).expect(400);
    expect(named.body.error.details.fields[0].field).toBe(`note${'.a'.repeat(20)}.constructor`);
    expect(await logLength()).toBe(0);
  });

  it('text the log cannot keep (a lone surrogate) is a 400, not a 500', async () => {
    const res = await api.post('/api/commands/discipline', {
      auxiliaryId: 'aux-1', disciplineId: 'd-1', misconduct: 'OTHER', description: 'bad \ud800 text', sanction: 'WARNING', decidingOrganId: 'xincheng',
    }).expect(400);
    expect(res.body.error.code).toBe('INVALID_JSON_VALUE');
    expect(await logLength()).toBe(0);
  });

  it('free text with a bidi override, a zero-width or a control character is refused (400 isPlainText, both languages), never normalised — nested fields too', async () => {
    const on = { auxiliaryId: 'aux-1', disciplineId: 'd-1', misconduct: 'OTHER', sanction: 'WARNING', decidingOrganId: 'xincheng' };
    const forbidden = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u0000', '\u0009', '\u000a', '\u000d', '\u001f', '\u007f', '\u0080', '\u009f'];
    for (const c of forbidden) {
      const res = await api.post('/api/commands/discipline', { ...on, description: `擅离${c}岗位` });
      const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect({ c: code, status: res.status, code: res.body.error?.code }).toEqual({ c: code, status: 400, code: 'VALIDATION_FAILED' });
      const [field] = res.body.error.details.fields;
      expect(field.field).toBe('description');
      expect(field.constraints).toEqual([{ rule: 'isPlainText', zh: expect.stringContaining(code), en: expect.stringContaining(code) }]);
    }
    // Nested free text (a plan's post conditions) is held to the same rule.
    const plan = { planId: 'plan-bidi', draftingOrganId: 'hohhot', title: '计划', openings: [], postConditions: [{ id: 'c-1', description: 'abc\u202edef' }], effectiveDate: '2024-09-10' };
    const nested = await api.post('/api/commands/draft-recruitment-plan', plan).expect(400);
    expect(nested.body.error.details.fields.map((f: { field: string }) => f.field)).toContain('postConditions.0.description');
    expect(await logLength()).toBe(0);
    // Plain text in any script passes validation (here: refused by the record — aux-1 was never hired —, not by the rule).
    const plain = await api.post('/api/commands/discipline', { ...on, description: '擅离岗位 — left the post; ئۇيغۇرچە; ᠮᠣᠩᠭᠣᠯ' });
    expect(plain.status).toBe(409);
  });

  it('health: liveness and readiness without a key; the OpenAPI document and UI', async () => {
    expect((await api.get('/health', null).expect(200)).body).toEqual({ status: 'ok' });
    expect((await api.get('/health/ready', null).expect(200)).body.info.eventStore.status).toBe('up');
    const doc = await api.get('/api/docs-json', null).expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/commands/hire', '/api/commands/assign-duty', '/api/keys', '/health/ready']));
    expect(doc.body.components.securitySchemes.bearer).toBeDefined();
    expect((await api.get('/api/docs', null).expect(200)).text).toContain('swagger');
  });

  it('readiness answers 503 NOT_READY when the store cannot be read', async () => {
    const other = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'ready.db') });
    try {
      await other.store.close();
      const res = await other.get('/health/ready', null).expect(503);
      expect(res.body.error.code).toBe('NOT_READY');
      expect(res.body.error.details.error.eventStore.status).toBe('down');
    } finally {
      await other.close();
    }
  });

  // Keys that a DTO knows, keys that tempt prototype pollution, and anything else.
  const fieldNames = fc.constantFrom(
    'auxiliaryId', 'applicationId', 'personKey', 'usingOrganId', 'category', 'level', 'pay', 'contract', 'commandId', 'effectiveDate',
    'assignmentId', 'dutyCodes', 'nationalBasis', 'leadingOfficerIds', 'alone', 'matterId', 'equipmentIssued', '__proto__', 'constructor', 'prototype',
  );
  const randomBody = fc.oneof(
    fc.jsonValue(),
    fc.dictionary(fc.oneof(fieldNames, fc.string()), fc.jsonValue()),
    fc.record({ contract: fc.dictionary(fc.string(), fc.jsonValue()), pay: fc.jsonValue(), auxiliaryId: fc.jsonValue(), dutyCodes: fc.array(fc.jsonValue()) }, { requiredKeys: [] }),
  );

  it.each(['hire', 'assign-duty'])('property: random JSON bodies on %s never give a 5xx and never write an event', async (command) => {
    await fc.assert(
      fc.asyncProperty(randomBody, async (body) => {
        const before = await logLength();
        const res = await api.post(`/api/commands/${command}`, JSON.stringify(body), undefined, { 'Content-Type': 'application/json' });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: { zh: expect.any(String), en: expect.any(String) } }));
        const written = (await logLength()) - before;
        // A body that happens to validate is judged and refused; the refusal is then its one record.
        expect(written).toBe([409, 422].includes(res.status) ? 1 : 0);
      }),
      { numRuns: 150 },
    );
  });
});
