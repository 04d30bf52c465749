import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCachedHistory } from '@auxledger/history';
import type { ChildResult } from './b4-child';
import { firstStartOfTheApi } from './b4-first-start';
import type { Row } from './measure';

/**
 * The history sizes B4 measures. `AUXLEDGER_BENCH_EVENTS` is one size (default
 * 1 000 000), measured with a tenth of it for the RSS comparison, or a list
 * (`100000,1000000,2000000`): each size measured, the largest also for B5.
 */
export function b4Sizes(): { sizes: number[]; large: number; small: number } {
  const spec = process.env['AUXLEDGER_BENCH_EVENTS'] ?? '1000000';
  const given = spec.split(',').map((n) => Number(n.trim()));
  if (given.length === 0 || given.some((n) => !Number.isInteger(n) || n < 1000)) throw new Error(`AUXLEDGER_BENCH_EVENTS must be a whole number ≥ 1000, or a list of them (got ${spec})`);
  const sizes = given.length === 1 ? [Math.max(1000, Math.round((given[0] as number) / 10)), given[0] as number] : [...new Set(given)].sort((a, b) => a - b);
  return { sizes, small: sizes[0] as number, large: sizes[sizes.length - 1] as number };
}

const ROOT = join(__dirname, '..', '..');

/**
 * The child as the product runs its code: compiled to JavaScript (`dist/server`, as `npm start` runs the
 * API), not compiled at load — swc-node's compiler and source maps alone take some 190 MiB of the RSS.
 */
function compiledChild(): string {
  execFileSync(process.execPath, [join(ROOT, 'apps', 'api', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
  return join(ROOT, 'dist', 'server', 'test', 'bench', 'b4-child.js');
}

function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', compiledChild(), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`b4-child ${args[0]} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() as string) as ChildResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** A SQLite file's size with its WAL. */
const fileBytes = (path: string) => [path, `${path}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);

export interface B4Result {
  rows: Row[];
  /** The events and read models of the large size, for B5. */
  large: { eventsPath: string; readModelsPath: string; events: number };
  notes: string[];
}

/**
 * B4: rebuild of every read model (ALL_READ_MODELS, SQLite read-model store)
 * from a generated history, beside the read limit — a raw ordered scan of the
 * same file, JSON.parse of data and metadata, folded into a Map — each in a
 * child process of its own (so each peak RSS is honest), at each size of
 * `b4Sizes()`, to show whether memory grows with the log (the child runs the
 * compiled JavaScript, as the product does: `compiledChild`); beside each, the
 * bytes the rebuild wrote (/proc/self/io) and the read models' file size
 * against the log's. A first start of the API, with /health asked while its
 * embedded projector catches up, at the smallest size and at the first of
 * 1 000 000 events or more (the largest when none is; at every size with
 * AUXLEDGER_BENCH_CATCHUP=all).
 * The raw scan runs before and after the rebuild; the faster counts. With
 * `pgUrl`, the smaller size is rebuilt into PostgreSQL read models too.
 */
export async function benchRebuild(dir: string, options: { pgUrl?: string } = {}): Promise<B4Result> {
  const { sizes, large, small } = b4Sizes();
  const catchUpAt = new Set(process.env['AUXLEDGER_BENCH_CATCHUP'] === 'all' ? sizes : [small, sizes.find((size) => size >= 1_000_000) ?? large]);
  const rows: Row[] = [];
  const notes: string[] = [];
  const results: Record<number, { rebuild: ChildResult; raw: ChildResult; eventsPath: string; readModelsPath: string }> = {};
  for (const size of sizes) {
    const eventsPath = await ensureCachedHistory({ seed: 1, events: size });
    const readModelsPath = join(dir, `b4-read-models-${size}.db`);
    process.stderr.write(`  B4 at ${size.toLocaleString('en-US')} events (${eventsPath}): read limit, rebuild, read limit\n`);
    const rawBefore = await runChild(['raw', eventsPath]);
    const rebuild = await runChild(['rebuild', eventsPath, readModelsPath]);
    const rawAfter = await runChild(['raw', eventsPath]);
    const raw = rawBefore.seconds <= rawAfter.seconds ? rawBefore : rawAfter;
    results[size] = { rebuild, raw, eventsPath, readModelsPath };
    const logBytes = fileBytes(eventsPath);
    const modelBytes = fileBytes(readModelsPath);
    rows.push({
      id: 'B4',
      scenario: `rebuild all read models, ${rebuild.events.toLocaleString('en-US')} events (SQLite); peak RSS ${mib(rebuild.maxRss)} MiB (raw scan ${mib(raw.maxRss)} MiB)`,
      rate: rebuild.events / rebuild.seconds,
      unit: 'events/s',
      baseline: { label: 'raw ordered scan + JSON.parse + fold into a Map', rate: raw.events / raw.seconds },
      ...(size >= 1_000_000 || size === large ? { target: 0.3 } : {}),
    });
    notes.push(
      `B4 at ${rebuild.events.toLocaleString('en-US')} events: ${rebuild.seconds.toFixed(1)} s; peak RSS ${mib(rebuild.maxRss)} MiB (peak heap ${mib(rebuild.peakHeap)} MiB); ` +
        `bytes written ${rebuild.writeBytes === null ? 'unknown (no /proc)' : `${mib(rebuild.writeBytes)} MiB = ${(rebuild.writeBytes / Math.max(1, modelBytes)).toFixed(1)}× the read-model file`} (goal ≤ 3×); ` +
        `read models ${mib(modelBytes)} MiB beside the log's ${mib(logBytes)} MiB = ${(modelBytes / Math.max(1, logBytes)).toFixed(2)}× (goal ≤ 2×).`,
    );
    if (catchUpAt.has(size)) {
      process.stderr.write(`  B4 at ${size.toLocaleString('en-US')} events: a first start of the API (npm start) on the whole log, /health asked meanwhile\n`);
      compiledChild();
      const first = await firstStartOfTheApi(eventsPath, join(dir, `b4-first-start-${size}.db`));
      const d = first.loopDelay;
      notes.push(
        `B4 first start of the API on the whole log (its embedded projector rebuilds on its worker thread, then catches up): read models at the head, ${first.events.toLocaleString('en-US')} positions, after ${first.seconds.toFixed(1)} s; ` +
          `peak RSS of the API ${mib(first.peakRss)} MiB, ${mib(first.peakRss - first.startRss)} MiB above its RSS once listening (goal ≤ 400 MiB); ` +
          `its event-loop delay over its life (its /metrics) ${d === null ? 'not reported' : `p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms`}.`,
      );
      const h = first.health;
      notes.push(
        `B4 GET /health over HTTP during that first start at ${first.events.toLocaleString('en-US')} positions (one request every 10 ms, one at a time; ${h.requests} answered): p50 ${h.p50} ms, p99 ${h.p99} ms, max ${h.max} ms — goal: p99 ≤ 50 ms.`,
      );
    }
    if (options.pgUrl && size === small) {
      process.stderr.write(`  B4 at ${size.toLocaleString('en-US')} events into PostgreSQL\n`);
      const pg = await runChild(['rebuild-pg', eventsPath, options.pgUrl, `b4_${size}`]);
      rows.push({
        id: 'B4',
        scenario: `rebuild all read models, ${pg.events.toLocaleString('en-US')} events (PostgreSQL read models, log in SQLite); peak RSS ${mib(pg.maxRss)} MiB`,
        rate: pg.events / pg.seconds,
        unit: 'events/s',
        baseline: { label: 'raw ordered scan + JSON.parse + fold into a Map', rate: raw.events / raw.seconds },
      });
    }
  }
  const b = results[large] as (typeof results)[number];
  notes.push(
    `B4 peak RSS of the projector: ${sizes.map((size) => `${mib((results[size] as (typeof results)[number]).rebuild.maxRss)} MiB at ${size.toLocaleString('en-US')} events`).join(', ')} ` +
      `(peak heap ${sizes.map((size) => mib((results[size] as (typeof results)[number]).rebuild.peakHeap)).join(' / ')} MiB) — goal: flat in the log length (within 15 % from 100 k to 2 M), ≤ 400 MiB.`,
  );
  return { rows, large: { eventsPath: b.eventsPath, readModelsPath: b.readModelsPath, events: b.rebuild.events }, notes };
}
