import type { Role } from '@auxledger/domain';

/** An API key as stored: never the key itself, only a salted SHA-256 of its secret. */
export interface ApiKeyRow {
  id: string;
  name: string;
  role: Exclude<Role, 'system'>;
  /** Operators: the organs whose subtrees they may command. Empty for other roles. */
  organIds: string[];
  salt: string;
  hash: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

/**
 * The API's own table, beside the event log in the same database: `api_keys`.
 * It is not a record of the regulation; the log is. (Command ids are claimed
 * in the log itself, ADR 0003; an `api_command_ids` table of earlier releases
 * is left as it was and no longer read.)
 */
export interface ApiTables {
  countKeys(): Promise<number>;
  insertKey(row: ApiKeyRow): Promise<void>;
  /** Inserts the row only into an empty key table (one first key, also with two processes starting at once); true when it was inserted. */
  insertFirstKey(row: ApiKeyRow): Promise<boolean>;
  findKey(id: string): Promise<ApiKeyRow | null>;
  listKeys(): Promise<ApiKeyRow[]>;
  /** Marks a key revoked; false when there is no such key or it was revoked already. */
  revokeKey(id: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}
