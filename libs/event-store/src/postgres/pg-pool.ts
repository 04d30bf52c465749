import { Pool, type PoolConfig } from 'pg';

/** How a PostgreSQL-backed store is given its connections: a connection string, or a pool the caller owns. */
export type PgConnection =
  | {
      connectionString: string;
      poolSize?: number;
      /** How long to wait for a connection, new or from the pool, before failing (default 10 s). */
      connectionTimeoutMs?: number;
    }
  | { pool: Pool };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

/** Schema names are interpolated into DDL: only plain lower-case identifiers. */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`PostgreSQL schema name must match ${SCHEMA_NAME} (got ${JSON.stringify(schema)})`);
  return schema;
}

/**
 * The pool a store uses, and whether the store owns it (and so ends it on
 * close). An owned pool ignores errors of idle connections: a connection that
 * drops must not crash the process; the next query reports it.
 */
export function openPgPool(
  connection: PgConnection,
  defaults: { applicationName: string; poolSize: number; types?: PoolConfig['types'] },
): { pool: Pool; owned: boolean } {
  if ('pool' in connection) return { pool: connection.pool, owned: false };
  const pool = new Pool({
    connectionString: connection.connectionString,
    max: connection.poolSize ?? defaults.poolSize,
    connectionTimeoutMillis: connection.connectionTimeoutMs ?? 10_000,
    application_name: defaults.applicationName,
    ...(defaults.types ? { types: defaults.types } : {}),
  });
  pool.on('error', () => undefined);
  return { pool, owned: true };
}
