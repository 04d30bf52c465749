import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { servedRoutes } from './http-server';
import { IdentityService } from './identity/identity.service';
import { type Api, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from './testing/api-fixture';

/**
 * Who may do what: every route the running application serves × every kind
 * of caller, against an explicit table. The routes come from Fastify as
 * they are added, so a route added anywhere (a new command endpoint) is checked too —
 * and the test fails for a route the table does not classify.
 */

type Caller = 'admin' | 'operator' | 'otherOperator' | 'auditor' | 'viewer' | 'anonymous';
const CALLERS: readonly Caller[] = ['admin', 'operator', 'otherOperator', 'auditor', 'viewer', 'anonymous'];

/**
 * An expected answer: an exact status, or `PASSES` — the caller got through
 * authentication and authorization: whatever the record then answers
 * (201, or 409/422 from the domain), it is not 401/403 and not a 5xx.
 */
const PASSES = 'passes';
/**
 * `OUT_OF_SCOPE` — a command of an operator outside the organ's subtree: 403
 * when the body names an organ out of scope; 404 RECORD_NOT_FOUND, word for
 * word the answer for an unknown record, when it names another organ's record
 * (no answer may tell that the record exists). Either way nothing is written.
 */
const OUT_OF_SCOPE = 'out of scope';
type Expected = number | typeof PASSES | typeof OUT_OF_SCOPE;
type Row = Record<Caller, Expected>;

const everyone = (status: number): Row => ({ admin: status, operator: status, otherOperator: status, auditor: status, viewer: status, anonymous: status });
const signedIn = (status: number): Row => ({ ...everyone(status), anonymous: 401 });
/** Personnel data: operators in their subtrees, auditors and admins everywhere, viewers never. */
const personnel: Row = { admin: 200, operator: 200, otherOperator: 403, auditor: 200, viewer: 403, anonymous: 401 };
/** Personnel a viewer sees as counts only. */
const personnelOrCounts: Row = { ...personnel, viewer: 200 };
/** Commands: admins, and operators for organs in their subtrees. */
const command: Row = { admin: PASSES, operator: PASSES, otherOperator: OUT_OF_SCOPE, auditor: 403, viewer: 403, anonymous: 401 };
const adminOnly = (status: number): Row => ({ admin: status, operator: 403, otherOperator: 403, auditor: 403, viewer: 403, anonymous: 401 });

/** The fixture: hohhot's operator holds xincheng (where aux-1 serves); baotou's does not. */
interface Rule {
  route: RegExp;
  expect: Row;
  /** The path to request (query string included), for routes with parameters or required filters. */
  path?: (route: string) => string;
}

const ACCESS: readonly Rule[] = [
  { route: /^GET \/health$/, expect: everyone(200) },
  { route: /^GET \/health\/ready$/, expect: everyone(200) },
  // Prometheus scrapes without a key, as the health checks (no label names a person or an organ).
  { route: /^GET \/metrics$/, expect: everyone(200) },
  { route: /^GET \/api\/docs(-json|-yaml|\/|\/index\.html|\/swagger-ui-init\.js|\/docs\/swagger-ui-init\.js)?$/, expect: everyone(200) },
  // swagger-ui's route for a file it does not ship.
  { route: /^GET \/api\/docs\/LICENSE$/, expect: everyone(404) },
  { route: /^POST \/api\/keys$/, expect: adminOnly(201) },
  // The first start's dry run (a one-organ file): nothing recorded.
  { route: /^POST \/api\/admin\/init$/, expect: adminOnly(200), path: (r) => `${r}?dryRun=true` },
  { route: /^GET \/api\/keys$/, expect: adminOnly(200) },
  { route: /^DELETE \/api\/keys\/:id$/, expect: adminOnly(200) },
  // Retention (ADR 0006): a region-wide act, admins only (the example's person is not due: refused, not forbidden).
  { route: /^POST \/api\/commands\/shred-personal-data$/, expect: { admin: PASSES, operator: 403, otherOperator: 403, auditor: 403, viewer: 403, anonymous: 401 } },
  { route: /^POST \/api\/commands\/[a-z-]+$/, expect: command },
  { route: /^GET \/api\/roster$/, expect: personnelOrCounts, path: () => '/api/roster?organ=xincheng' },
  { route: /^GET \/api\/people\/:auxiliaryId$/, expect: personnel, path: () => '/api/people/aux-1' },
  { route: /^GET \/api\/audit$/, expect: personnel, path: () => '/api/audit?organ=xincheng' },
  { route: /^GET \/api\/supervision$/, expect: personnelOrCounts, path: () => '/api/supervision?organ=xincheng' },
  { route: /^GET \/api\/quota$/, expect: signedIn(200), path: () => '/api/quota?organ=xincheng' },
  { route: /^GET \/api\/organs$/, expect: signedIn(200) },
  { route: /^GET \/api\/recruitment-plans$/, expect: signedIn(200) },
  { route: /^GET \/api\/headcount-series$/, expect: personnelOrCounts, path: () => '/api/headcount-series?organ=xincheng' },
  { route: /^GET \/api\/catalog$/, expect: signedIn(200) },
  { route: /^GET \/api\/catalog\/commands$/, expect: signedIn(200) },
  { route: /^GET \/api\/catalog\/commands\/cited-text$/, expect: signedIn(200), path: () => '/api/catalog/commands/cited-text?citation=NMG-AUX@2024:15' },
  { route: /^GET \/api\/me$/, expect: signedIn(200) },
  { route: /^GET \/api\/compliance$/, expect: personnelOrCounts, path: () => '/api/compliance?organ=xincheng' },
  // The verifiable log (ADR 0005): the checkpoint is for everyone signed in; proofs for auditors and admins; signing on demand for admins.
  // Identities (ADR 0006), of the person the register-applicant example registers in hohhot: masked reads for operators in scope and auditors
  // (another organ's operator: the answer for an unknown person), clear reads for operators and admins, who-read-it for auditors, shredding for admins.
  { route: /^GET \/api\/identities\/:personKey$/, expect: { ...personnel, otherOperator: 404 }, path: () => `/api/identities/${identityKey}` },
  { route: /^POST \/api\/identities\/:personKey\/disclosures$/, expect: { ...personnel, otherOperator: 404, auditor: 403 }, path: () => `/api/identities/${identityKey}/disclosures` },
  { route: /^GET \/api\/identities\/:personKey\/access-records$/, expect: { ...adminOnly(200), auditor: 200 }, path: () => `/api/identities/${identityKey}/access-records` },
  // Gone (ADR 0006): erases nothing, points admins to POST /api/commands/shred-personal-data.
  { route: /^POST \/api\/identities\/:personKey\/shred$/, expect: adminOnly(410), path: () => `/api/identities/${identityKey}/shred` },
  // Retention (ADR 0006): who is due and who is held — person keys and auxiliary ids, no personal data — for admins and auditors.
  { route: /^GET \/api\/retention\/due$/, expect: { ...adminOnly(200), auditor: 200 } },
  { route: /^GET \/api\/log\/checkpoint$/, expect: signedIn(200) },
  { route: /^POST \/api\/log\/checkpoints$/, expect: adminOnly(201) },
  { route: /^GET \/api\/log\/proofs\/inclusion$/, expect: { admin: 200, operator: 403, otherOperator: 403, auditor: 200, viewer: 403, anonymous: 401 }, path: () => '/api/log/proofs/inclusion?event=1' },
  // The workbench's lists: applications and fines as personnel (viewers: counts); the stream browser and verification for auditors and admins.
  { route: /^GET \/api\/applications$/, expect: personnelOrCounts, path: () => '/api/applications?organ=xincheng' },
  { route: /^GET \/api\/fines$/, expect: personnelOrCounts, path: () => '/api/fines?organ=xincheng' },
  { route: /^GET \/api\/streams$/, expect: { ...adminOnly(200), auditor: 200 } },
  { route: /^GET \/api\/streams\/:streamId\/events$/, expect: { ...adminOnly(200), auditor: 200 }, path: () => '/api/streams/organ-xincheng/events' },
  { route: /^GET \/api\/log\/verification$/, expect: { ...adminOnly(200), auditor: 200 } },
  { route: /^POST \/api\/log\/verify$/, expect: { ...adminOnly(201), auditor: 201 } },
];

/**
 * Bodies for commands whose OpenAPI examples do not make a valid command
 * about aux-1 or an organ under hohhot. Every other command's body is built
 * from its request schema's examples, with `auxiliaryId` set to aux-1.
 */
const COMMAND_SAMPLES: Record<string, object> = {
  hire: hireBody('aux-2', 'app-2', 'pk-2', 'xincheng'),
  // Set by an organ the operator holds: every organ a command acts for is checked, the setting authority too.
  'set-quota': { organId: 'xincheng', category: null, headcount: 5, documentRef: '呼公发〔2024〕3号', setByOrganId: 'hohhot' },
  'register-application': {
    applicationId: 'app-0001', planId: 'plan-2024-hohhot', personKey: 'pk-3f9a0c', targetedOpeningId: null,
    applicant: { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE' },
  },
  // Its own application (register-application's takes app-0001); the identity read by the identity routes below.
  'register-applicant': {
    applicationId: 'app-0002', planId: 'plan-2024-hohhot', targetedOpeningId: null,
    applicant: { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE' },
    identity: { name: '王晓明', gender: 'MALE', idNumber: '15010220000517231X', contact: { phone: '13800000000', address: null } },
  },
};

/** The person key of the register-applicant example's applicant, made by the API under test. */
let identityKey = '';

/** Commands that end a record (a plan closed, a contract ended): not sent while the fixture is being built. */
const ENDS_A_RECORD = /\/(close-[a-z-]+|terminate)$/;

/** Every route the application serves, as `METHOD /path` with `:param` names. */
function servedRoutesOf(app: NestFastifyApplication): string[] {
  return servedRoutes(app.getHttpAdapter().getInstance());
}

type Schema = { $ref?: string; type?: string; example?: unknown; enum?: unknown[]; nullable?: boolean; format?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; allOf?: Schema[]; oneOf?: Schema[] };
type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

/** A value built from a schema's examples (required properties, and optional ones that carry an example). */
function exampleOf(schema: Schema, doc: OpenApi, depth = 0): unknown {
  if (depth > 8) return undefined;
  if (schema.$ref) return exampleOf(doc.components.schemas[schema.$ref.split('/').pop() as string] as Schema, doc, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, doc, depth + 1)));
  if (schema.oneOf?.[0]) return exampleOf(schema.oneOf[0], doc, depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      const value = exampleOf(property, doc, depth + 1);
      if (value !== undefined && (schema.required?.includes(name) || property.example !== undefined || property.$ref)) out[name] = value;
    }
    return out;
  }
  if (schema.type === 'array' && schema.items) return [exampleOf(schema.items, doc, depth + 1)];
  if (schema.nullable) return null;
  return undefined;
}

function commandBody(route: string, doc: OpenApi): object {
  const name = route.split('/').pop() as string;
  if (COMMAND_SAMPLES[name]) return COMMAND_SAMPLES[name];
  const path = route.split(' ')[1] as string;
  const schema = doc.paths[path]?.['post']?.requestBody?.content['application/json']?.schema;
  const body = (schema ? exampleOf(schema, doc) : {}) as Record<string, unknown>;
  delete body['commandId'];
  if ('auxiliaryId' in body) body['auxiliaryId'] = 'aux-1';
  return body;
}

describe('the access matrix: every route × admin, operator, operator of another organ, auditor, viewer, anonymous', () => {
  const tmp = tempDir('auxledger-matrix-');
  let api: Api;
  let routes: string[];
  let doc: OpenApi;
  const keys = {} as Record<Exclude<Caller, 'anonymous'>, string | undefined>;
  const keyOf = (caller: Caller): string | null => (caller === 'anonymous' ? null : (keys[caller] as string));

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(api);
    await api.post('/api/commands/register-organ', { organId: 'baotou', name: '包头市公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', effectiveDate: '2024-09-01' }).expect(201);
    await passedApplication(api.store, 'app-1', 'pk-1');
    await passedApplication(api.store, 'app-2', 'pk-2');
    await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng')).expect(201);
    keys.admin = (await keyFor(api, 'admin')).key;
    keys.operator = (await keyFor(api, 'operator', ['hohhot'])).key;
    keys.otherOperator = (await keyFor(api, 'operator', ['baotou'])).key;
    keys.auditor = (await keyFor(api, 'auditor')).key;
    keys.viewer = (await keyFor(api, 'viewer')).key;
    await api.get(`/api/organs?minPosition=${await api.logHead()}`).expect(200);
    routes = servedRoutesOf(api.app);
    doc = (await api.get('/api/docs-json', null).expect(200)).body as OpenApi;
    // The records the commands' examples name (a plan, an application …): every command as admin, again
    // and again until nothing more is written, so that each command below concerns a record that exists.
    const commands = routes.filter((r) => r.startsWith('POST /api/commands/'));
    for (let pass = 0, before = -1; pass < 12 && before !== (await api.logHead()); pass += 1) {
      before = await api.logHead();
      for (const route of commands.filter((r) => !ENDS_A_RECORD.test(r))) await api.post(route.split(' ')[1] as string, commandBody(route, doc));
    }
    await api.get(`/api/organs?minPosition=${await api.logHead()}`).expect(200);
    identityKey = api.app.get(IdentityService).vault.personKeyFor({ idNumber: '15010220000517231X', birthDate: '2000-05-17', gender: 'MALE' }, '2025-01-02').personKey;
    await api.get(`/api/identities/${identityKey}`).expect(200);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('every served route is classified by the table (add a row for a new route)', () => {
    expect(routes.length).toBeGreaterThan(20);
    const unclassified = routes.filter((r) => !ACCESS.some((rule) => rule.route.test(r)));
    expect(unclassified).toEqual([]);
    // And every row of the table still names a route.
    expect(ACCESS.filter((rule) => !routes.some((r) => rule.route.test(r))).map((rule) => String(rule.route))).toEqual([]);
  });

  it('an unknown route answers 404 for everyone, key or not, in the one error shape', async () => {
    for (const caller of CALLERS) {
      for (const res of [await api.get('/api/no-such-route', keyOf(caller)), await api.post('/api/commands/no-such-command', {}, keyOf(caller))]) {
        expect({ caller, status: res.status }).toEqual({ caller, status: 404 });
        expect(res.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
      }
    }
  });

  it('each cell answers as the table says; a refused command (401/403) writes nothing', async () => {
    const answers: string[] = [];
    const wrong: string[] = [];
    for (const route of routes) {
      const rule = ACCESS.find((r) => r.route.test(route));
      if (!rule) continue;
      const [method, template] = route.split(' ') as [string, string];
      for (const caller of CALLERS) {
        const expected = rule.expect[caller];
        const headBefore = await api.logHead();
        let res;
        if (method === 'POST' && template.startsWith('/api/commands/')) {
          res = await api.post(template, commandBody(route, doc), keyOf(caller));
        } else if (method === 'POST' && template === '/api/keys') {
          res = await api.post(template, { name: `matrix ${caller}`, role: 'viewer' }, keyOf(caller));
        } else if (method === 'POST' && template.startsWith('/api/identities/')) {
          res = await api.post((rule.path as (r: string) => string)(template), template.endsWith('/disclosures') ? { fields: ['name'], reason: 'matrix' } : { reason: 'matrix' }, keyOf(caller));
        } else if (method === 'POST' && template === '/api/admin/init') {
          res = await api.post((rule.path as (r: string) => string)(template), { region: { division: '内蒙古自治区', organ: '内蒙古自治区公安厅', level: 'REGION', children: [] } }, keyOf(caller));
        } else if (method === 'POST' && (template === '/api/log/checkpoints' || template === '/api/log/verify')) {
          res = await api.post(template, {}, keyOf(caller));
        } else if (method === 'DELETE' && template === '/api/keys/:id') {
          const victim = await keyFor(api, 'viewer');
          res = await api.del(`/api/keys/${victim.id}`, keyOf(caller));
          if (expected !== 200) await api.get('/api/organs', victim.key).expect(200); // still valid
        } else if (method === 'GET') {
          res = await api.get(rule.path ? rule.path(template) : template, keyOf(caller));
        } else {
          throw new Error(`no request for ${route}: add it to the matrix`);
        }
        const notFound = res.status === 404 && res.body?.error?.code === 'RECORD_NOT_FOUND';
        const ok =
          expected === PASSES ? ![401, 403].includes(res.status) && res.status < 500
          : expected === OUT_OF_SCOPE ? res.status === 403 || notFound
          : res.status === expected;
        answers.push(`${route} ${caller} ${res.status}`);
        if (!ok) wrong.push(`${route} as ${caller}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body?.error ?? '').slice(0, 300)}`);
        if (notFound && (await api.logHead()) !== headBefore) wrong.push(`${route} as ${caller}: 404 but the log grew`);
        if (res.status === 401 || res.status === 403) {
          if ((await api.logHead()) !== headBefore) wrong.push(`${route} as ${caller}: ${res.status} but the log grew`);
          if (caller === 'anonymous') expect(res.body.error.code).toBe('UNAUTHENTICATED');
          else expect(['ROLE_NOT_ALLOWED', 'ORGAN_OUT_OF_SCOPE']).toContain(res.body.error.code);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(answers.length).toBe(routes.length * CALLERS.length);
    console.log(`access matrix: ${routes.length} routes × ${CALLERS.length} callers = ${answers.length} cells (replays of other organs' command ids: commands/replays.e2e.spec.ts)`);
  });

  it('viewers get counts, never a person: the roster and supervision without entries or findings', async () => {
    const roster = await api.get('/api/roster?organ=xincheng', keys.viewer).expect(200);
    expect(roster.body).not.toHaveProperty('entries');
    expect(roster.body.counts.total).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(roster.body)).not.toMatch(/aux-\d|pk-\d/);
    const supervision = await api.get('/api/supervision?organ=xincheng', keys.viewer).expect(200);
    expect(supervision.body).not.toHaveProperty('findings');
    expect(supervision.body.counts.total).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(supervision.body)).not.toMatch(/aux-\d|pk-\d/);
  });

  it('operators read inside their subtrees only: the county below, not the region above or another city; audit needs their organ', async () => {
    await api.get('/api/roster?organ=hohhot&subtree=true', keys.operator).expect(200);
    expect((await api.get('/api/roster?organ=nmg&subtree=true', keys.operator).expect(403)).body.error.code).toBe('ORGAN_OUT_OF_SCOPE');
    await api.get('/api/roster?organ=unknown-organ', keys.operator).expect(403);
    await api.get('/api/roster?organ=baotou', keys.otherOperator).expect(200);
    expect((await api.get('/api/audit', keys.operator).expect(400)).body.error.code).toBe('ORGAN_REQUIRED');
    await api.get('/api/audit', keys.auditor).expect(200);
  });
});
