/**
 * One measurement of B4 in a process of its own, so that its peak RSS is its
 * own: the read limit (raw scan), or a rebuild of every read model. Prints one
 * JSON line on stdout.
 *
 *   node -r @swc-node/register test/bench/b4-child.ts raw <events.db>
 *   node -r @swc-node/register test/bench/b4-child.ts rebuild <events.db> <read-models.db> [batchSize]
 *   node -r @swc-node/register test/bench/b4-child.ts rebuild-pg <events.db> <postgres url> <schema>
 *   node -r @swc-node/register test/bench/b4-child.ts catchup-slices <events.db> <read-models.db>
 *
 * The bench runs it compiled (`node dist/server/test/bench/b4-child.js …`, built with the API by
 * apps/api/build.mjs), as the product runs its code.
 */
import { readFileSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@auxledger/event-store';
import { PostgresReadModelStore, Projector, type ReadModelStore, SqliteReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from '@auxledger/read-models';

export interface ChildResult {
  mode: 'raw' | 'rebuild' | 'rebuild-pg' | 'catchup-slices';
  events: number;
  seconds: number;
  /** The process's peak resident set (getrusage), bytes. */
  maxRss: number;
  /** Highest heapUsed seen between batches, bytes. */
  peakHeap: number;
  /** Bytes this process caused to be written to storage (/proc/self/io write_bytes; null where there is no /proc). */
  writeBytes: number | null;
  /** catchup-slices: the event loop's delay while it ran (what a /health request in the same process would wait), ms. */
  loopDelay?: { p50: number; p99: number; max: number };
  /** catchup-slices: `GET /health` answered by the projector's process over HTTP, timed by a client on a thread of its own, ms. */
  health?: { requests: number; p50: number; p99: number; max: number };
}

/** write_bytes of /proc/self/io: what reached (or will reach) the disk on this process's account, page cache write-back included. */
function writeBytes(): number | null {
  try {
    const line = readFileSync('/proc/self/io', 'utf8').split('\n').find((l) => l.startsWith('write_bytes:'));
    return line ? Number(line.slice('write_bytes:'.length).trim()) : null;
  } catch {
    return null;
  }
}

/**
 * The read limit: every event in log order, its data and metadata parsed,
 * folded into a Map (events per stream and the last type) — what any
 * projection must at least do, with nothing written.
 */
function rawScan(path: string): ChildResult {
  const db = new Database(path, { readonly: true });
  const page = db.prepare('SELECT global_position, stream_id, type, data, metadata FROM events WHERE global_position > ? ORDER BY global_position LIMIT 2000');
  const folded = new Map<string, { events: number; type: string; effectiveDate: string }>();
  let n = 0;
  let peakHeap = 0;
  const start = performance.now();
  for (let after = 0; ; ) {
    const rows = page.all(after) as Array<{ global_position: number; stream_id: string; type: string; data: string; metadata: string }>;
    if (rows.length === 0) break;
    for (const row of rows) {
      JSON.parse(row.data);
      const metadata = JSON.parse(row.metadata) as { effectiveDate: string };
      const entry = folded.get(row.stream_id);
      if (entry) {
        entry.events++;
        entry.type = row.type;
        entry.effectiveDate = metadata.effectiveDate;
      } else folded.set(row.stream_id, { events: 1, type: row.type, effectiveDate: metadata.effectiveDate });
      n++;
    }
    after = (rows[rows.length - 1] as { global_position: number }).global_position;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return { mode: 'raw', events: n, seconds, maxRss: process.resourceUsage().maxRSS * 1024, peakHeap, writeBytes: writeBytes() };
}

async function rebuild(eventsPath: string, store: ReadModelStore, batchSize: number | undefined): Promise<ChildResult> {
  const events = new SqliteEventStore({ path: eventsPath });
  let n = 0;
  let peakHeap = 0;
  let lastReport = performance.now();
  const start = performance.now();
  const projector = new Projector({
    name: 'auxledger',
    models: ALL_READ_MODELS,
    events,
    store,
    ...(batchSize ? { rebuildBatchSize: batchSize } : {}),
    onBatch: (p) => {
      n += p.events;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        process.stderr.write(`    rebuild: ${n.toLocaleString('en-US')} events, ${Math.round(n / ((now - start) / 1000)).toLocaleString('en-US')} events/s\n`);
      }
    },
  });
  await projector.rebuild();
  const seconds = (performance.now() - start) / 1000;
  await store.close();
  await events.close();
  return { mode: store.dialect === 'postgres' ? 'rebuild-pg' : 'rebuild', events: n, seconds, maxRss: process.resourceUsage().maxRSS * 1024, peakHeap, writeBytes: writeBytes() };
}

/**
 * A catch-up in slices on the event loop, as the embedded projector makes up
 * a short gap (a live generation, batches adapted to the 20 ms slice), over
 * the whole log, with the event loop's delay sampled every 5 ms: the wait a
 * /health request would see meanwhile.
 */
async function catchUp(eventsPath: string, store: ReadModelStore): Promise<ChildResult> {
  const events = new SqliteEventStore({ path: eventsPath });
  let n = 0;
  let peakHeap = 0;
  const projector = new Projector({
    name: 'auxledger',
    models: ALL_READ_MODELS,
    events,
    store,
    onBatch: (p) => {
      n += p.events;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
  });
  await projector.open();
  const health = await healthProbe();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const start = performance.now();
  delay.enable();
  await projector.catchUp();
  delay.disable();
  const seconds = (performance.now() - start) / 1000;
  const answered = await health.stop();
  await store.close();
  await events.close();
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  return {
    mode: 'catchup-slices', events: n, seconds, maxRss: process.resourceUsage().maxRSS * 1024, peakHeap, writeBytes: writeBytes(),
    loopDelay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    health: answered,
  };
}

/**
 * `/health` over real HTTP while the projector works: a plain node:http
 * server in this process (the event loop the projector shares with an API),
 * and a client on a worker thread (its own event loop) sending one GET every
 * 10 ms, one at a time, timing each answer.
 */
async function healthProbe(): Promise<{ stop(): Promise<{ requests: number; p50: number; p99: number; max: number }> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const client = new Worker(
    `const http = require('node:http');
     const { parentPort, workerData } = require('node:worker_threads');
     const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
     const times = [];
     let running = true;
     parentPort.on('message', () => { running = false; });
     const once = () => new Promise((resolve, reject) => {
       const t0 = performance.now();
       http.get({ host: '127.0.0.1', port: workerData.port, path: '/health', agent }, (res) => {
         res.resume();
         res.on('end', () => { times.push(performance.now() - t0); resolve(); });
       }).on('error', reject);
     });
     (async () => {
       while (running) { await once(); await new Promise((r) => setTimeout(r, 10)); }
       parentPort.postMessage(times);
     })();`,
    { eval: true, workerData: { port } },
  );
  return {
    async stop() {
      const times = await new Promise<number[]>((resolve) => {
        client.once('message', resolve);
        client.postMessage('stop');
      });
      await client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const sorted = [...times].sort((a, b) => a - b);
      const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
      return { requests: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
    },
  };
}

function freshSqliteStore(path: string): SqliteReadModelStore {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  return new SqliteReadModelStore({ path });
}

async function main(): Promise<void> {
  const [mode, eventsPath, target, extra] = process.argv.slice(2);
  if (!eventsPath || !['raw', 'rebuild', 'rebuild-pg', 'catchup-slices'].includes(mode ?? '') || (mode !== 'raw' && !target)) {
    throw new Error('usage: b4-child.ts raw <events.db> | rebuild <events.db> <read-models.db> [batchSize] | rebuild-pg <events.db> <postgres url> <schema> | catchup-slices <events.db> <read-models.db>');
  }
  const result =
    mode === 'raw'
      ? rawScan(eventsPath)
      : mode === 'catchup-slices'
        ? await catchUp(eventsPath, freshSqliteStore(target as string))
        : mode === 'rebuild'
        ? await rebuild(eventsPath, freshSqliteStore(target as string), extra ? Number(extra) : undefined)
        : await rebuild(eventsPath, await PostgresReadModelStore.open({ connectionString: target as string, schema: extra ?? 'read_models' }), undefined);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
