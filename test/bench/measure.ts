import { performance } from 'node:perf_hooks';


/** One measured run: how many operations, how long, and each one's latency. */
export interface Measurement {
  ops: number;
  events: number;
  seconds: number;
  latenciesMs: number[];
}

export async function measure(ops: number, eventsPerOp: number, op: (i: number) => unknown | Promise<unknown>): Promise<Measurement> {
  const latenciesMs: number[] = new Array(ops);
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    const t0 = performance.now();
    await op(i);
    latenciesMs[i] = performance.now() - t0;
  }
  return { ops, events: ops * eventsPerOp, seconds: (performance.now() - start) / 1000, latenciesMs };
}

/**
 * Runs several sides in alternating chunks (a, b, a, b, …) so that each sees
 * the same machine: on a shared disk, fsync latency drifts by several times
 * within a minute, and sequential runs would compare different moments.
 */
export async function measureInterleaved(
  ops: number,
  chunk: number,
  sides: Array<{ eventsPerOp: number; op: (i: number) => unknown | Promise<unknown> }>,
): Promise<Measurement[]> {
  const results = sides.map((side) => ({ ops: 0, events: 0, seconds: 0, latenciesMs: [] as number[], side }));
  for (let done = 0; done < ops; done += chunk) {
    const n = Math.min(chunk, ops - done);
    for (const result of results) {
      const start = performance.now();
      for (let k = 0; k < n; k++) {
        const t0 = performance.now();
        await result.side.op(done + k);
        result.latenciesMs.push(performance.now() - t0);
      }
      result.seconds += (performance.now() - start) / 1000;
      result.ops += n;
      result.events += n * result.side.eventsPerOp;
    }
  }
  return results.map(({ side: _side, ...m }) => m);
}

export const perSecond = (m: Measurement) => m.events / m.seconds;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The median of several rounds' measurements, by throughput. */
export function median(rounds: Measurement[]): Measurement {
  const sorted = [...rounds].sort((a, b) => perSecond(a) - perSecond(b));
  return sorted[Math.floor(sorted.length / 2)] as Measurement;
}

export interface Row {
  id: string;
  scenario: string;
  rate: number;
  unit: string;
  p50?: number;
  p99?: number;
  baseline?: { label: string; rate: number; p50?: number; p99?: number };
  target?: number;
}

/** A Markdown table, to read in a terminal and paste into a note as it is. */
export function formatTable(rows: Row[]): string {
  const header = ['id', 'scenario', 'rate', 'p50 ms', 'p99 ms', 'compared with', 'baseline rate', 'base p50', 'base p99', 'ratio', 'target'];
  const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const body = rows.map((r) => {
    const ratio = r.baseline ? r.rate / r.baseline.rate : undefined;
    return [
      r.id,
      r.scenario,
      `${fmt(r.rate)} ${r.unit}`,
      fmt(r.p50, 3),
      fmt(r.p99, 3),
      r.baseline?.label ?? '',
      r.baseline ? `${fmt(r.baseline.rate)} ${r.unit}` : '',
      fmt(r.baseline?.p50, 3),
      fmt(r.baseline?.p99, 3),
      ratio === undefined ? '' : `${fmt(ratio, 2)}×`,
      r.target === undefined ? '' : `≥ ${r.target}× ${ratio !== undefined && ratio >= r.target ? '✓' : '✗'}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
