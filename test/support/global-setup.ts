import { PG_SKIP_ENV, PG_URL_ENV } from './postgres-for-tests';
import { type ThrowawayPostgres, startThrowawayPostgres } from './throwaway-postgres';

let postgres: ThrowawayPostgres | undefined;

/** Jest global setup: a throwaway PostgreSQL unless AUXLEDGER_PG_URL names one. */
export default async function globalSetup(): Promise<void> {
  if (process.env[PG_URL_ENV]) return;
  try {
    postgres = await startThrowawayPostgres();
    process.env[PG_URL_ENV] = postgres.url;
    process.env.AUXLEDGER_PG_THROWAWAY = '1';
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true and no PostgreSQL: ${(error as Error).message}`);
    }
    process.env[PG_SKIP_ENV] = (error as Error).message;
  }
}

export async function teardown(): Promise<void> {
  postgres?.stop();
  postgres = undefined;
}
