import { basename, dirname, extname, join, resolve } from 'node:path';

/** Where a deployment keeps its personal-data secrets and key store (ADR 0006). */
export interface IdentityFiles {
  /** The HMAC secret of person keys (`AUXLEDGER_PERSON_KEY_SECRET`; default `<log name>.person-key.key` beside the SQLite log). */
  personKeySecretPath: string;
  /** The wrap key of the data keys (`AUXLEDGER_DATA_KEY_WRAP_KEY`; default `<log name>.wrap.key`). */
  wrapKeyPath: string;
  /** The SQLite key store of data keys and access records (`AUXLEDGER_PEOPLE_DB`; default `<log name>.people.db`). */
  keyStorePath: string;
}

/**
 * The files as the API finds them (its `identityConfig`): the variables, else
 * beside the SQLite log and named after it; for PostgreSQL in ./data. The CLI
 * and the demo generator use the same names, so that they open the API's files.
 */
export function identityFiles(env: NodeJS.ProcessEnv, sqliteLogPath: string | null): IdentityFiles {
  const base = sqliteLogPath ? join(dirname(sqliteLogPath), basename(sqliteLogPath, extname(sqliteLogPath))) : join('data', 'auxledger');
  return {
    personKeySecretPath: resolve(env['AUXLEDGER_PERSON_KEY_SECRET'] || `${base}.person-key.key`),
    wrapKeyPath: resolve(env['AUXLEDGER_DATA_KEY_WRAP_KEY'] || `${base}.wrap.key`),
    keyStorePath: resolve(env['AUXLEDGER_PEOPLE_DB'] || `${base}.people.db`),
  };
}
