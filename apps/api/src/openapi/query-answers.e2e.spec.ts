import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { SqliteEventStore } from '@auxledger/event-store';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { type Api, keyFor, startApi, tempDir } from '../testing/api-fixture';

type Schema = Record<string, unknown>;
type Operation = { tags?: string[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/**
 * Every GET of the OpenAPI document says what its 200 answers (issue 16), and
 * says it truly: on a small generated history (libs/history), one real answer
 * of each query, taken through the real HTTP API, validates against the
 * schema the document gives for it (ajv 8, OpenAPI 3.0's `nullable`, no
 * member the schema does not name). A viewer's counts-only answers too. The
 * schemas are strict enough to refuse a wrong answer: an unknown member, a
 * missing one, a wrong type.
 */
describe('the OpenAPI document’s 200 schemas against real answers', () => {
  const tmp = tempDir('auxledger-query-answers-');
  let api: Api;
  let doc: Doc;
  let viewer: string;
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('date-time', (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)));
  // Annotations of OpenAPI 3.0 beside JSON Schema's.
  for (const keyword of ['example', 'x-enum-descriptions']) ajv.addKeyword(keyword);

  const getOperations = () => Object.entries(doc.paths).flatMap(([path, item]) => (item['get'] ? [{ path, op: item['get'] }] : []));
  const schemaOf = (path: string): Schema | undefined => doc.paths[path]?.['get']?.responses['200']?.content?.['application/json']?.schema;
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (path: string): ValidateFunction => {
    let v = validators.get(path);
    if (!v) {
      const schema = schemaOf(path);
      if (!schema) throw new Error(`no 200 schema for GET ${path}`);
      // Component references (#/components/schemas/X) resolve to the document's components, each added once under its name.
      for (const [name, component] of Object.entries(doc.components.schemas)) if (!ajv.getSchema(name)) ajv.addSchema(withLocalRefs(component), name);
      v = ajv.compile(withLocalRefs(schema));
      validators.set(path, v);
    }
    return v;
  };

  // The sample of each query on this history: the document's path, then the request. Filled in beforeAll from real ids.
  const samples = new Map<string, string[]>();

  beforeAll(async () => {
    const path = join(tmp.dir, 'records.db');
    const store = new SqliteEventStore({ path });
    await generateHistory(store, { seed: 16, events: 1500, organs: loadRegionOrgans() });
    await store.close();
    api = await startApi({ kind: 'sqlite', path });
    const head = await api.logHead();
    for (let tries = 0; (await api.get(`/api/organs?minPosition=${head}`)).status !== 200; tries++) if (tries > 120) throw new Error('the projector did not catch up');
    doc = (await api.get('/api/docs-json', null).expect(200)).body as Doc;
    viewer = (await keyFor(api, 'viewer')).key;

    const organs = (await api.get('/api/organs').expect(200)).body.organs as Array<{ organ_id: string; depth: number }>;
    const region = organs.find((o) => o.depth === 0)?.organ_id as string;
    const asOf = '2025-06-30';
    const roster = (await api.get(`/api/roster?organ=${region}&subtree=true&asOf=${asOf}&limit=5`).expect(200)).body as { entries: Array<{ auxiliary_id: string }> };
    const auxiliary = roster.entries[0]?.auxiliary_id as string;
    const streams = (await api.get('/api/streams?prefix=auxiliary-&limit=1').expect(200)).body as { streams: Array<{ streamId: string }> };
    const scope = `organ=${region}&subtree=true&asOf=${asOf}`;
    const add = (docPath: string, ...urls: string[]) => samples.set(docPath, urls);
    add('/api/roster', `/api/roster?${scope}&limit=5`, `/api/roster?${scope}&knownAt=2025-07-01T00:00:00Z&limit=2`);
    add('/api/people/{auxiliaryId}', `/api/people/${auxiliary}?asOf=${asOf}`);
    add('/api/quota', `/api/quota?${scope}`);
    add('/api/audit', `/api/audit?organ=${region}&subtree=true&limit=20`, `/api/audit?outcome=REFUSED&limit=5`);
    add('/api/supervision', `/api/supervision?${scope}`);
    add('/api/organs', '/api/organs', `/api/organs?root=${region}`);
    add('/api/recruitment-plans', `/api/recruitment-plans?asOf=${asOf}`);
    add('/api/headcount-series', `/api/headcount-series?${scope}&months=6`);
    add('/api/compliance', `/api/compliance?${scope}`);
    add('/api/applications', `/api/applications?${scope}&limit=5`);
    add('/api/fines', `/api/fines?${scope}&limit=5`);
    add('/api/streams', '/api/streams?limit=5');
    add('/api/streams/{streamId}/events', `/api/streams/${streams.streams[0]?.streamId}/events?limit=5`);
    add('/api/catalog', `/api/catalog?asOf=${asOf}`);
    add('/api/catalog/commands', `/api/catalog/commands?asOf=${asOf}`);
    add('/api/catalog/commands/cited-text', '/api/catalog/commands/cited-text?citation=NMG-AUX@2024:23.1.2');
    // The other reads: the log's checkpoint, proof and verification (one signed and one run first), retention, keys, health.
    await api.post('/api/log/checkpoints', {}).expect(201);
    await api.post('/api/log/verify', {}).expect(201);
    add('/api/log/checkpoint', '/api/log/checkpoint');
    add('/api/log/proofs/inclusion', '/api/log/proofs/inclusion?event=1');
    add('/api/log/verification', '/api/log/verification');
    add('/api/retention/due', `/api/retention/due?on=${asOf}`);
    add('/api/keys', '/api/keys');
    add('/api/me', '/api/me');
    add('/health', '/health');
    add('/health/ready', '/health/ready');
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    tmp.remove();
  });

  it('every GET’s 200 has a schema in the document', () => {
    const without = getOperations().filter(({ path }) => schemaOf(path) === undefined).map(({ path }) => path);
    expect(without).toEqual([]);
  });

  it('every GET of the document has a sample here (a new one must be added), but an identity’s, which needs a registered person', () => {
    const gets = getOperations().map(({ path }) => path);
    expect(gets.filter((p) => !samples.has(p) && !p.startsWith('/api/identities/') && p !== '/metrics')).toEqual([]);
  });

  it('every query of the document has a sample here (a new query must be added)', () => {
    const queries = getOperations().filter(({ op }) => op.tags?.includes('queries')).map(({ path }) => path);
    expect(queries.filter((p) => !samples.has(p))).toEqual([]);
    expect(queries.length).toBeGreaterThanOrEqual(16);
  });

  it('one real answer of each GET validates against its 200 schema, with something in it', async () => {
    for (const [path, urls] of samples) {
      for (const url of urls) {
        const res = await api.get(url);
        expect([url, res.status]).toEqual([url, 200]);
        const validate = validatorOf(path);
        expect({ url, errors: validate(res.body) ? null : validate.errors }).toEqual({ url, errors: null });
      }
    }
    // The history gives the answers something to show: the schemas were tried on rows, not on empty lists.
    const roster = (await api.get(samples.get('/api/roster')?.[0] as string)).body;
    expect(roster.entries.length).toBeGreaterThan(0);
    expect((await api.get(samples.get('/api/audit')?.[0] as string)).body.entries.length).toBeGreaterThan(0);
    expect((await api.get(samples.get('/api/people/{auxiliaryId}')?.[0] as string)).body.timeline.length).toBeGreaterThan(0);
    expect((await api.get(samples.get('/api/supervision')?.[0] as string)).body.findings.length).toBeGreaterThan(0);
  });

  it('a viewer’s counts-only answers validate too', async () => {
    for (const path of ['/api/roster', '/api/supervision', '/api/applications', '/api/fines', '/api/headcount-series', '/api/compliance']) {
      const url = samples.get(path)?.[0] as string;
      const res = await api.get(url, viewer).expect(200);
      const validate = validatorOf(path);
      expect({ url, errors: validate(res.body) ? null : validate.errors }).toEqual({ url, errors: null });
    }
  });

  it('a wrong answer fails its schema: an unknown member, a missing one, a wrong type, a code not in the list', async () => {
    const body = (await api.get(samples.get('/api/roster')?.[0] as string).expect(200)).body;
    const validate = validatorOf('/api/roster');
    expect(validate(body)).toBe(true);
    const wrong = (change: (b: typeof body) => void) => {
      const copy = structuredClone(body);
      change(copy);
      return validate(copy);
    };
    expect(wrong((b) => (b.extra = 1))).toBe(false);
    expect(wrong((b) => delete b.entries[0].status)).toBe(false);
    expect(wrong((b) => (b.entries[0].secret_id_number = '15010220000517231X'))).toBe(false);
    expect(wrong((b) => (b.counts.total = '3'))).toBe(false);
    expect(wrong((b) => (b.entries[0].status = 'ON_LEAVE'))).toBe(false);
    expect(wrong((b) => (b.asOf = 'yesterday'))).toBe(false);
    const file = (await api.get(samples.get('/api/people/{auxiliaryId}')?.[0] as string).expect(200)).body;
    expect(validatorOf('/api/people/{auxiliaryId}')({ ...file, person: { status: 'READABLE', name: '王晓明' } })).toBe(false);
  });

  it('the answers whose schemas come from DTO classes refuse an unknown member too (keys, me, readiness)', async () => {
    const keys = (await api.get('/api/keys').expect(200)).body as Array<Record<string, unknown>>;
    expect(validatorOf('/api/keys')(keys)).toBe(true);
    expect(validatorOf('/api/keys')([{ ...keys[0], keyHash: 'x' }])).toBe(false);
    const me = (await api.get('/api/me').expect(200)).body as Record<string, unknown>;
    expect(validatorOf('/api/me')(me)).toBe(true);
    expect(validatorOf('/api/me')({ ...me, secret: 'x' })).toBe(false);
    const ready = (await api.get('/health/ready').expect(200)).body as Record<string, unknown>;
    expect(validatorOf('/health/ready')(ready)).toBe(true);
    expect(validatorOf('/health/ready')({ ...ready, extra: 1 })).toBe(false);
  });
});

/** The schema with each `#/components/schemas/X` reference made `X`, the id its component is added under. */
function withLocalRefs(schema: unknown): Schema {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) => (key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', '') : value)) as Schema;
}
