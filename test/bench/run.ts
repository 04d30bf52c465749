/**
 * The benchmark table (npm run bench). Each figure is measured beside its
 * physical limit in the same process run, and reported as a ratio.
 *
 * Environment: AUXLEDGER_BENCH_SCALE (default 1) multiplies the operation
 * counts; AUXLEDGER_PG_URL names a PostgreSQL, otherwise a throwaway one is
 * started for the run (B1, B2, B3, B7 and B8 run on SQLite and on PostgreSQL). AUXLEDGER_BENCH_EVENTS (default 1 000 000) is the size
 * of B4's and B5's history, measured with a tenth of it; or a list of sizes
 * (`100000,1000000,2000000`), each measured, B5 on the largest (generated
 * once, then cached under AUXLEDGER_BENCH_DATA, or AUXLEDGER_BENCH_HISTORY_DIR,
 * default ./data/bench); B4 measures a first start of the API (/health while
 * its embedded projector catches up) at the smallest size and at 1 000 000
 * events or the first size above, AUXLEDGER_BENCH_CATCHUP=all at every size; AUXLEDGER_BENCH_PG_REBUILD=1
 * also rebuilds B4's smaller history into PostgreSQL read models;
 * AUXLEDGER_BENCH_ONLY (e.g. `B3,B4`) runs only those; AUXLEDGER_BENCH_PROOF_EVENTS
 * (default 1 000 000) is the size of B6's log for inclusion proofs.
 * B8 (commands over HTTP with several clients at once, on SQLite and
 * PostgreSQL): AUXLEDGER_BENCH_CLIENTS (default `1,4,16,64`) the levels,
 * AUXLEDGER_BENCH_CONCURRENCY_COMMANDS (default 480 × scale) the commands per
 * level, in 6 rounds alternating with the fsync limit; raise it for a longer,
 * steadier run (e.g. 4000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startThrowawayPostgres } from '@auxledger/test-support';
import { benchPostgresAppends } from './b1-postgres';
import { benchSqliteAppends } from './b1-sqlite';
import { benchCommandPath } from './b2-command-path';
import { benchHttp } from './b3-http';
import { benchRebuild } from './b4-rebuild';
import { benchAggregates } from './b5-aggregates';
import { benchAsOf } from './b5-as-of';
import { benchVerify } from './b6-verify';
import { benchEmmett } from './b7-emmett';
import { benchEmmettPostgres } from './b7-emmett-postgres';
import { type ConcurrencyOptions, benchConcurrency } from './b8-concurrency';
import { type Row, formatTable } from './measure';

async function main(): Promise<void> {
  const scale = Number(process.env.AUXLEDGER_BENCH_SCALE ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-bench-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  const only = process.env.AUXLEDGER_BENCH_ONLY?.split(',').map((id) => id.trim().toUpperCase());
  const wanted = (id: string) => !only || only.includes(id);
  const concurrency: ConcurrencyOptions = {
    clients: (process.env.AUXLEDGER_BENCH_CLIENTS ?? '1,4,16,64').split(',').map((n) => Number(n.trim())),
    commands: Number(process.env.AUXLEDGER_BENCH_CONCURRENCY_COMMANDS ?? Math.round(480 * scale)),
    rounds: 6,
  };
  if (concurrency.clients.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('AUXLEDGER_BENCH_CLIENTS must list positive integers, e.g. 1,4,16,64');
  try {
    process.stdout.write(`AuxLedger benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, scale ${scale}\n\n`);
    const step = (label: string) => process.stderr.write(`… ${label}\n`);
    if (wanted('B1')) {
      step('B1 SQLite appends');
      const b1 = await benchSqliteAppends(dir, { singles: Math.round(3000 * scale), batches: Math.round(60 * scale) });
      rows.push(...b1.rows);
    }
    if (wanted('B2')) {
      step('B2 command path');
      rows.push(...(await benchCommandPath(dir, Math.round(2000 * scale))));
    }
    if (wanted('B3')) {
      step('B3 command path over HTTP (beside B2 and B1 single appends)');
      const b3 = await benchHttp(dir, Math.round(1000 * scale));
      rows.push(...b3.rows);
      notes.push(...b3.notes);
    }
    if (wanted('B7')) {
      step('B7 the same AssignDuty commands on Emmett 0.38.5 SQLite (documented path and one connection)');
      const b7 = await benchEmmett(dir, Math.round(1000 * scale));
      rows.push(...b7.rows);
      notes.push(...b7.notes);
    }
    if (wanted('B8')) {
      step(`B8 commands over HTTP with ${concurrency.clients.join('/')} clients at once, SQLite (beside the fsync limit)`);
      const b8 = await benchConcurrency({ kind: 'sqlite', dir }, concurrency);
      rows.push(...b8.rows);
      notes.push(...b8.notes);
    }
    if (wanted('B6')) {
      step('B6 verify, the Merkle tree per append, inclusion proofs');
      rows.push(...(await benchVerify(dir, Math.round(50_000 * scale), { appends: Math.round(2000 * scale), proofEvents: Number(process.env.AUXLEDGER_BENCH_PROOF_EVENTS ?? 1_000_000) })));
    }
    if (['B1', 'B2', 'B3', 'B7', 'B8'].some(wanted)) {
      const throwaway = process.env.AUXLEDGER_PG_URL ? undefined : await startThrowawayPostgres();
      try {
        const url = process.env.AUXLEDGER_PG_URL ?? (throwaway?.url as string);
        if (wanted('B1')) {
          step('B1 PostgreSQL appends');
          rows.push(...(await benchPostgresAppends(url, { singles: Math.round(1000 * scale), batches: Math.round(20 * scale) })));
        }
        if (wanted('B2')) {
          step('B2 command path, PostgreSQL');
          rows.push(...(await benchCommandPath(dir, Math.round(1000 * scale), 200, { kind: 'postgres', url })));
        }
        if (wanted('B3')) {
          step('B3 command path over HTTP, PostgreSQL (beside B2 and B1 single appends)');
          const b3 = await benchHttp(dir, Math.round(1000 * scale), 200, { kind: 'postgres', url });
          rows.push(...b3.rows);
          notes.push(...b3.notes);
        }
        if (wanted('B7')) {
          step('B7 the same AssignDuty commands on Emmett 0.42.0 PostgreSQL (CommandHandler and readStream + appendToStream)');
          const b7 = await benchEmmettPostgres(url, Math.round(1000 * scale));
          rows.push(...b7.rows);
          notes.push(...b7.notes);
        }
        if (wanted('B8')) {
          step(`B8 commands over HTTP with ${concurrency.clients.join('/')} clients at once, PostgreSQL (beside the fsync limit)`);
          const b8 = await benchConcurrency({ kind: 'postgres', dir, url }, concurrency);
          rows.push(...b8.rows);
          notes.push(...b8.notes);
        }
      } finally {
        throwaway?.stop();
      }
    }
    if (wanted('B4') || wanted('B5')) {
      step('B4 rebuild of every read model (each measurement in a child process of its own)');
      const pgRebuild = process.env.AUXLEDGER_BENCH_PG_REBUILD === '1';
      const throwaway = pgRebuild && !process.env.AUXLEDGER_PG_URL ? await startThrowawayPostgres() : undefined;
      let b4: Awaited<ReturnType<typeof benchRebuild>>;
      try {
        const pgUrl = pgRebuild ? (process.env.AUXLEDGER_PG_URL ?? throwaway?.url) : undefined;
        b4 = await benchRebuild(dir, pgUrl ? { pgUrl } : {});
      } finally {
        throwaway?.stop();
      }
      if (wanted('B4')) {
        rows.push(...b4.rows);
        notes.push(...b4.notes);
      }
      if (wanted('B5')) {
        step('B5 as-of queries');
        const b5 = await benchAsOf(b4.large.readModelsPath, b4.large.events);
        rows.push(...b5.rows);
        notes.push(...b5.notes);
        step('B5 the dashboard\'s aggregate queries');
        const agg = await benchAggregates(b4.large.readModelsPath, b4.large.events);
        rows.push(...agg.rows);
        notes.push(...agg.notes);
      }
    }
    process.stdout.write(`${formatTable(rows)}\n`);
    if (notes.length > 0) process.stdout.write(`\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
