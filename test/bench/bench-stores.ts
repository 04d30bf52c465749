import { join } from 'node:path';
import { Client } from 'pg';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';

/** A store the benchmark opens and closes. */
export type BenchStore = EventStore & { close(): Promise<void> };

/**
 * A database of its own on the PostgreSQL at `url` for an API the benchmark
 * starts (`name`, dropped first if a run before left it), and the environment
 * that points the API at it, its keys kept under `dir`.
 */
export async function apiDatabase(url: string, dir: string, name: string): Promise<{ url: string; env: Record<string, string> }> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    env: {
      AUXLEDGER_PG_URL: own.toString(),
      AUXLEDGER_SIGNING_KEY: join(dir, `${name}.signing.key`),
      AUXLEDGER_PERSON_KEY_SECRET: join(dir, `${name}.person-key.key`),
      AUXLEDGER_DATA_KEY_WRAP_KEY: join(dir, `${name}.wrap.key`),
      AUXLEDGER_PEOPLE_DB: join(dir, `${name}.people.db`),
    },
  };
}

/** Where a benchmark runs: SQLite files in its folder, or a PostgreSQL (each side in a schema of its own). */
export type BenchTarget = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

/** A new store for one side of a benchmark: the file `<name>.db` in `dir`, or the schema `bench_<name>` on the PostgreSQL (dropped first if a run before left it). */
export async function openBenchStore(target: BenchTarget, dir: string, name: string): Promise<BenchStore> {
  if (target.kind === 'sqlite') return new SqliteEventStore({ path: join(dir, `${name}.db`) });
  const schema = `bench_${name.replace(/[^a-z0-9]/g, '_')}`;
  const admin = new Client({ connectionString: target.url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
  return PostgresEventStore.open({ connectionString: target.url, schema });
}
