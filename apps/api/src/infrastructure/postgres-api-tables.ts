import { Pool } from 'pg';
import type { ApiKeyRow, ApiTables } from './api-tables';

/** Beside the event store's tables, in its schema. */
const SCHEMA = 'auxledger';

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
CREATE TABLE IF NOT EXISTS ${SCHEMA}.api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL,
  organ_ids jsonb NOT NULL,
  salt text NOT NULL,
  hash text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text,
  revoked_at timestamptz
);`;

interface KeyRecord {
  id: string;
  name: string;
  role: string;
  organ_ids: string[];
  salt: string;
  hash: string;
  created_at: Date;
  created_by: string | null;
  revoked_at: Date | null;
}

const toRow = (r: KeyRecord): ApiKeyRow => ({
  id: r.id,
  name: r.name,
  role: r.role as ApiKeyRow['role'],
  organIds: r.organ_ids,
  salt: r.salt,
  hash: r.hash,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
});

export class PostgresApiTables implements ApiTables {
  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string): Promise<PostgresApiTables> {
    const pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 10_000, application_name: 'auxledger-api' });
    pool.on('error', () => undefined);
    try {
      // Two API processes starting at once must not race on CREATE … IF NOT EXISTS.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', ['auxledger-api-ddl']);
        await client.query(DDL);
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['auxledger-api-ddl']);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresApiTables(pool);
  }

  async countKeys(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.api_keys`);
    return Number(rows[0]?.n ?? 0);
  }

  async insertKey(row: ApiKeyRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${SCHEMA}.api_keys (id, name, role, organ_ids, salt, hash, created_at, created_by, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.id, row.name, row.role, JSON.stringify(row.organIds), row.salt, row.hash, row.createdAt, row.createdBy, row.revokedAt],
    );
  }

  async insertFirstKey(row: ApiKeyRow): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Serializes first starts; the INSERT's snapshot is taken after the lock, so it sees a key another start committed.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${SCHEMA}/first-api-key`]);
      const { rowCount } = await client.query(
        `INSERT INTO ${SCHEMA}.api_keys (id, name, role, organ_ids, salt, hash, created_at, created_by, revoked_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE NOT EXISTS (SELECT 1 FROM ${SCHEMA}.api_keys)`,
        [row.id, row.name, row.role, JSON.stringify(row.organIds), row.salt, row.hash, row.createdAt, row.createdBy, row.revokedAt],
      );
      await client.query('COMMIT');
      return rowCount === 1;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async findKey(id: string): Promise<ApiKeyRow | null> {
    const { rows } = await this.pool.query<KeyRecord>(`SELECT * FROM ${SCHEMA}.api_keys WHERE id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async listKeys(): Promise<ApiKeyRow[]> {
    const { rows } = await this.pool.query<KeyRecord>(`SELECT * FROM ${SCHEMA}.api_keys ORDER BY created_at, id`);
    return rows.map(toRow);
  }

  async revokeKey(id: string, at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`UPDATE ${SCHEMA}.api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, [at, id]);
    return rowCount === 1;
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
