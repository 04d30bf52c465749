import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureCachedHistory } from '@auxledger/history';
import type { ChildResult } from './b4-child';
import type { Row } from './measure';

/** The history sizes B4 measures: `AUXLEDGER_BENCH_EVENTS` (default 1 000 000), and a tenth of it for the RSS comparison. */
export function b4Sizes(): { large: number; small: number } {
  const large = Number(process.env['AUXLEDGER_BENCH_EVENTS'] ?? 1_000_000);
  if (!Number.isInteger(large) || large < 1000) throw new Error(`AUXLEDGER_BENCH_EVENTS must be a whole number ≥ 1000 (got ${process.env['AUXLEDGER_BENCH_EVENTS']})`);
  return { large, small: Math.max(1000, Math.round(large / 10)) };
}

function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', '@swc-node/register', join(__dirname, 'b4-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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
 * child process of its own (so each peak RSS is honest), at two sizes: the
 * large one and a tenth of it, to show whether memory grows with the log.
 * The raw scan runs before and after the rebuild; the faster counts. With
 * `pgUrl`, the smaller size is rebuilt into PostgreSQL read models too.
 */
export async function benchRebuild(dir: string, options: { pgUrl?: string } = {}): Promise<B4Result> {
  const { large, small } = b4Sizes();
  const rows: Row[] = [];
  const notes: string[] = [];
  const results: Record<number, { rebuild: ChildResult; raw: ChildResult; eventsPath: string; readModelsPath: string }> = {};
  for (const size of [small, large]) {
    const eventsPath = await ensureCachedHistory({ seed: 1, events: size });
    const readModelsPath = join(dir, `b4-read-models-${size}.db`);
    process.stderr.write(`  B4 at ${size.toLocaleString('en-US')} events: read limit, rebuild, read limit\n`);
    const rawBefore = await runChild(['raw', eventsPath]);
    const rebuild = await runChild(['rebuild', eventsPath, readModelsPath]);
    const rawAfter = await runChild(['raw', eventsPath]);
    const raw = rawBefore.seconds <= rawAfter.seconds ? rawBefore : rawAfter;
    results[size] = { rebuild, raw, eventsPath, readModelsPath };
    rows.push({
      id: 'B4',
      scenario: `rebuild all read models, ${rebuild.events.toLocaleString('en-US')} events (SQLite); peak RSS ${mib(rebuild.maxRss)} MiB (raw scan ${mib(raw.maxRss)} MiB)`,
      rate: rebuild.events / rebuild.seconds,
      unit: 'events/s',
      baseline: { label: 'raw ordered scan + JSON.parse + fold into a Map', rate: raw.events / raw.seconds },
      ...(size === large ? { target: 0.3 } : {}),
    });
    if (size === small) {
      process.stderr.write(`  B4 at ${size.toLocaleString('en-US')} events: a catch-up as the API's embedded projector does it, the event loop's delay sampled\n`);
      const caught = await runChild(['catchup', eventsPath, join(dir, `b4-catchup-${size}.db`)]);
      const d = caught.loopDelay;
      notes.push(
        `B4 event-loop delay while the embedded projector catches up ${caught.events.toLocaleString('en-US')} events (what /health waits in the same process): ` +
          `p50 ${d?.p50} ms, p99 ${d?.p99} ms, max ${d?.max} ms — goal: p99 ≤ 50 ms.`,
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
  const a = results[small] as (typeof results)[number];
  const b = results[large] as (typeof results)[number];
  notes.push(
    `B4 peak RSS of the projector: ${mib(a.rebuild.maxRss)} MiB at ${small.toLocaleString('en-US')} events, ${mib(b.rebuild.maxRss)} MiB at ${large.toLocaleString('en-US')} ` +
      `(peak heap ${mib(a.rebuild.peakHeap)} / ${mib(b.rebuild.peakHeap)} MiB) — goal: flat in the log length.`,
  );
  return { rows, large: { eventsPath: b.eventsPath, readModelsPath: b.readModelsPath, events: b.rebuild.events }, notes };
}
