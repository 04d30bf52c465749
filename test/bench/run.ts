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
import { startThrowawayPostgres } from '@auxledger/test-support';
import { benchPostgresAppends } from './b1-postgres';
import { benchSqliteAppends } from './b1-sqlite';
import { benchCommandPath } from './b2-command-path';
import { benchVerify } from './b6-verify';
import { type Row, formatTable } from './measure';

async function main(): Promise<void> {
  const scale = Number(process.env.AUXLEDGER_BENCH_SCALE ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-bench-'));
  const rows: Row[] = [];
  try {
    process.stdout.write(`AuxLedger benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, scale ${scale}\n\n`);
    const step = (label: string) => process.stderr.write(`… ${label}\n`);
    step('B1 SQLite appends');
    const b1 = await benchSqliteAppends(dir, { singles: Math.round(3000 * scale), batches: Math.round(60 * scale) });
    rows.push(...b1.rows);
    step('B2 command path');
    rows.push(...(await benchCommandPath(dir, Math.round(2000 * scale))));
    step('B6 verify');
    rows.push(...(await benchVerify(dir, Math.round(50_000 * scale))));
    step('B1 PostgreSQL appends');
    const throwaway = process.env.AUXLEDGER_PG_URL ? undefined : await startThrowawayPostgres();
    try {
      const url = process.env.AUXLEDGER_PG_URL ?? (throwaway?.url as string);
      rows.push(...(await benchPostgresAppends(url, { singles: Math.round(1000 * scale), batches: Math.round(20 * scale) })));
    } finally {
      throwaway?.stop();
    }
    process.stdout.write(`${formatTable(rows)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
