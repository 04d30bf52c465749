import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { type Api, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/** The value of one series in a Prometheus text scrape (`name{a="x",b="y"} 3`), the labels in any order; null when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return null;
}

/**
 * GET /metrics (issue 16): the Prometheus text format, no key needed;
 * commands accepted and refused by type and by rule id, request latency,
 * append latency, the projector's position, lag and batch time, store errors
 * — scraped after real commands through HTTP. And each command's outcome as
 * one JSON log line with the request id (X-Request-Id in and out).
 */
describe('GET /metrics and the command log', () => {
  const tmp = tempDir('auxledger-metrics-');
  const lines: string[] = [];
  let api: Api;
  let server: string;
  let scrape: string;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir), logLevel: 'info' }, { logDestination: { write: (line: string) => void lines.push(line) } });
    server = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    await organTree(api);
    await passedApplication(api.store, 'app-1', 'pk-1');
    await passedApplication(api.store, 'app-2', 'pk-2');
    await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng'), undefined, { 'X-Request-Id': 'client-req-0001' }).expect(201);
    // Below the pay standard: refused by the regulation (PAY-LEVEL).
    await api.post('/api/commands/hire', hireBody('aux-2', 'app-2', 'pk-2', 'xincheng', 123), undefined, { 'X-Request-Id': 'client-req-0002' }).expect(422);
    // The organ again: refused by the state of the record.
    await api.post('/api/commands/register-organ', { organId: 'xincheng', name: '新城区公安分局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot', effectiveDate: '2024-09-01' }).expect(409);
    // A malformed body.
    await api.post('/api/commands/hire', { auxiliaryId: 'aux-3' }, undefined, { 'X-Request-Id': 'bad id with spaces' }).expect(400);
    // No command outcomes: a request the guards refuse (no key; a viewer's role), and a dry run.
    await api.post('/api/commands/hire', { auxiliaryId: 'aux-3' }, null).expect(401);
    await api.post('/api/commands/hire', { auxiliaryId: 'aux-3' }, (await keyFor(api, 'viewer')).key).expect(403);
    await api.post('/api/commands/register-organ?dryRun=true', { organId: 'xincheng', name: '新城区公安分局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot', effectiveDate: '2024-09-01' }).expect(409);
    await api.get(`/api/roster?organ=xincheng&minPosition=${await api.logHead()}`).expect(200);
    const res = await request(server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    scrape = res.text;
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('counts commands by type and outcome, and each refusal by rule id (STATUTE) or code (STATE)', () => {
    expect(sample(scrape, 'auxledger_commands_total', { command_type: 'Hire', outcome: 'accepted' })).toBe(1);
    expect(sample(scrape, 'auxledger_commands_total', { command_type: 'Hire', outcome: 'refused_statute' })).toBe(1);
    expect(sample(scrape, 'auxledger_commands_total', { command_type: 'Hire', outcome: 'invalid' })).toBe(1);
    expect(scrape).not.toMatch(/^auxledger_commands_total\{command_type="Hire",outcome="(error|forbidden)"\}/m);
    expect(sample(scrape, 'auxledger_commands_total', { command_type: 'RegisterOrgan', outcome: 'refused_state' })).toBe(1);
    expect(sample(scrape, 'auxledger_commands_total', { command_type: 'RegisterOrgan', outcome: 'accepted' })).toBeGreaterThanOrEqual(3);
    expect(sample(scrape, 'auxledger_command_refusals_total', { command_type: 'Hire', rule_id: 'PAY-LEVEL', kind: 'STATUTE' })).toBe(1);
    expect(scrape).toMatch(/^auxledger_command_refusals_total\{command_type="RegisterOrgan",rule_id="[A-Z_]+",kind="STATE"\} 1$/m);
  });

  it('request latency by route pattern (never the ids in the path), append latency, events appended', () => {
    expect(sample(scrape, 'auxledger_http_request_duration_seconds_count', { method: 'POST', route: '/api/commands/hire', status_code: '201' })).toBe(1);
    expect(sample(scrape, 'auxledger_http_request_duration_seconds_count', { method: 'POST', route: '/api/commands/hire', status_code: '422' })).toBe(1);
    expect(sample(scrape, 'auxledger_http_request_duration_seconds_bucket', { method: 'POST', route: '/api/commands/hire', status_code: '201', le: '+Inf' })).toBe(1);
    expect(sample(scrape, 'auxledger_event_store_append_duration_seconds_count', { operation: 'appendToStreams' }) ?? sample(scrape, 'auxledger_event_store_append_duration_seconds_count', { operation: 'appendToStream' })).toBeGreaterThan(0);
    expect(sample(scrape, 'auxledger_event_store_appended_events_total')).toBeGreaterThan(0);
    // fsync latency, a series of its own: each SQLite group COMMIT timed alone, no more often than appends were timed.
    const commits = sample(scrape, 'auxledger_event_store_commit_fsync_duration_seconds_count') as number;
    expect(commits).toBeGreaterThan(0);
    const appendSeconds = ['appendToStreams', 'appendToStream'].reduce((sum, operation) => sum + (sample(scrape, 'auxledger_event_store_append_duration_seconds_sum', { operation }) ?? 0), 0);
    expect(sample(scrape, 'auxledger_event_store_commit_fsync_duration_seconds_sum')).toBeLessThanOrEqual(appendSeconds);
    expect(scrape).toContain('# TYPE auxledger_event_store_errors_total counter');
    expect(scrape).toContain('auxledger_process_cpu_seconds_total');
  });

  it('the projector: its position equals the log head once caught up (lag 0), its batches timed', async () => {
    const head = await api.logHead();
    expect(sample(scrape, 'auxledger_log_head_position')).toBe(head);
    expect(sample(scrape, 'auxledger_projector_position')).toBe(head);
    expect(sample(scrape, 'auxledger_projector_lag_events')).toBe(0);
    expect(sample(scrape, 'auxledger_projector_up')).toBe(1);
    expect(sample(scrape, 'auxledger_projector_batch_duration_seconds_count')).toBeGreaterThan(0);
    expect(sample(scrape, 'auxledger_projector_events_total')).toBeGreaterThan(0);
  });

  it('store errors are counted by operation and code', async () => {
    // A stale expected revision: the store refuses the append (a concurrent writer, as the command path sees it).
    await expect(api.store.appendToStream('organ-xincheng', [], 0)).rejects.toMatchObject({ code: expect.any(String) });
    const text = (await request(server).get('/metrics').expect(200)).text;
    expect(text).toMatch(/^auxledger_event_store_errors_total\{operation="appendToStream",code="[A-Z_]+"\} 1$/m);
  });

  it('the Grafana dashboard (docs/grafana) reads only series the API exports, and each of them', () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'grafana', 'auxledger-dashboard.json'), 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    expect(exprs.length).toBeGreaterThan(10);
    const read = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(auxledger_[a-z_]+)/g)].map((m) => (m[1] as string).replace(/_(bucket|count|sum)$/, ''))));
    const exported = new Set([...scrape.matchAll(/^# TYPE (auxledger_[a-z_]+) /gm)].map((m) => m[1]));
    for (const name of read) expect(exported).toContain(name);
    for (const name of ['auxledger_commands_total', 'auxledger_command_refusals_total', 'auxledger_http_request_duration_seconds', 'auxledger_event_store_append_duration_seconds', 'auxledger_event_store_commit_fsync_duration_seconds', 'auxledger_event_store_errors_total', 'auxledger_projector_lag_events', 'auxledger_projector_position', 'auxledger_projector_batch_duration_seconds']) {
      expect(read).toContain(name);
    }
  });

  it('X-Request-Id: an acceptable one is taken and sent back; another is replaced by a new id, sent back', async () => {
    const kept = await api.get('/api/organs').set('X-Request-Id', 'trace-abc.123:x').expect(200);
    expect(kept.headers['x-request-id']).toBe('trace-abc.123:x');
    const replaced = await api.get('/api/organs').set('X-Request-Id', 'x'.repeat(200)).expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api.get('/api/organs').expect(200)).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('one JSON line per command outcome: request id, command id, type, outcome, status, rule ids', async () => {
    const commands = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === 'command');
    const accepted = commands.find((l) => l['reqId'] === 'client-req-0001');
    expect(accepted).toMatchObject({ requestId: 'client-req-0001', commandType: 'Hire', outcome: 'accepted', status: 201, ruleIds: [], commandId: expect.any(String), keyId: expect.any(String) });
    const refused = commands.find((l) => l['reqId'] === 'client-req-0002');
    expect(refused).toMatchObject({ requestId: 'client-req-0002', commandType: 'Hire', outcome: 'refused_statute', status: 422, ruleIds: ['PAY-LEVEL'], code: 'REFUSED_BY_STATUTE', commandId: expect.any(String) });
    expect(commands.find((l) => l['outcome'] === 'refused_state')).toMatchObject({ commandType: 'RegisterOrgan', status: 409 });
    const invalid = commands.find((l) => l['outcome'] === 'invalid');
    expect(invalid).toMatchObject({ commandType: 'Hire', status: 400, code: 'VALIDATION_FAILED' });
    expect(invalid?.['requestId']).toMatch(/^[0-9a-f-]{36}$/);
    // Every command's line is one JSON object, and so is every other line of the log.
    expect(commands.length).toBeGreaterThanOrEqual(7);
    expect(lines.every((l) => l.trim().startsWith('{'))).toBe(true);
  });
});
