import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CommandCatalog, bodyOf, codeLabelsOf, endpointOf, fieldKind, inWords, problemOf, unrenderable } from './catalog';

/**
 * Every endpoint that changes the record has a form in the workbench, or a reason here why an operator never sends it
 * by hand: the forms are generated from the command catalog, so the real API (apps/api/src/main.ts on an empty SQLite
 * file) is asked for its OpenAPI document and its catalog, and the test fails when a mutating endpoint is in neither
 * the catalog nor the list below, or when the catalog uses a field the form renderer cannot show.
 */
const NOT_A_COMMAND_FORM: Readonly<Record<string, string>> = {
  'POST /api/keys': 'API keys: created on the administration pages (workbench/admin), not a lifecycle command',
  'DELETE /api/keys/{id}': 'API keys: revoked on the administration pages (workbench/admin), not a lifecycle command',
  'POST /api/admin/init': 'the first start of an empty deployment: the administration pages (workbench/admin) and `auxledger init`',
  'POST /api/log/checkpoints': 'a signed checkpoint of the log: operations (schedule or CLI), never an operator’s act',
  'POST /api/log/verify': 'verifying the hash chain: the auditor pages (workbench/audit) and operations',
  'POST /api/identities/{personKey}/disclosures': 'disclosing a person’s identity: recorded reads by role on a person’s file, not a lifecycle command',
  'POST /api/identities/{personKey}/shred': 'gone (410): it erased a key without recording it; shredding is the ShredPersonalData command (`auxledger retention`, POST /api/commands/shred-personal-data)',
};

const ROOT = resolve(__dirname, '..', '..', '..', '..', '..');
const ADMIN = 'command-forms-spec-admin-key-0123456789';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

describe('every command endpoint has a form (or a reason why not), and the forms can render every field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-forms-'));
  let api: ChildProcess | undefined;
  let base = '';
  let doc: { paths: Record<string, Record<string, unknown>> };
  let catalog: CommandCatalog;
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUXLEDGER_'))),
        PORT: String(port),
        AUXLEDGER_HOST: '127.0.0.1',
        AUXLEDGER_DB: join(dir, 'records.db'),
        AUXLEDGER_ADMIN_KEY: ADMIN,
        AUXLEDGER_LOG_LEVEL: 'warn',
      },
    });
    let output = '';
    api.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    api.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const started = Date.now();
    while (!output.includes('AuxLedger API listening')) {
      if (api.exitCode !== null || Date.now() - started > 90_000) throw new Error(`the API did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    doc = await get('/api/docs-json');
    catalog = await get('/api/catalog/commands');
  }, 120_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api?.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('each endpoint that changes the record is a catalog command (so it has a generated form) or has a documented reason', () => {
    const mutating = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(mutating.length).toBeGreaterThan(40);
    const formed = new Set(catalog.commands.map((c) => `${c.method} ${c.path}`));
    const neither = mutating.filter((e) => !formed.has(e) && NOT_A_COMMAND_FORM[e] === undefined);
    expect(neither).toEqual([]);
    // No reason kept for an endpoint that is gone or that now has a form.
    expect(Object.keys(NOT_A_COMMAND_FORM).filter((e) => !mutating.includes(e) || formed.has(e))).toEqual([]);
    for (const reason of Object.values(NOT_A_COMMAND_FORM)) expect(reason.length).toBeGreaterThan(20);
  });

  it('the form renderer has an input for every field of every command (nested objects and lists included)', () => {
    const missing = catalog.commands.flatMap((c) => unrenderable(c).map((f) => `${c.commandType}.${f}`));
    expect(missing).toEqual([]);
    // And each command is in a group an operator finds it under, with a zh/en title, and may be sent by someone.
    const groups = new Set(catalog.groups.map((g) => g.id));
    for (const c of catalog.commands) {
      expect({ command: endpointOf(c), grouped: groups.has(String(c.group)), titled: /\p{Script=Han}/u.test(c.title.zh) && c.title.en.length > 0, sentBy: c.roles.length > 0 }).toEqual({
        command: endpointOf(c),
        grouped: true,
        titled: true,
        sentBy: true,
      });
    }
  });

  it('a field kind the renderer does not know is caught (the check above can fail)', () => {
    expect(unrenderable({ fields: [{ name: 'photo', type: 'binary', required: true }] })).toEqual(['photo: binary']);
    expect(unrenderable({ fields: [{ name: 'pay', type: 'object', required: true, fields: [{ name: 'x', type: 'array', required: true, items: { type: 'tuple' } }] }] })).toEqual(['pay: object', 'pay.x: array<tuple>']);
    expect(unrenderable({ fields: [{ name: 'grade', type: 'enum', required: true, enum: [] }] })).toEqual(['grade: enum']);
    expect(fieldKind({ name: 'commandId', type: 'string' }, true)).toBe('commandId');
  });

  it('the hire form: enums from the catalog, dates, the nested contract with its clause list; the body sent is the DTO’s shape', () => {
    const hire = catalog.commands.find((c) => endpointOf(c) === 'hire');
    expect(hire).toBeDefined();
    const fields = hire?.fields ?? [];
    const kinds = Object.fromEntries(fields.map((f) => [f.name, fieldKind(f, true)]));
    expect(kinds).toMatchObject({ commandId: 'commandId', effectiveDate: 'date', category: 'select', level: 'select', pay: 'object', contract: 'object' });
    const day = (s: string) => ({ format: () => s });
    const body = bodyOf(fields, {
      effectiveDate: day('2025-01-02'),
      auxiliaryId: 'aux-1',
      personKey: '',
      pay: { locality: 'hohhot', monthlyBaseFen: 400000 },
      contract: { contractId: 'c-1', kind: 'FIXED_TERM', startDate: day('2025-01-02'), endDate: null, clauses: ['DUTIES', 'PAY'] },
    });
    expect(body).toEqual({
      effectiveDate: '2025-01-02',
      auxiliaryId: 'aux-1',
      pay: { locality: 'hohhot', monthlyBaseFen: 400000 },
      contract: { contractId: 'c-1', kind: 'FIXED_TERM', startDate: '2025-01-02', endDate: null, clauses: ['DUTIES', 'PAY'] },
    });
    const duty = catalog.commands.find((c) => endpointOf(c) === 'assign-duty')?.fields.find((f) => f.name === 'dutyCodes');
    expect(duty && fieldKind(duty)).toBe('multiSelect');
  });

  it('error answers read as the form shows them: the statute’s violations, a state refusal, the fields', () => {
    const statute = problemOf(422, { error: { code: 'REFUSED_BY_STATUTE', message: { zh: '不允许', en: 'refused' }, details: { refusal: 'STATUTE', dryRun: true, violations: [{ ruleId: 'PAY-LEVEL' }] } } });
    expect(statute).toMatchObject({ kind: 'statute', dryRun: true, violations: [{ ruleId: 'PAY-LEVEL' }] });
    expect(problemOf(409, { error: { code: 'AUXILIARY_NOT_HIRED', message: { zh: '未聘用', en: 'not hired' }, details: { refusal: 'STATE' } } })).toMatchObject({ kind: 'state', code: 'AUXILIARY_NOT_HIRED' });
    expect(problemOf(400, { error: { code: 'VALIDATION_FAILED', message: { zh: '错', en: 'bad' }, details: { fields: [{ field: 'contract.endDate', constraints: [] }] } } })).toMatchObject({ kind: 'fields' });
    expect(problemOf(500, null)).toMatchObject({ kind: 'other', code: 'HTTP_500' });
    // Observed and expected values in words where they are codes the command knows.
    const hire = catalog.commands.find((c) => endpointOf(c) === 'hire');
    const labels = codeLabelsOf(hire ?? { fields: [] });
    expect(inWords('CIVILIAN', labels, false)).toBe('文职辅警（CIVILIAN）');
    expect(inWords(['DUTIES', 'PAY'], labels, true)).toBe('Duties（DUTIES）, Pay（PAY）');
    expect(inWords('≥ 1', labels, false)).toBe('≥ 1');
    expect(inWords(0, labels, false)).toBe('0');
  });
});
