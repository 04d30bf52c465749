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

/** The first use of a command id: what it named, so that another command cannot reuse it. */
export interface CommandIdClaim {
  commandId: string;
  commandType: string;
  /** SHA-256 of the type, the data and the effective date AS SENT (null when the body left it to the default). */
  digest: string;
  /** The effective date the first sending was decided on (the default resolved then): a repeat without one reuses it. Null on rows from before it was kept. */
  effectiveDate: string | null;
  /** The API key that sent it first: only that key learns what the id was first used for. Null on rows from before it was kept. */
  keyId: string | null;
}

/**
 * The API's own tables, beside the event log in the same database: `api_keys`
 * and `api_command_ids`. Neither is a record of the regulation; the log is.
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
  /** Records the first command seen with this id and returns it (the stored one, if it was seen before). */
  claimCommandId(claim: CommandIdClaim, at: string): Promise<CommandIdClaim>;
  close(): Promise<void>;
}
