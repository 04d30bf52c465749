import Database from 'better-sqlite3';
import { applySqlitePragmas } from '@auxledger/event-store';
import type { ApiKeyRow, ApiTables, CommandIdClaim } from './api-tables';

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
);
CREATE TABLE IF NOT EXISTS api_command_ids (
  command_id TEXT PRIMARY KEY,
  command_type TEXT NOT NULL,
  digest TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  effective_date TEXT,
  key_id TEXT
);`;

/** Columns added after the first release: added to a table created before them. */
const ADDED_COLUMNS = [
  ['effective_date', 'TEXT'],
  ['key_id', 'TEXT'],
] as const;

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

interface ClaimRecord {
  command_type: string;
  digest: string;
  effective_date: string | null;
  key_id: string | null;
}

const toClaim = (commandId: string, r: ClaimRecord): CommandIdClaim => ({ commandId, commandType: r.command_type, digest: r.digest, effectiveDate: r.effective_date, keyId: r.key_id });

/**
 * The API's tables in the event log's SQLite file, on connections of their own
 * (WAL lets them write beside the log): keys with the log's durability
 * (synchronous=FULL); command-id claims with synchronous=NORMAL — a claim is a
 * guard against reusing a client's id, not a record, and its own fsync would
 * double the disk flushes of every command (a power cut can lose the last
 * claims, never corrupt them, and the command path still recognises a
 * repeated command by its streams). Statements are prepared once.
 */
export class SqliteApiTables implements ApiTables {
  private readonly db: Database.Database;
  private readonly claims: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    this.db = new Database(path);
    applySqlitePragmas(this.db);
    this.db.exec(SCHEMA);
    const columns = new Set((this.db.prepare('PRAGMA table_info(api_command_ids)').all() as { name: string }[]).map((c) => c.name));
    for (const [name, type] of ADDED_COLUMNS) if (!columns.has(name)) this.db.exec(`ALTER TABLE api_command_ids ADD COLUMN ${name} ${type}`);
    this.claims = new Database(path);
    applySqlitePragmas(this.claims);
    this.claims.pragma('synchronous = NORMAL');
  }

  private prepare(sql: string, db: Database.Database = this.db): Database.Statement {
    const key = `${db === this.claims ? 'claims' : 'keys'}:${sql}`;
    let statement = this.statements.get(key);
    if (!statement) this.statements.set(key, (statement = db.prepare(sql)));
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

  async claimCommandId(claim: CommandIdClaim, at: string): Promise<CommandIdClaim> {
    this
      .prepare('INSERT INTO api_command_ids (command_id, command_type, digest, first_seen_at, effective_date, key_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (command_id) DO NOTHING', this.claims)
      .run(claim.commandId, claim.commandType, claim.digest, at, claim.effectiveDate, claim.keyId);
    const r = this.prepare('SELECT command_type, digest, effective_date, key_id FROM api_command_ids WHERE command_id = ?', this.claims).get(claim.commandId) as ClaimRecord;
    return toClaim(claim.commandId, r);
  }

  async close(): Promise<void> {
    if (this.claims.open) this.claims.close();
    if (this.db.open) this.db.close();
  }
}
