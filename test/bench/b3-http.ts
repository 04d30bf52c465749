import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { type AssignDuty, type EndDuty, assignDuty, endDuty } from '@auxledger/domain';
import { FoldedStreamCache, executeCommand } from '@auxledger/application';
import { PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';
import { type BenchStore, type BenchTarget, apiDatabase, openBenchStore } from './bench-stores';
import { REGISTRY } from '@auxledger/statute';
import { seedEvents } from './b2-command-path';
import { cpuMs } from './b8-concurrency';
import { sampleEvent } from './events';
import { type Measurement, type Row, measureInterleaved, percentile, perSecond } from './measure';

export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const NOW = new Date('2025-03-01T08:00:00Z');
/**
 * Unmeasured operations each side runs first, on WARM_AUXILIARIES auxiliaries
 * of their own (an assignment, its end, the next assignment…): the API is a
 * server that runs for days, and V8 is still compiling its hot paths for the
 * first few thousand requests (over the first 1 000 commands after start its
 * CPU a command was about twice the figure after 4 000); the warm-up's own
 * figure is noted beside the measured one.
 */
const WARM_UP = 4000;
const WARM_AUXILIARIES = 100;

/** A keep-alive HTTP/1.1 client on one socket: POST a JSON body, resolve with status and parsed body. */
export function client(port: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    post(path: string, body: unknown, key: string): Promise<{ status: number; body: unknown }> {
      const payload = Buffer.from(JSON.stringify(body));
      return new Promise((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, authorization: `Bearer ${key}` } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString();
              resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** A port free right now on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/**
 * The API as \`npm start\` runs it (apps/api/src/main.ts: \`readConfig\`, \`createApp\`,
 * listen), in a child process (`extraEnv` e.g. names a PostgreSQL): the test project may not import the app, and a
 * server in its own process is how it runs anyway. `compiled`: the built `dist/server` main, exactly as
 * `npm start` (whose memory is then the product's, not swc-node's compiler's); otherwise main.ts compiled at
 * load. Resolves once it listens.
 */
export async function startApi(
  dbPath: string,
  readModelsPath: string,
  extraEnv: Record<string, string> = {},
  { compiled = false }: { compiled?: boolean } = {},
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const entry = compiled ? [resolve(__dirname, '../../dist/server/apps/api/src/main.js')] : ['-r', '@swc-node/register', resolve(__dirname, '../../apps/api/src/main.ts')];
  const child = spawn(process.execPath, entry, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      AUXLEDGER_DB: dbPath,
      AUXLEDGER_READ_MODELS_DB: readModelsPath,
      AUXLEDGER_ADMIN_KEY: ADMIN_KEY,
      AUXLEDGER_PROJECTOR: 'off',
      AUXLEDGER_LOG_LEVEL: 'silent',
      AUXLEDGER_RATE_LIMIT: '100000000',
      ...extraEnv,
    },
  });
  await new Promise<void>((done, fail) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening')) done();
    });
    // The start-up banner goes to stderr (stdout is the log's alone).
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('listening')) done();
    });
    child.once('exit', (code) => fail(new Error(`B3: the API exited (${code}) before listening: ${err.slice(-2000)}`)));
  });
  return { port, child };
}

/** The i-th command of the workload: per auxiliary (`<prefix><n>`), an assignment, then its end, then the next assignment… */
function workload(auxiliaries: number, prefix = 'aux-') {
  return (i: number) => {
    const a = i % auxiliaries;
    const round = Math.floor(i / auxiliaries);
    const auxiliaryId = `${prefix}${a}`;
    const assignmentId = `as-${auxiliaryId}-${round - (round % 2)}`;
    return round % 2 === 0
      ? { kind: 'assign' as const, auxiliaryId, assignmentId }
      : { kind: 'end' as const, auxiliaryId, assignmentId };
  };
}

/**
 * B3: the same command workload through HTTP — the real Nest application
 * (main.ts: `createApp`, every guard, validation pipe and filter, the system
 * clock) in its own process, driven from this one over 127.0.0.1 by a
 * keep-alive client with an operator key scoped to the auxiliaries' organ —
 * beside B2 (the command path in process) and B1 single appends, in
 * alternating chunks, each on its own SQLite file in the same folder — or,
 * on PostgreSQL (`target`), the API on a database of its own and the other
 * two sides each in a schema of its own on the same server. AssignDuty and EndDuty alternate per auxiliary. The embedded projector is
 * off, as in B2: it would compete for the same cores. Each side first runs
 * WARM_UP operations of its own, unmeasured, on auxiliaries and a stream of
 * their own: the code's first runs and each store's writer thread starting
 * at its first append (about 0.5–1 s) are no part of a command's cost. The API process's CPU
 * time per command (from /proc, all its threads, over the whole measurement:
 * it idles while the other sides run) is noted beside it — on a shared
 * machine steadier than the rate.
 */
export async function benchHttp(dir: string, commands: number, auxiliaries = 200, target: BenchTarget = { kind: 'sqlite' }): Promise<{ rows: Row[]; notes: string[] }> {
  const label = target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const httpPath = join(dir, 'b3.db');
  const onPostgres = target.kind === 'postgres' ? await apiDatabase(target.url, dir, 'bench_b3_api') : undefined;
  const seed: BenchStore = onPostgres ? await PostgresEventStore.open({ connectionString: onPostgres.url }) : new SqliteEventStore({ path: httpPath });
  const hired = [...Array.from({ length: auxiliaries }, (_, a) => `aux-${a}`), ...Array.from({ length: WARM_AUXILIARIES }, (_, w) => `warm-${w}`)];
  for (const id of hired) await seed.appendToStream(`auxiliary-${id}`, seedEvents(id), 'no_stream');
  await seed.close();

  const { port, child } = await startApi(httpPath, join(dir, `b3-${target.kind}-read-models.db`), onPostgres?.env ?? {});
  const http = client(port);

  const inProcess = await openBenchStore(target, dir, 'b3-b2');
  const b1 = await openBenchStore(target, dir, 'b3-b1');
  try {
    const keyResponse = await http.post('/api/keys', { name: 'bench operator', role: 'operator', organIds: ['xincheng'] }, ADMIN_KEY);
    if (keyResponse.status !== 201) throw new Error(`B3: creating an operator key answered ${keyResponse.status}: ${JSON.stringify(keyResponse.body)}`);
    const operatorKey = (keyResponse.body as { key: string }).key;
    for (const id of hired) await inProcess.appendToStream(`auxiliary-${id}`, seedEvents(id), 'no_stream');
    const deps = { store: inProcess, registry: REGISTRY, clock: { now: () => NOW }, cache: new FoldedStreamCache() };
    const meta = () => ({ commandId: randomUUID(), actor: { id: 'op-1', role: 'operator' as const, organId: 'xincheng' }, effectiveDate: '2025-03-01', recordedAt: '' });
    const next = workload(auxiliaries);
    const events = Array.from({ length: commands }, (_, i) => sampleEvent(i));
    const failures: string[] = [];
    type Sent = ReturnType<typeof next>;
    const overHttpOp = async (c: Sent) => {
      const res =
        c.kind === 'assign'
          ? await http.post('/api/commands/assign-duty', { auxiliaryId: c.auxiliaryId, assignmentId: c.assignmentId, dutyCodes: ['ENF_TRAFFIC'], leadingOfficerIds: ['officer-1'], effectiveDate: '2025-03-01' }, operatorKey)
          : await http.post('/api/commands/end-duty', { auxiliaryId: c.auxiliaryId, assignmentId: c.assignmentId, reason: 'COMPLETED', effectiveDate: '2025-03-01' }, operatorKey);
      if (res.status !== 201 && failures.length < 5) failures.push(`${c.kind} ${c.assignmentId}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    };
    const inProcessOp = async (c: Sent) => {
      const outcome =
        c.kind === 'assign'
          ? await executeCommand(deps, assignDuty, {
              type: 'AssignDuty',
              data: { auxiliaryId: c.auxiliaryId, assignmentId: c.assignmentId, dutyCodes: ['ENF_TRAFFIC'], nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: null, equipmentIssued: [] },
              metadata: meta(),
            } satisfies AssignDuty)
          : await executeCommand(deps, endDuty, { type: 'EndDuty', data: { auxiliaryId: c.auxiliaryId, assignmentId: c.assignmentId, reason: 'COMPLETED' }, metadata: meta() } satisfies EndDuty);
      if (outcome.status !== 'accepted' && failures.length < 5) failures.push(`in process ${c.kind} ${c.assignmentId}: ${outcome.status}`);
    };
    const warm = workload(WARM_AUXILIARIES, 'warm-');
    const warmCpu0 = cpuMs(child.pid);
    for (let i = 0; i < WARM_UP; i++) {
      await overHttpOp(warm(i));
      await inProcessOp(warm(i));
      await b1.appendToStream('warm-up', [sampleEvent(commands + i) as never], 'any');
    }
    const cpu0 = cpuMs(child.pid);
    const warmUpNote = warmCpu0 === undefined || cpu0 === undefined ? [] : [`B3 ${label}: the API's CPU ${((cpu0 - warmCpu0) / WARM_UP).toFixed(2)} ms a command over its first ${WARM_UP} after start (the warm-up, unmeasured)`];
    const [overHttp, path, appends] = await measureInterleaved(commands, 100, [
      { eventsPerOp: 1, op: (i) => overHttpOp(next(i)) },
      { eventsPerOp: 1, op: (i) => inProcessOp(next(i)) },
      { eventsPerOp: 1, op: (i) => b1.appendToStream(`s-${i % 100}`, [events[i] as never], 'any') },
    ]);
    const cpu1 = cpuMs(child.pid);
    if (failures.length > 0) throw new Error(`B3: commands were not accepted; the benchmark must measure accepted commands:\n${failures.join('\n')}`);
    const h = overHttp as Measurement;
    const p = path as Measurement;
    const b = appends as Measurement;
    const stats = (m: Measurement) => ({ rate: perSecond(m), p50: percentile(m.latenciesMs, 50), p99: percentile(m.latenciesMs, 99) });
    const row = (baselineLabel: string, base: Measurement, goal?: number): Row => ({
      id: 'B3',
      scenario: `command path over HTTP (AssignDuty/EndDuty, Nest, keep-alive), ${label}`,
      unit: 'commands/s',
      ...stats(h),
      baseline: { label: baselineLabel, ...stats(base) },
      ...(goal === undefined ? {} : { target: goal }),
    });
    const notes = [...warmUpNote, ...(cpu0 === undefined || cpu1 === undefined ? [] : [`B3 ${label}: the API's CPU ${((cpu1 - cpu0) / commands).toFixed(2)} ms a command (${commands} commands after the warm-up, one client)`])];
    return { rows: [row('B1 single-event appends (same run)', b, 0.4), row('B2 command path in process (same run)', p)], notes };
  } finally {
    http.close();
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
    await inProcess.close();
    await b1.close();
  }
}
