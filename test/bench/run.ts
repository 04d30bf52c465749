/**
 * The benchmark table (npm run bench). Each figure is measured beside its
 * physical limit in the same process run, and reported as a ratio.
 *
 * Environment: AUXLEDGER_BENCH_SCALE (default 1) multiplies the operation
 * counts; AUXLEDGER_PG_URL names a PostgreSQL, otherwise a throwaway one is
 * started for the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSqliteAppends } from './b1-sqlite';
import { type Row, formatTable } from './measure';

async function main(): Promise<void> {
  const scale = Number(process.env.AUXLEDGER_BENCH_SCALE ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-bench-'));
  const rows: Row[] = [];
  try {
    process.stdout.write(`AuxLedger benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, scale ${scale}\n\n`);
    const b1 = await benchSqliteAppends(dir, { singles: Math.round(2000 * scale), batches: Math.round(40 * scale), rounds: 3 });
    rows.push(...b1.rows);
    process.stdout.write(`${formatTable(rows)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
