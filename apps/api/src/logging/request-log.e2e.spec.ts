import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { StoreConfig } from '../config/api-config';
import { type Api, startApi, tempDir } from '../testing/api-fixture';
import { RequestLog, redactUrl } from './request-log';

/** The request log never holds a person key (PIPL): not in the URL, not in the query; the API key is redacted too. */
function requestLogSuite(name: string, open: (file: string) => Promise<StoreConfig>): void {
  describe(`the request log on ${name}`, () => {
    const tmp = tempDir('auxledger-log-');
    const lines: string[] = [];
    let api: Api;

    beforeAll(async () => {
      api = await startApi(await open(join(tmp.dir, 'records.db')), { logLevel: 'info' }, { logDestination: { write: (line: string) => void lines.push(line) } });
    });
    afterAll(async () => {
      await api.close();
      tmp.remove();
    });

    /** The log line of the request to `path` (pino-http writes it when the answer has been sent: a few turns of the event loop, no timer). */
    async function logLineOf(path: string): Promise<Record<string, unknown>> {
      for (let turn = 0; turn < 1000; turn += 1) {
        const line = lines.find((l) => l.includes(path));
        if (line) return JSON.parse(line) as Record<string, unknown>;
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error(`no log line for ${path} among ${lines.length}: ${lines.slice(-2).join('\n')}`);
    }

    it('GET /api/audit?personKey=…: the request is logged, the person key is not (URL and query), nor the API key', async () => {
      await api.get('/api/audit?personKey=pk-secret-123&order=newest'); // answered 200, or 503 while the read models are first built: logged either way
      const line = await logLineOf('/api/audit?');
      const logged = lines.join('\n');
      expect(logged).not.toContain('pk-secret-123');
      expect(logged).not.toContain('e2e-admin-key');
      expect(line['req']).toMatchObject({ method: 'GET', url: '/api/audit?personKey=[REDACTED]&order=newest' });
    });

    it('a refused query (400) is logged without the person key either, whatever the parameter\'s spelling', async () => {
      await api.get('/api/audit?personkey=pk-secret-456&personKey=pk-secret-789').expect(400);
      await logLineOf('/api/audit?personkey=');
      expect(lines.join('\n')).not.toMatch(/pk-secret-(456|789)/);
    });

    it('no header that can carry a credential is logged (an allow-list: the others show their name, not their value)', async () => {
      const secrets = {
        'X-Api-Key': 'secret-x-api-key',
        'Proxy-Authorization': 'Basic secret-proxy',
        Cookie: 'session=secret-cookie',
        'X-Auth-Token': 'secret-auth-token',
        'X-Amz-Security-Token': 'secret-amz',
        'User-Agent': 'auxledger-test-agent',
      };
      let test = api.get('/api/organs?root=nmg');
      for (const [name, value] of Object.entries(secrets)) test = test.set(name, value);
      await test; // 200, or 404 before the read models know the organ: logged either way
      const line = await logLineOf('/api/organs?root=nmg');
      expect(lines.join('\n')).not.toMatch(/secret-/);
      const headers = (line['req'] as { headers: Record<string, string> }).headers;
      expect(headers).toMatchObject({ 'x-api-key': '[REDACTED]', 'proxy-authorization': '[REDACTED]', cookie: '[REDACTED]', 'x-auth-token': '[REDACTED]', authorization: '[REDACTED]', 'user-agent': 'auxledger-test-agent' });
    });

    it('a person key in any query parameter or in the path is not logged: only the values of parameters that cannot hold one (dates, organs, enums) are', async () => {
      await api.get('/api/audit?auxiliary=pk-secret-aux&organ=xincheng&order=newest&actor=pk-secret-actor&cursor=pk-secret-cursor&typo=pk-secret-typo');
      const audit = await logLineOf('/api/audit?auxiliary=');
      expect((audit['req'] as { url: string }).url).toBe('/api/audit?auxiliary=[REDACTED]&organ=xincheng&order=newest&actor=[REDACTED]&cursor=[REDACTED]&typo=[REDACTED]');
      expect((audit['req'] as { query: unknown }).query).toEqual({ auxiliary: '[REDACTED]', organ: 'xincheng', order: 'newest', actor: '[REDACTED]', cursor: '[REDACTED]', typo: '[REDACTED]' });
      await api.get('/api/people/pk-secret-path-1?asOf=2025-01-02');
      const person = await logLineOf('/api/people/[REDACTED]?');
      expect(person['req']).toMatchObject({ url: '/api/people/[REDACTED]?asOf=2025-01-02' });
      await api.get('/api/persons/pk-secret-path-2/file').expect(404);
      const unmatched = await logLineOf('/api/[REDACTED]/');
      expect((unmatched['req'] as { url: string }).url).toBe('/api/[REDACTED]/[REDACTED]/[REDACTED]');
      // Commands keep their names.
      await api.post('/api/commands/end-duty', { auxiliaryId: 'pk-secret-body', assignmentId: 'b', reason: 'COMPLETED' });
      expect((await logLineOf('"url":"/api/commands/end-duty"'))['req']).toMatchObject({ url: '/api/commands/end-duty', method: 'POST' });
      expect(lines.join('\n')).not.toMatch(/pk-secret-/);
    });
  });
}

describe('redactUrl (without routes: the query only)', () => {
  it.each([
    ['/api/audit?personKey=pk-1', '/api/audit?personKey=[REDACTED]'],
    ['/api/audit?organ=x&personKey=pk-1&order=newest', '/api/audit?organ=x&personKey=[REDACTED]&order=newest'],
    ['/api/audit?person%4Bey=pk-1', '/api/audit?person%4Bey=[REDACTED]'],
    ['/api/audit?personKey', '/api/audit?personKey=[REDACTED]'],
    ['/api/audit?organ=%E0%A4%A', '/api/audit?organ=%E0%A4%A'],
    ['/api/people/aux-1', '/api/people/aux-1'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

requestLogSuite('SQLite', async (path) => ({ kind: 'sqlite', path }));
describeWithPostgres('PostgreSQL', () => {
  requestLogSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await createTestDatabase('api_log') }));
});

describe('RequestLog when quiet (warn and above)', () => {
  /** A request and an answer as the middleware sees them, with what it set. */
  function serve(log: RequestLog, headers: Record<string, string> = {}) {
    const req = { headers, method: 'POST', url: '/api/commands/end-duty' } as unknown as IncomingMessage & { id?: string; log?: { error(b: object, m: string): void; info(b: object, m: string): void } };
    const set: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => void (set[name] = value), once: () => undefined, on: () => undefined } as unknown as ServerResponse;
    let passed = false;
    log.middleware(req, res, () => (passed = true));
    return { req, set, passed };
  }

  it('each request still has its id (X-Request-Id, the client’s if acceptable) and a logger stamping it on the lines written (an error)', () => {
    const lines: string[] = [];
    const log = new RequestLog('warn', { write: (line: string) => void lines.push(line) });
    expect(log.logsRequests).toBe(false);
    const { req, set, passed } = serve(log, { 'x-request-id': 'client-req-7' });
    expect(passed).toBe(true);
    expect(req.id).toBe('client-req-7');
    expect(set['X-Request-Id']).toBe('client-req-7');
    req.log?.info({}, 'not written at warn');
    req.log?.error({ context: 'ErrorFilter' }, 'boom');
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 50, reqId: 'client-req-7', context: 'ErrorFilter', msg: 'boom' })]);
    const fresh = serve(log, { 'x-request-id': 'bad id with spaces' });
    expect(fresh.req.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.set['X-Request-Id']).toBe(fresh.req.id);
  });

  it('at info it is pino-http: the request lines are written', () => {
    expect(new RequestLog('info', { write: () => undefined }).logsRequests).toBe(true);
    expect(new RequestLog('silent').logsRequests).toBe(false);
  });
});
