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
  baseline?: { label: string; rate: number };
  target?: number;
}

/** A Markdown table, to read in a terminal and paste into a note as it is. */
export function formatTable(rows: Row[]): string {
  const header = ['id', 'scenario', 'rate', 'p50 ms', 'p99 ms', 'compared with', 'baseline rate', 'ratio', 'target'];
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
      ratio === undefined ? '' : `${fmt(ratio, 2)}×`,
      r.target === undefined ? '' : `≥ ${r.target}× ${ratio !== undefined && ratio >= r.target ? '✓' : '✗'}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
