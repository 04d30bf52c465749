import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * How a suite reaches PostgreSQL: `AUXLEDGER_PG_URL` (set by the caller, or by
 * the global setup after it started a throwaway cluster). When there is none,
 * `AUXLEDGER_PG_SKIP_REASON` says why, and the suite is reported as skipped
 * with that reason. Under CI=true the global setup fails instead.
 */
export const PG_URL_ENV = 'AUXLEDGER_PG_URL';
export const PG_SKIP_ENV = 'AUXLEDGER_PG_SKIP_REASON';

export function postgresUrl(): string | undefined {
  return process.env[PG_URL_ENV] || undefined;
}

/** `describe`, or `describe.skip` with the reason in its title when there is no PostgreSQL. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (postgresUrl()) {
    describe(name, body);
  } else {
    describe.skip(`${name} — SKIPPED: no PostgreSQL (${process.env[PG_SKIP_ENV] ?? `set ${PG_URL_ENV}`})`, body);
  }
}

/** A fresh, empty database on the test server; returns its URL. */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const base = postgresUrl();
  if (!base) throw new Error(`${PG_URL_ENV} is not set`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
