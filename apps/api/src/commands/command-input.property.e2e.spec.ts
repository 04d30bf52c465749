import { join } from 'node:path';
import fc from 'fast-check';
import { isIsoDate } from '@auxledger/statute';
import { type Api, startApi, tempDir } from '../testing/api-fixture';
import { COMMAND_ENDPOINTS } from '.';

/** A property or a body as the OpenAPI document describes it. */
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
}
type Body = Record<string, unknown>;

/**
 * Malformed bodies on every command endpoint, generated from what the OpenAPI
 * document says each one takes: its documented example (which must itself pass
 * validation) broken in one way that no valid body has — a field missing, a
 * field unknown, a value of the wrong type, a string beyond every limit, a
 * date that is not one, junk inside a nested object, or no object at all. The
 * answer is always a 4xx in the one error shape with a message in both
 * languages, never a 5xx, and the log does not move.
 */
describe('malformed bodies on every command endpoint', () => {
  const tmp = tempDir('auxledger-input-');
  let api: Api;
  let schemas: Record<string, Schema>;
  let paths: Record<string, { post: { operationId: string; summary: string; description: string; parameters: { name: string; in: string; required: boolean }[]; requestBody: { content: { 'application/json': { schema: Schema } } } } }>;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') });
    const doc = (await api.get('/api/docs-json', null).expect(200)).body;
    schemas = doc.components.schemas;
    paths = doc.paths;
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  const bodySchemaOf = (path: string) => paths[`/api/commands/${path}`]!.post.requestBody.content['application/json'].schema;
  const refOf = (s: Schema) => s.$ref ?? s.allOf?.[0]?.$ref;
  const resolve = (s: Schema): Schema => {
    const ref = refOf(s);
    return ref ? schemas[ref.slice('#/components/schemas/'.length)]! : s;
  };
  const isObject = (s: Schema) => refOf(s) !== undefined;
  const isObjectList = (s: Schema) => s.type === 'array' && s.items !== undefined && isObject(s.items);

  /** The documented example: every property's example, nested objects built the same way. The command id is left out: one id would tie every example together. */
  function exampleOf(s: Schema): unknown {
    if (isObject(s)) return Object.fromEntries(Object.entries(resolve(s).properties ?? {}).filter(([k]) => k !== 'commandId').map(([k, p]) => [k, exampleOf(p)]));
    if (isObjectList(s)) return [exampleOf(s.items!)];
    return s.example;
  }

  const post = (path: string, body: unknown) => api.post(`/api/commands/${path}`, JSON.stringify(body), undefined, { 'Content-Type': 'application/json' });

  async function logHead(): Promise<number> {
    let head = 0;
    for (;;) {
      const batch = await api.store.readAll({ after: head, maxCount: 1000 });
      const last = batch[batch.length - 1];
      if (!last) return head;
      head = last.globalPosition;
    }
  }

  it.each(COMMAND_ENDPOINTS.map((e) => [e.path]))('the documented example of %s passes validation (the base every malformed body breaks)', async (path) => {
    const res = await post(path, exampleOf(bodySchemaOf(path)));
    expect(res.body.error?.details?.fields).toBeUndefined();
    expect([201, 409, 422]).toContain(res.status);
  });

  it('OpenAPI: every command endpoint has its own operation id, a summary in Chinese and English, the articles it applies, and an optional Idempotency-Key', () => {
    const ids = COMMAND_ENDPOINTS.map((e) => paths[`/api/commands/${e.path}`]?.post.operationId);
    expect(ids).toEqual(COMMAND_ENDPOINTS.map((e) => e.operationId));
    for (const e of COMMAND_ENDPOINTS) {
      const op = paths[`/api/commands/${e.path}`]!.post;
      expect(op.summary).toMatch(/^[\u4e00-\u9fff、，]+ [A-Z][a-z]/);
      expect(op.description).toMatch(/Arts?\. \d+/);
      expect(op.parameters.filter((p) => p.in === 'header')).toEqual([expect.objectContaining({ name: 'idempotency-key', required: false })]);
    }
  });

  // ── What a malformed body is made of ─────────────────────────────────────

  const junk = fc.jsonValue({ maxDepth: 4 });
  const aString = fc.string({ maxLength: 12 });
  const aNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const anArray = fc.array(junk, { maxLength: 3 });
  const anObject = fc.dictionary(aString, junk, { maxKeys: 3 });
  /** Never null (a nullable field takes it), never the type the schema asks for. */
  function wrongTypeFor(s: Schema): fc.Arbitrary<unknown> {
    if (isObject(s)) return fc.oneof(aString, aNumber, fc.boolean(), anArray);
    switch (s.type) {
      case 'string': return fc.oneof(aNumber, fc.boolean(), anArray, anObject);
      case 'number':
      case 'integer': return fc.oneof(aString, fc.boolean(), anArray, anObject);
      case 'boolean': return fc.oneof(aString, aNumber, anArray, anObject);
      case 'array': return fc.oneof(aString, aNumber, fc.boolean(), anObject);
      default: throw new Error(`no wrong value for a property of type ${String(s.type)}`);
    }
  }
  /** Longer than any text field allows (2000) — past the body limit (64 kB) too, some of them. */
  const hugeString = fc.integer({ min: 2001, max: 70_000 }).chain((n) => fc.constantFrom('x', '名', '0').map((c) => c.repeat(n)));
  const badDate = fc.oneof(
    fc.constantFrom('2025-02-29', '2024-02-30', '2025-13-01', '2025-00-10', '2025-1-1', '20250101', '2025-01-01T00:00:00Z', '01/02/2025', '', ' 2025-01-01'),
    aString.filter((s) => !isIsoDate(s)),
  );
  const unknownKey = (known: Schema) =>
    fc.oneof(fc.constantFrom('toString', 'hasOwnProperty', '__proto__', 'prototype', 'constructor', 'actor', 'metadata', 'type', 'organId'), fc.string({ minLength: 1, maxLength: 12 }))
      .filter((k) => !Object.hasOwn(resolve(known).properties ?? {}, k));

  interface Malformed {
    body: unknown;
    /** The body as text, when it cannot be built as a value (JSON.stringify would overflow the stack). */
    raw?: string;
    /** The code the answer must have, when only one fits. */
    code?: string;
    /** The field a VALIDATION_FAILED answer must name; null when the body as a whole is wrong. */
    field: string | null;
  }

  function malformedBodies(schema: Schema): fc.Arbitrary<Malformed> {
    const example = exampleOf(schema) as Body;
    const properties = Object.entries(resolve(schema).properties ?? {});
    const required = resolve(schema).required ?? [];
    const withField = (field: string, value: unknown): Malformed => ({ body: { ...example, [field]: value }, field });
    const pick = (names: string[]) => fc.constantFrom(...names);
    const named = (test: (s: Schema) => boolean) => properties.filter(([, s]) => test(s)).map(([k]) => k);

    const kinds: fc.Arbitrary<Malformed>[] = [
      fc.oneof(anArray, aString, aNumber, fc.boolean(), fc.constant(null)).map((body) => ({ body, field: null })),
      fc.tuple(unknownKey(schema), junk).map(([k, v]) => withField(k, v)),
      pick(properties.map(([k]) => k)).chain((k) => wrongTypeFor(Object.fromEntries(properties)[k]!).map((v) => withField(k, v))),
      pick(named((s) => s.type === 'string')).chain((k) => hugeString.map((v) => withField(k, v))),
      pick(named((s) => s.format === 'date')).chain((k) => badDate.map((v) => withField(k, v))),
    ];
    // Nesting beyond MAX_BODY_DEPTH (32) in any field, up to 6000 levels (within the 64 kB limit): refused as a whole (BODY_TOO_DEEP), never a stack overflow.
    kinds.push(
      // As text: JSON.stringify itself overflows the stack at a few thousand levels.
      fc.tuple(pick(properties.map(([k]) => k)), fc.integer({ min: 32, max: 6000 }), fc.boolean()).map(([k, levels, array]) => {
        const value = array ? `${'['.repeat(levels)}"deep"${']'.repeat(levels)}` : `${'{"a":'.repeat(levels)}"deep"${'}'.repeat(levels)}`;
        const rest = JSON.stringify(Object.fromEntries(Object.entries(example).filter(([f]) => f !== k)));
        return { body: null, raw: `${rest.slice(0, -1)}${rest === '{}' ? '' : ','}${JSON.stringify(k)}:${value}}`, field: null, code: 'BODY_TOO_DEEP' };
      }),
    );
    // Free text (a string that is not an id, a date or an enum) with a bidi override, a zero-width or a control character: refused, not normalised.
    const texts = named((s) => s.type === 'string' && s.pattern === undefined && s.format === undefined && s.enum === undefined);
    if (texts.length) {
      const forbidden = fc.constantFrom('\u202e', '\u202a', '\u2066', '\u2069', '\u200b', '\u200d', '\u2060', '\ufeff', '\u0000', '\u0007', '\n', '\t', '\u007f', '\u0085', '\u009f');
      kinds.push(fc.tuple(pick(texts), forbidden, fc.string({ maxLength: 5 })).map(([k, c, rest]) => withField(k, `合同${c}${rest}`)).map((m) => ({ ...m, code: 'VALIDATION_FAILED' })));
    }
    if (required.length) kinds.push(pick(required).map((k) => ({ body: Object.fromEntries(Object.entries(example).filter(([f]) => f !== k)), field: k })));
    const nested = named(isObject);
    if (nested.length) {
      kinds.push(pick(nested).chain((k) => {
        const s = Object.fromEntries(properties)[k]!;
        return fc.tuple(unknownKey(s), junk).map(([extra, v]) => withField(k, { ...(exampleOf(s) as Body), [extra]: v }));
      }));
    }
    const lists = named(isObjectList);
    if (lists.length) {
      kinds.push(pick(lists).chain((k) => {
        const items = Object.fromEntries(properties)[k]!.items!;
        return fc.oneof(
          fc.tuple(unknownKey(items), junk).map(([extra, v]) => withField(k, [exampleOf(items), { ...(exampleOf(items) as Body), [extra]: v }])),
          fc.oneof(aString, aNumber, fc.boolean(), anArray).map((v) => withField(k, [exampleOf(items), v])),
        );
      }));
    }
    return fc.oneof(...kinds);
  }

  it.each(COMMAND_ENDPOINTS.map((e) => [e.path]))('property: malformed bodies on %s answer 4xx in the error shape, both languages, and write nothing', async (path) => {
    await fc.assert(
      fc.asyncProperty(malformedBodies(bodySchemaOf(path)), async ({ body, raw, field, code }) => {
        const head = await logHead();
        const res = raw === undefined ? await post(path, body) : await api.post(`/api/commands/${path}`, raw, undefined, { 'Content-Type': 'application/json' });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const { error } = res.body;
        expect(error).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[A-Z_]+$/), message: { zh: expect.any(String), en: expect.any(String) } }));
        expect(error.message.zh.trim() && error.message.en.trim()).toBeTruthy();
        if (code !== undefined) expect(error.code).toBe(code);
        if (error.code === 'VALIDATION_FAILED' && field !== null) {
          const named = error.details.fields.map((f: { field: string }) => f.field);
          expect(named.some((f: string) => f === field || f.startsWith(`${field}.`))).toBe(true);
        }
        expect(await api.store.readAll({ after: head, maxCount: 1 })).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
