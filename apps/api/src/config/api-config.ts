import { resolve } from 'node:path';

/** Where the records live: one SQLite file (the default), or a PostgreSQL database. */
export type StoreConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Everything the API reads from its environment, read once at bootstrap (tests build it directly). */
export interface ApiConfig {
  port: number;
  store: StoreConfig;
  /** The admin key put in an empty key table on first start (`AUXLEDGER_ADMIN_KEY`). */
  adminKey: string | null;
  /** A JSON file of local parameter values (`AUXLEDGER_PARAMETERS`), or null for the statute's defaults. */
  parametersFile: string | null;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Largest request body accepted, in body-parser notation (`AUXLEDGER_BODY_LIMIT`, default 256kb). */
  bodyLimit: string;
  /** Requests per client address per minute (`AUXLEDGER_RATE_LIMIT`, default 600). */
  rateLimitPerMinute: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const port = integer(env['PORT'], 3000, 'PORT');
  const rateLimitPerMinute = integer(env['AUXLEDGER_RATE_LIMIT'], 600, 'AUXLEDGER_RATE_LIMIT');
  const logLevel = env['AUXLEDGER_LOG_LEVEL'] || env['LOG_LEVEL'] || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`AUXLEDGER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${logLevel})`);
  return {
    port,
    store: env['AUXLEDGER_PG_URL']
      ? { kind: 'postgres', url: env['AUXLEDGER_PG_URL'] }
      : { kind: 'sqlite', path: resolve(env['AUXLEDGER_DB'] || './data/auxledger.db') },
    adminKey: env['AUXLEDGER_ADMIN_KEY'] || null,
    parametersFile: env['AUXLEDGER_PARAMETERS'] ? resolve(env['AUXLEDGER_PARAMETERS']) : null,
    logLevel,
    bodyLimit: env['AUXLEDGER_BODY_LIMIT'] || '256kb',
    rateLimitPerMinute,
  };
}

function integer(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got ${raw})`);
  return n;
}
