import { type Socket, connect } from 'node:net';
import { join } from 'node:path';
import { type Api, keyFor, startApi, tempDir } from './testing/api-fixture';

/**
 * What the HTTP server itself refuses, below the application: clients too
 * slow to send their request (cut off with 408), headers too large (431),
 * too many connections (dropped) — each error answered in the one bilingual
 * shape — and one rate-limit bucket per client across every route.
 */
describe('the HTTP server’s limits', () => {
  const tmp = tempDir('auxledger-limits-');
  let api: Api;
  let port: number;

  beforeAll(async () => {
    api = await startApi(
      { kind: 'sqlite', path: join(tmp.dir, 'records.db') },
      // Short timeouts, so that the test sees the cut-off (the defaults are 30 s and 10 s).
      { server: { requestTimeoutMs: 1500, headersTimeoutMs: 800, keepAliveTimeoutMs: 500, maxConnections: 20 } },
    );
    port = Number(new URL(await api.app.getUrl()).port);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  /** A raw connection: what it received, and when it was closed (ms after opening). */
  function open(): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      let data = '';
      const socket = connect(port, '127.0.0.1');
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('error', () => undefined);
      const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now() - started)));
      socket.once('connect', () => resolve({ socket, received: () => data, closed }));
      socket.once('error', reject);
    });
  }

  /** Status line and JSON body of a raw HTTP answer. */
  function parse(raw: string): { status: number; headers: string; body: { error: { code: string; message: { zh: string; en: string } } } } {
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1]), headers: head, body: JSON.parse(body) };
  }

  /** Writes `text` one byte every `everyMs` until the socket closes. */
  function trickle(socket: Socket, text: string, everyMs: number): void {
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= text.length) return clearInterval(timer);
      socket.write(text[i++] as string);
    }, everyMs);
    socket.on('close', () => clearInterval(timer));
  }

  it('a body trickled at a byte every 100 ms is cut off at the request timeout with 408 REQUEST_TIMEOUT, in both languages', async () => {
    const conn = await open();
    const body = JSON.stringify({ organId: 'x'.repeat(200) });
    conn.socket.write(`POST /api/commands/register-organ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    trickle(conn.socket, body, 100);
    const after = await Promise.race([conn.closed, new Promise<number>((r) => setTimeout(() => r(-1), 8000))]);
    expect(after).toBeGreaterThan(1000);
    expect(after).toBeLessThan(5000);
    const answer = parse(conn.received());
    expect(answer.status).toBe(408);
    expect(answer.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(answer.body.error).toEqual({ code: 'REQUEST_TIMEOUT', message: { zh: expect.stringMatching(/超时/), en: expect.stringMatching(/time/i) } });
    expect(await api.logHead()).toBe(0);
  }, 10_000);

  it('headers trickled (slowloris) are cut off at the headers timeout, 408', async () => {
    const conn = await open();
    trickle(conn.socket, `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`, 50);
    const after = await Promise.race([conn.closed, new Promise<number>((r) => setTimeout(() => r(-1), 8000))]);
    expect(after).toBeGreaterThan(500);
    expect(after).toBeLessThan(4000);
    expect(parse(conn.received()).status).toBe(408);
  }, 10_000);

  it('headers larger than Node’s limit (16 KiB) answer 431 HEADERS_TOO_LARGE in the one error shape', async () => {
    const conn = await open();
    conn.socket.write(`GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    await conn.closed;
    const answer = parse(conn.received());
    expect(answer.status).toBe(431);
    expect(answer.body.error).toEqual({ code: 'HEADERS_TOO_LARGE', message: { zh: expect.any(String), en: expect.any(String) } });
  });

  it('a request that is not HTTP answers 400 BAD_REQUEST in the one error shape', async () => {
    const conn = await open();
    conn.socket.write('HELLO\r\n\r\n');
    await conn.closed;
    const answer = parse(conn.received());
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'BAD_REQUEST', message: { zh: expect.any(String), en: expect.any(String) } });
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout (Node 20 adds a second for the client’s own timer)', async () => {
    const conn = await open();
    conn.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const after = await Promise.race([conn.closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(after).toBeGreaterThan(400);
    expect(after).toBeLessThan(2500);
  });
});

describe('the connection cap', () => {
  const tmp = tempDir('auxledger-conns-');
  let api: Api;
  let port: number;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { server: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5000, maxConnections: 3 } });
    port = Number(new URL(await api.app.getUrl()).port);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('beyond maxConnections open connections, a new one is dropped; once one closes, connections are taken again', async () => {
    const sockets: Socket[] = [];
    const connectOne = () =>
      new Promise<{ socket: Socket; closed: Promise<void> }>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        const closed = new Promise<void>((done) => socket.on('close', () => done()));
        socket.once('connect', () => resolve({ socket, closed }));
        sockets.push(socket);
      });
    try {
      const held = [await connectOne(), await connectOne(), await connectOne()];
      await new Promise((r) => setTimeout(r, 100));
      const fourth = await connectOne();
      const dropped = await Promise.race([fourth.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))]);
      expect(dropped).toBe(true);
      held[0]!.socket.destroy();
      await held[0]!.closed;
      await new Promise((r) => setTimeout(r, 100));
      const fifth = await connectOne();
      const answer = await new Promise<string>((resolve) => {
        let data = '';
        fifth.socket.setEncoding('utf8');
        fifth.socket.on('data', (chunk: string) => {
          data += chunk;
          if (data.includes('\r\n\r\n')) resolve(data);
        });
        fifth.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      });
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});

describe('the rate limit: one bucket per client, across every route', () => {
  const tmp = tempDir('auxledger-rate-');
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { rateLimitPerMinute: 6 });
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('a key’s requests count together on every route; another key has its own bucket; anonymous requests and refused keys count per address', async () => {
    // The admin key: six requests spread over four routes, then the seventh — on yet another route — is 429.
    const viewer = await keyFor(api, 'viewer'); // 1
    await api.get('/api/organs').expect(200); // 2
    await api.get('/api/quota?organ=none').expect(404); // 3
    await api.get('/api/keys').expect(200); // 4
    await api.get('/api/organs').expect(200); // 5
    await api.get('/api/keys').expect(200); // 6
    const limited = await api.get('/api/roster?organ=none');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: 'TOO_MANY_REQUESTS', message: { zh: expect.any(String), en: expect.any(String) } });
    // The viewer has its own bucket.
    for (let i = 0; i < 6; i += 1) await api.get(i % 2 ? '/api/organs' : '/api/quota?organ=none', viewer.key).expect(i % 2 ? 200 : 404);
    expect((await api.get('/api/organs', viewer.key)).status).toBe(429);
    // No key, or a key that is refused: one bucket for the address, whatever the route and whatever key is made up.
    const madeUp = (id: string) => `axl_${id}_${'m'.repeat(43)}`;
    await api.get('/api/organs', null).expect(401);
    await api.get('/api/roster?organ=none', null).expect(401);
    await api.get('/api/keys', null).expect(401);
    await api.get('/api/organs', madeUp('0123456789abcdef')).expect(401);
    await api.get('/api/keys', madeUp('fedcba9876543210')).expect(401);
    await api.get('/api/quota?organ=none', 'not-a-key').expect(401);
    expect((await api.get('/api/organs', null)).status).toBe(429);
    expect((await api.get('/api/people/aux-1', madeUp('1111111111111111'))).status).toBe(429);
    // Health checks are not limited (an orchestrator polls them).
    await api.get('/health', null).expect(200);
  });
});
