import { readFileSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startApi } from './b3-http';

/** What a first start of the API on a whole log showed, from outside its process. */
export interface FirstStart {
  /** The log's head: the positions the read models had to reach. */
  events: number;
  /** From listening to read models at the log's head, s. */
  seconds: number;
  /** The API process's resident set once it listened, and its peak (VmHWM) when the read models were at the head, bytes. */
  startRss: number;
  peakRss: number;
  /** `GET /health` timed by this process, one request every 10 ms, one at a time, ms. */
  health: { requests: number; p50: number; p99: number; max: number };
  /** The API's own event-loop delay over its life (its /metrics: prom-client's Node.js series), ms. */
  loopDelay: { p50: number; p99: number; max: number } | null;
}

/**
 * B4's first start: the API as `npm start` runs it (the compiled `dist/server`
 * main, embedded projector and every default) started on a log whose read
 * models do not exist yet — it rebuilds them on its worker thread, catches up
 * and follows — while this process asks `/health` over HTTP every 10 ms and
 * `/health/ready` every 250 ms until the read models are at the log's head.
 * The API is the one process measured: its peak RSS is its own (/proc
 * VmHWM), and so is the event-loop delay it reports in /metrics.
 */
export async function firstStartOfTheApi(eventsPath: string, readModelsPath: string): Promise<FirstStart> {
  for (const f of [readModelsPath, `${readModelsPath}-wal`, `${readModelsPath}-shm`]) rmSync(f, { force: true });
  const { port, child } = await startApi(eventsPath, readModelsPath, { AUXLEDGER_PROJECTOR: 'on' }, { compiled: true });
  const pid = child.pid as number;
  try {
    const startRss = procStatusBytes(pid, 'VmRSS');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const readiness = new Agent({ keepAlive: true, maxSockets: 1 });
    const start = performance.now();
    const times: number[] = [];
    let running = true;
    const probing = (async () => {
      while (running) {
        const t0 = performance.now();
        await getText(port, '/health', agent);
        times.push(performance.now() - t0);
        await sleep(10);
      }
    })();
    let events = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`B4 first start: the API exited (${child.exitCode}) before its read models reached the log's head`);
      const body = JSON.parse(await getText(port, '/health/ready', readiness)) as { details?: { readModels?: { projector?: string; position?: number; logHead?: number; lastError?: string } } };
      const r = body.details?.readModels;
      if (r?.projector === 'failed') throw new Error(`B4 first start: the embedded projector failed: ${r.lastError ?? ''}`);
      if (r && typeof r.logHead === 'number' && r.logHead > 0 && r.position === r.logHead) {
        events = r.logHead;
        break;
      }
      await sleep(250);
    }
    const seconds = (performance.now() - start) / 1000;
    const peakRss = procStatusBytes(pid, 'VmHWM');
    running = false;
    await probing;
    const metrics = await getText(port, '/metrics', readiness);
    agent.destroy();
    readiness.destroy();
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => round1(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    return { events, seconds, startRss, peakRss, health: { requests: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) }, loopDelay: loopDelayOf(metrics) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
  }
}

/** prom-client's event-loop series (seconds) in the Prometheus text, as ms; null when absent. */
export function loopDelayOf(metrics: string): FirstStart['loopDelay'] {
  const value = (name: string) => {
    const line = metrics.split('\n').find((l) => l.startsWith(`auxledger_nodejs_eventloop_lag_${name}_seconds `));
    return line === undefined ? undefined : Number(line.split(' ')[1]) * 1000;
  };
  const [p50, p99, max] = [value('p50'), value('p99'), value('max')];
  return p50 === undefined || p99 === undefined || max === undefined ? null : { p50: round1(p50), p99: round1(p99), max: round1(max) };
}

function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

function getText(port: number, path: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString()));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;
