import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { IdentityError } from './errors';

/** A person's data key in clear, as the vault uses it for one operation. */
export interface DataKey {
  keyId: string;
  key: Buffer;
}

/** A data key's state: live, or shredded (its wrapped bytes erased) — when and why. */
export type DataKeyStatus = { status: 'NONE' } | { status: 'LIVE'; keyId: string; createdAt: string } | { status: 'SHREDDED'; keyId: string; createdAt: string; shreddedAt: string; reason: string };

/** One read of a person's personal data: who, when, which fields, how much of them, why. */
export interface AccessRecord {
  seq: number;
  personKey: string;
  at: string;
  actorKeyId: string;
  actorRole: string;
  /** The organ the reader read as (an operator's grant), null for region-wide roles. */
  organId: string | null;
  fields: string[];
  /** MASKED: the ID number masked; CLEAR: asked for in clear; SHREDDED: the key erased, nothing read. */
  disclosure: 'MASKED' | 'CLEAR' | 'SHREDDED';
  reason: string | null;
}

/**
 * The data keys (one per person, AES-256, wrapped by the deployment's wrap
 * key with AES-256-GCM) and the record of every read of personal data. A
 * port: the SQLite implementation below is the default; PostgreSQL keeps the
 * same two tables in its own schema (ADR 0006, to do).
 */
export interface PeopleKeyStore {
  /** The person's live data key, created when there is none (after a shredding: a new one, with a new id). */
  dataKeyFor(personKey: string, now: Date): Promise<DataKey>;
  /** The data key with this id, or null when it was shredded (or never existed). */
  dataKey(personKey: string, keyId: string): Promise<Buffer | null>;
  status(personKey: string): Promise<DataKeyStatus>;
  /** Erases the wrapped bytes of the person's every key: whatever was sealed under them is unreadable from now on. */
  shred(personKey: string, now: Date, reason: string): Promise<{ shredded: number }>;
  recordAccess(record: Omit<AccessRecord, 'seq'>): Promise<AccessRecord>;
  accessRecords(filter: { personKey?: string; actorKeyId?: string }): Promise<AccessRecord[]>;
  close(): Promise<void>;
}

/** The wrap key's fingerprint, kept beside each wrapped key: a wrong wrap-key file is named as such, not taken for altered keys. */
export const wrapKeyId = (wrapKey: Buffer): string => createHash('sha256').update('auxledger/wrap-key/v1\n').update(wrapKey).digest('hex').slice(0, 16);

const aad = (personKey: string, keyId: string) => Buffer.from(`auxledger/data-key/v1\n${personKey}\n${keyId}`, 'utf8');

export function wrapDataKey(wrapKey: Buffer, personKey: string, keyId: string, dataKey: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrapKey, iv);
  cipher.setAAD(aad(personKey, keyId));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function unwrapDataKey(wrapKey: Buffer, personKey: string, keyId: string, wrapped: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapKey, wrapped.subarray(0, 12));
    decipher.setAAD(aad(personKey, keyId));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  } catch {
    throw new IdentityError('DATA_KEY_INVALID', { zh: `数据密钥 ${keyId} 无法解开：已被改动`, en: `Data key ${keyId} does not unwrap: altered` }, { keyId });
  }
}

interface KeyRow {
  key_id: string;
  person_key: string;
  wrapped: Buffer | null;
  wrap_key_id: string;
  created_at: string;
  shredded_at: string | null;
  shred_reason: string | null;
}

interface AccessRow {
  seq: number;
  person_key: string;
  at: string;
  actor_key_id: string;
  actor_role: string;
  organ_id: string | null;
  fields: string;
  disclosure: AccessRecord['disclosure'];
  reason: string | null;
}

/**
 * The key store in a SQLite file of its own (`<log>.people.db` beside the
 * log), apart from the log so that it is backed up — and its backups expire —
 * on its own schedule (ADR 0006). `secure_delete` zeroes what a shredding
 * frees, and the WAL is truncated after it, so no page of the file keeps the
 * erased bytes.
 */
export class SqlitePeopleKeyStore implements PeopleKeyStore {
  private readonly db: Database.Database;
  private readonly wrapKeyId: string;
  /** Prepared once: a generator asks for a key per applicant, an API per read. */
  private readonly statements;
  private readonly takeKey;

  /**
   * `options.makeKey`: how a new data key is made (default: 32 random bytes
   * and a random id) — the demo derives them from its seed, so that the same
   * seed gives the same log. `options.durable: false`: no fsync per key (a
   * generator writing a fresh file; default true).
   */
  constructor(
    path: string,
    private readonly wrapKey: Buffer,
    private readonly options: { makeKey?: (personKey: string) => DataKey; durable?: boolean } = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(options.durable === false ? 'synchronous = OFF' : 'synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS data_keys (
        key_id TEXT PRIMARY KEY,
        person_key TEXT NOT NULL,
        wrapped BLOB,
        wrap_key_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        shredded_at TEXT,
        shred_reason TEXT
      );
      CREATE UNIQUE INDEX IF NOT EXISTS data_keys_live ON data_keys (person_key) WHERE shredded_at IS NULL;
      CREATE INDEX IF NOT EXISTS data_keys_person ON data_keys (person_key);
      CREATE TABLE IF NOT EXISTS access_records (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        person_key TEXT NOT NULL,
        at TEXT NOT NULL,
        actor_key_id TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        organ_id TEXT,
        fields TEXT NOT NULL,
        disclosure TEXT NOT NULL,
        reason TEXT
      );
      CREATE INDEX IF NOT EXISTS access_records_person ON access_records (person_key, seq);
      CREATE INDEX IF NOT EXISTS access_records_actor ON access_records (actor_key_id, seq);
    `);
    this.wrapKeyId = wrapKeyId(wrapKey);
    this.statements = {
      live: this.db.prepare<[string], KeyRow>('SELECT * FROM data_keys WHERE person_key = ? AND shredded_at IS NULL'),
      insert: this.db.prepare('INSERT INTO data_keys (key_id, person_key, wrapped, wrap_key_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      byId: this.db.prepare<[string, string], KeyRow>('SELECT * FROM data_keys WHERE key_id = ? AND person_key = ?'),
      latest: this.db.prepare<[string], KeyRow>('SELECT * FROM data_keys WHERE person_key = ? ORDER BY shredded_at IS NULL DESC, created_at DESC LIMIT 1'),
    };
    this.takeKey = this.db.transaction((personKey: string, now: Date): DataKey => {
      const live = this.statements.live.get(personKey);
      if (live) return { keyId: live.key_id, key: this.unwrap(live) };
      const { keyId, key } = this.options.makeKey ? this.options.makeKey(personKey) : { keyId: `dk-${randomUUID()}`, key: randomBytes(32) };
      this.statements.insert.run(keyId, personKey, wrapDataKey(this.wrapKey, personKey, keyId, key), this.wrapKeyId, now.toISOString());
      return { keyId, key };
    });
  }

  async dataKeyFor(personKey: string, now: Date): Promise<DataKey> {
    return this.takeKey.immediate(personKey, now);
  }

  async dataKey(personKey: string, keyId: string): Promise<Buffer | null> {
    const row = this.statements.byId.get(keyId, personKey);
    return row && row.wrapped ? this.unwrap(row) : null;
  }

  async status(personKey: string): Promise<DataKeyStatus> {
    const row = this.statements.latest.get(personKey);
    if (!row) return { status: 'NONE' };
    if (row.shredded_at === null) return { status: 'LIVE', keyId: row.key_id, createdAt: row.created_at };
    return { status: 'SHREDDED', keyId: row.key_id, createdAt: row.created_at, shreddedAt: row.shredded_at, reason: row.shred_reason ?? '' };
  }

  async shred(personKey: string, now: Date, reason: string): Promise<{ shredded: number }> {
    const { changes } = this.db
      .prepare('UPDATE data_keys SET wrapped = NULL, shredded_at = ?, shred_reason = ? WHERE person_key = ? AND shredded_at IS NULL')
      .run(now.toISOString(), reason, personKey);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { shredded: changes };
  }

  async recordAccess(record: Omit<AccessRecord, 'seq'>): Promise<AccessRecord> {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO access_records (person_key, at, actor_key_id, actor_role, organ_id, fields, disclosure, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(record.personKey, record.at, record.actorKeyId, record.actorRole, record.organId, JSON.stringify(record.fields), record.disclosure, record.reason);
    return { seq: Number(lastInsertRowid), ...record };
  }

  async accessRecords(filter: { personKey?: string; actorKeyId?: string }): Promise<AccessRecord[]> {
    const rows = this.db
      .prepare<{ person: string | null; actor: string | null }, AccessRow>(
        'SELECT * FROM access_records WHERE (@person IS NULL OR person_key = @person) AND (@actor IS NULL OR actor_key_id = @actor) ORDER BY seq',
      )
      .all({ person: filter.personKey ?? null, actor: filter.actorKeyId ?? null });
    return rows.map((r) => ({
      seq: r.seq,
      personKey: r.person_key,
      at: r.at,
      actorKeyId: r.actor_key_id,
      actorRole: r.actor_role,
      organId: r.organ_id,
      fields: JSON.parse(r.fields) as string[],
      disclosure: r.disclosure,
      reason: r.reason,
    }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private unwrap(row: KeyRow): Buffer {
    if (row.wrap_key_id !== this.wrapKeyId) {
      throw new IdentityError(
        'WRAP_KEY_MISMATCH',
        { zh: `数据密钥 ${row.key_id} 由另一把封装密钥（${row.wrap_key_id}）封装：封装密钥文件不对`, en: `Data key ${row.key_id} is wrapped by another wrap key (${row.wrap_key_id}): wrong wrap-key file` },
        { keyId: row.key_id, wrapKeyId: row.wrap_key_id },
      );
    }
    return unwrapDataKey(this.wrapKey, row.person_key, row.key_id, row.wrapped as Buffer);
  }
}
