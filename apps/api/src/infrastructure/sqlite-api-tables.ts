import Database from 'better-sqlite3';
import { applySqlitePragmas } from '@auxledger/event-store';
import type { ApiKeyRow, ApiTables } from './api-tables';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  organ_ids TEXT NOT NULL,
  salt TEXT NOT NULL,
  hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  revoked_at TEXT
);`;

interface KeyRecord {
  id: string;
  name: string;
  role: string;
  organ_ids: string;
  salt: string;
  hash: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}

const toRow = (r: KeyRecord): ApiKeyRow => ({
  id: r.id,
  name: r.name,
  role: r.role as ApiKeyRow['role'],
  organIds: JSON.parse(r.organ_ids) as string[],
  salt: r.salt,
  hash: r.hash,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
});

/**
 * The API's keys in the event log's SQLite file, on a connection of its own
 * (WAL lets it write beside the log), with the log's durability
 * (synchronous=FULL). Statements are prepared once.
 */
export class SqliteApiTables implements ApiTables {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    this.db = new Database(path);
    applySqlitePragmas(this.db);
    this.db.exec(SCHEMA);
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  async countKeys(): Promise<number> {
    return (this.prepare('SELECT count(*) AS n FROM api_keys').get() as { n: number }).n;
  }

  async insertKey(row: ApiKeyRow): Promise<void> {
    this
      .prepare('INSERT INTO api_keys (id, name, role, organ_ids, salt, hash, created_at, created_by, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.name, row.role, JSON.stringify(row.organIds), row.salt, row.hash, row.createdAt, row.createdBy, row.revokedAt);
  }

  async insertFirstKey(row: ApiKeyRow): Promise<boolean> {
    const { changes } = this
      .prepare(
        'INSERT INTO api_keys (id, name, role, organ_ids, salt, hash, created_at, created_by, revoked_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM api_keys)',
      )
      .run(row.id, row.name, row.role, JSON.stringify(row.organIds), row.salt, row.hash, row.createdAt, row.createdBy, row.revokedAt);
    return changes === 1;
  }

  async findKey(id: string): Promise<ApiKeyRow | null> {
    const r = this.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as KeyRecord | undefined;
    return r ? toRow(r) : null;
  }

  async listKeys(): Promise<ApiKeyRow[]> {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as KeyRecord[]).map(toRow);
  }

  async revokeKey(id: string, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
