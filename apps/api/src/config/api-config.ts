import { basename, dirname, extname, join, resolve } from 'node:path';
import { DEFAULT_LOG_ORIGIN, checkKeyName, defaultSigningKeyPath } from '@auxledger/event-store';

/**
 * Where the records live: one SQLite file (the default), a PostgreSQL
 * database, or the log on KurrentDB (`eventStoreUrl`, AUXLEDGER_ESDB_URL)
 * with the read models and the API's tables in PostgreSQL (`url`, AUXLEDGER_PG_URL).
 */
export type StoreConfig =
  | {
      kind: 'sqlite';
      path: string;
      /** Where the log's group commit runs (`AUXLEDGER_SQLITE_WRITER`, default `inline`; `thread` for a disk whose fsync takes milliseconds: see `SqliteEventStoreOptions.writer`). */
      writer?: 'inline' | 'thread';
    }
  | { kind: 'postgres'; url: string }
  | { kind: 'kurrentdb'; eventStoreUrl: string; url: string };

/** AUXLEDGER_ESDB_URL selects KurrentDB for the log; AUXLEDGER_PG_URL is then required for everything else. */
export function storeConfig(env: NodeJS.ProcessEnv): StoreConfig {
  const esdb = env['AUXLEDGER_ESDB_URL'];
  const pg = env['AUXLEDGER_PG_URL'];
  if (esdb) {
    if (!pg) {
      throw new Error(
        'AUXLEDGER_ESDB_URL puts the log on KurrentDB; the read models and the API\'s tables need PostgreSQL: set AUXLEDGER_PG_URL too. / ' +
          'AUXLEDGER_ESDB_URL 将事件日志置于 KurrentDB；读模型与 API 数据表须使用 PostgreSQL：请同时设置 AUXLEDGER_PG_URL。',
      );
    }
    return { kind: 'kurrentdb', eventStoreUrl: esdb, url: pg };
  }
  if (pg) return { kind: 'postgres', url: pg };
  const writer = env['AUXLEDGER_SQLITE_WRITER'] || 'inline';
  if (writer !== 'inline' && writer !== 'thread') {
    throw new Error(`AUXLEDGER_SQLITE_WRITER must be inline or thread (got ${writer}) / AUXLEDGER_SQLITE_WRITER 须为 inline 或 thread（实为 ${writer}）`);
  }
  return { kind: 'sqlite', path: resolve(env['AUXLEDGER_DB'] || './data/auxledger.db'), writer };
}

/** Where the read models live: a SQLite file, or a schema of the PostgreSQL database. */
export type ReadModelsConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema: string };

/** The read side: where the read models are, who keeps them up to date, and how stale they may be. */
export interface ReadSideConfig {
  store: ReadModelsConfig;
  /** `embedded`: this process runs the projector; `off`: another process does (`auxledger project`). */
  projector: 'embedded' | 'off';
  /** Readiness fails when the read models are more than this many events behind the log (`AUXLEDGER_PROJECTOR_MAX_LAG`). */
  maxLag: number;
  /** How long a query with `minPosition` waits for the read models to reach it (`AUXLEDGER_MIN_POSITION_WAIT_MS`). */
  minPositionWaitMs: number;
  /**
   * The embedded projector starting more than this many events behind the log (a first start on a long log) rebuilds the
   * read models on a worker thread instead of catching up in slices on the API's event loop (`AUXLEDGER_PROJECTOR_REBUILD_BEHIND`,
   * default `DEFAULT_REBUILD_BEHIND`; 0: never, every gap caught up in slices). Absent (tests that build the config): the default.
   */
  rebuildBehind?: number;
}

/** Events behind at start beyond which the embedded projector rebuilds on a worker thread (see `ReadSideConfig.rebuildBehind`). */
export const DEFAULT_REBUILD_BEHIND = 10_000;

/**
 * What the HTTP server allows a connection, so that a slow or idle client
 * cannot hold the server: the whole request (headers and body) within
 * `requestTimeoutMs`, the headers within `headersTimeoutMs` (408 after
 * either), an idle keep-alive connection closed after `keepAliveTimeoutMs`,
 * and at most `maxConnections` open at once (beyond: dropped).
 */
export interface ServerLimits {
  /** `AUXLEDGER_REQUEST_TIMEOUT_MS`, default 30 000: a 256 kB body at 10 kB/s fits; Node's own default (300 s) lets a trickle hold a connection for minutes. */
  requestTimeoutMs: number;
  /** `AUXLEDGER_HEADERS_TIMEOUT_MS`, default 10 000 (at most the request timeout). */
  headersTimeoutMs: number;
  /** `AUXLEDGER_KEEP_ALIVE_TIMEOUT_MS`, default 5000 (Node's). */
  keepAliveTimeoutMs: number;
  /** `AUXLEDGER_MAX_CONNECTIONS`, default 1024. */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5000, maxConnections: 1024 };

/** Everything the API reads from its environment, read once at bootstrap (tests build it directly). */
export interface ApiConfig {
  port: number;
  /** The address to listen on (`AUXLEDGER_HOST`, default 127.0.0.1: this machine only; 0.0.0.0 to serve the network). */
  host: string;
  store: StoreConfig;
  /** The admin key put in an empty key table on first start (`AUXLEDGER_ADMIN_KEY`). */
  adminKey: string | null;
  /** A JSON file of local parameter values (`AUXLEDGER_PARAMETERS`), or null for the statute's defaults. */
  parametersFile: string | null;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Largest request body accepted, in body-parser notation (`AUXLEDGER_BODY_LIMIT`, default 256kb). */
  bodyLimit: string;
  /** Requests a minute per client — an API key, or the address for requests without a valid key — across every route (`AUXLEDGER_RATE_LIMIT`, default 600). */
  rateLimitPerMinute: number;
  readSide: ReadSideConfig;
  /** Timeouts and the connection cap of the HTTP server; DEFAULT_SERVER_LIMITS when absent. */
  server?: ServerLimits;
  /** Signed checkpoints of the log (ADR 0005); absent (tests that build the config): the defaults of `signingConfig`. */
  signing?: SigningConfig;
  /** Personal data (ADR 0006); absent (tests that build the config): the defaults of `identityConfig`. */
  identity?: IdentityConfig;
}

/** Where the person-key secret, the wrap key of the data keys and the key store are. */
export interface IdentityConfig {
  /** The HMAC secret of person keys, created on first start (`AUXLEDGER_PERSON_KEY_SECRET`; default beside the SQLite log, `<name>.person-key.key`). Never rotated: keys are made from it. */
  personKeySecretPath: string;
  /** The key that wraps every data key (`AUXLEDGER_DATA_KEY_WRAP_KEY`; default `<name>.wrap.key`). */
  wrapKeyPath: string;
  /** The SQLite file of the data keys and access records (`AUXLEDGER_PEOPLE_DB`; default `<name>.people.db`). */
  keyStorePath: string;
}

/** The checkpoint signing key and how often checkpoints are written. */
export interface SigningConfig {
  /** The Ed25519 key file, created on first start (`AUXLEDGER_SIGNING_KEY`; default beside the SQLite log, `<name>.signing.key`). */
  keyPath: string;
  /** The log's identity, the checkpoints' origin line and the key's name (`AUXLEDGER_LOG_ORIGIN`). */
  origin: string;
  /** A checkpoint once this many events were appended since the last (`AUXLEDGER_CHECKPOINT_EVERY_EVENTS`, default 1000)… */
  everyEvents: number;
  /** …or once this many minutes passed with any event appended (`AUXLEDGER_CHECKPOINT_EVERY_MINUTES`, default 10). */
  everyMinutes: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const port = integer(env['PORT'], 3000, 'PORT');
  const rateLimitPerMinute = integer(env['AUXLEDGER_RATE_LIMIT'], 600, 'AUXLEDGER_RATE_LIMIT');
  const logLevel = env['AUXLEDGER_LOG_LEVEL'] || env['LOG_LEVEL'] || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`AUXLEDGER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${logLevel})`);
  const store = storeConfig(env);
  return {
    port,
    host: env['AUXLEDGER_HOST'] || '127.0.0.1',
    store,
    adminKey: env['AUXLEDGER_ADMIN_KEY'] || null,
    parametersFile: env['AUXLEDGER_PARAMETERS'] ? resolve(env['AUXLEDGER_PARAMETERS']) : null,
    logLevel,
    bodyLimit: env['AUXLEDGER_BODY_LIMIT'] || '256kb',
    rateLimitPerMinute,
    readSide: readSideConfig(env, store),
    server: serverLimits(env),
    signing: signingConfig(env, store),
    identity: identityConfig(env, store),
  };
}

/** The signing key's file and the log's origin, and how often checkpoints are written. */
export function signingConfig(env: NodeJS.ProcessEnv, store: StoreConfig): SigningConfig {
  const origin = env['AUXLEDGER_LOG_ORIGIN'] || DEFAULT_LOG_ORIGIN;
  try {
    checkKeyName(origin);
  } catch {
    throw new Error(`AUXLEDGER_LOG_ORIGIN must be a name without spaces or "+", e.g. auxledger.example/ulanqab (got ${origin})`);
  }
  return {
    keyPath: resolve(env['AUXLEDGER_SIGNING_KEY'] || defaultSigningKeyPath(store.kind === 'sqlite' ? store.path : null)),
    origin,
    everyEvents: integer(env['AUXLEDGER_CHECKPOINT_EVERY_EVENTS'], 1000, 'AUXLEDGER_CHECKPOINT_EVERY_EVENTS'),
    everyMinutes: integer(env['AUXLEDGER_CHECKPOINT_EVERY_MINUTES'], 10, 'AUXLEDGER_CHECKPOINT_EVERY_MINUTES'),
  };
}

/** The personal-data files: beside the SQLite log, named after it; for PostgreSQL in ./data. */
export function identityConfig(env: NodeJS.ProcessEnv, store: StoreConfig): IdentityConfig {
  const base = store.kind === 'sqlite' ? join(dirname(store.path), basename(store.path, extname(store.path))) : join('data', 'auxledger');
  return {
    personKeySecretPath: resolve(env['AUXLEDGER_PERSON_KEY_SECRET'] || `${base}.person-key.key`),
    wrapKeyPath: resolve(env['AUXLEDGER_DATA_KEY_WRAP_KEY'] || `${base}.wrap.key`),
    keyStorePath: resolve(env['AUXLEDGER_PEOPLE_DB'] || `${base}.people.db`),
  };
}

function serverLimits(env: NodeJS.ProcessEnv): ServerLimits {
  const d = DEFAULT_SERVER_LIMITS;
  const limits: ServerLimits = {
    requestTimeoutMs: integer(env['AUXLEDGER_REQUEST_TIMEOUT_MS'], d.requestTimeoutMs, 'AUXLEDGER_REQUEST_TIMEOUT_MS'),
    headersTimeoutMs: integer(env['AUXLEDGER_HEADERS_TIMEOUT_MS'], d.headersTimeoutMs, 'AUXLEDGER_HEADERS_TIMEOUT_MS'),
    keepAliveTimeoutMs: integer(env['AUXLEDGER_KEEP_ALIVE_TIMEOUT_MS'], d.keepAliveTimeoutMs, 'AUXLEDGER_KEEP_ALIVE_TIMEOUT_MS'),
    maxConnections: integer(env['AUXLEDGER_MAX_CONNECTIONS'], d.maxConnections, 'AUXLEDGER_MAX_CONNECTIONS'),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`AUXLEDGER_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed AUXLEDGER_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`);
  }
  return limits;
}

/** The read side's variables; the read models sit next to the log unless told otherwise. */
function readSideConfig(env: NodeJS.ProcessEnv, store: StoreConfig): ReadSideConfig {
  const projector = env['AUXLEDGER_PROJECTOR'] || 'on';
  if (!['on', 'off'].includes(projector)) throw new Error(`AUXLEDGER_PROJECTOR must be on or off (got ${projector})`);
  const schema = env['AUXLEDGER_READ_MODELS_SCHEMA'] || 'read_models';
  if (!/^[a-z_][a-z0-9_]{0,39}$/.test(schema)) throw new Error(`AUXLEDGER_READ_MODELS_SCHEMA must be a lower-case identifier (got ${schema})`);
  return {
    store:
      store.kind !== 'sqlite'
        ? { kind: 'postgres', url: store.url, schema }
        : { kind: 'sqlite', path: resolve(env['AUXLEDGER_READ_MODELS_DB'] || defaultReadModelsPath(store.path)) },
    projector: projector === 'on' ? 'embedded' : 'off',
    maxLag: nonNegative(env['AUXLEDGER_PROJECTOR_MAX_LAG'], 1000, 'AUXLEDGER_PROJECTOR_MAX_LAG'),
    minPositionWaitMs: nonNegative(env['AUXLEDGER_MIN_POSITION_WAIT_MS'], 2000, 'AUXLEDGER_MIN_POSITION_WAIT_MS'),
    rebuildBehind: nonNegative(env['AUXLEDGER_PROJECTOR_REBUILD_BEHIND'], DEFAULT_REBUILD_BEHIND, 'AUXLEDGER_PROJECTOR_REBUILD_BEHIND'),
  };
}

/** `read-models.db` in the log's folder. */
/** Beside the log, named after it (`data/auxledger.db` → `data/auxledger.read-models.db`): two logs in one folder never share read models. */
export const defaultReadModelsPath = (logPath: string): string => join(dirname(logPath), `${basename(logPath, extname(logPath))}.read-models.db`);

function nonNegative(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, 0 or more (got ${raw})`);
  return n;
}

function integer(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got ${raw})`);
  return n;
}
