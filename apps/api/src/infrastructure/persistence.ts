import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type EventStore, KurrentDbEventStore, PostgresEventStore, SqliteEventStore, commandPathUnsupported } from '@auxledger/event-store';
import type { StoreConfig } from '../config/api-config';
import type { ApiTables } from './api-tables';
import { PostgresApiTables } from './postgres-api-tables';
import { SqliteApiTables } from './sqlite-api-tables';

export interface Persistence {
  store: EventStore;
  tables: ApiTables;
}

/** Opens the event log and the API's tables in one database: a SQLite file (its folder created), or PostgreSQL. */
export async function openPersistence(config: StoreConfig): Promise<Persistence> {
  const store = await openEventStore(config);
  if (config.kind === 'sqlite') return { store, tables: new SqliteApiTables(config.path) };
  try {
    return { store, tables: await PostgresApiTables.open(config.url) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Opens the event log alone, as `openPersistence` does (the read side's rebuild thread opens its own: `projection/rebuild-thread.ts`). */
export async function openEventStore(config: StoreConfig): Promise<EventStore> {
  if (config.kind === 'sqlite') {
    mkdirSync(dirname(config.path), { recursive: true });
    return new SqliteEventStore({ path: config.path, ...(config.writer ? { writer: config.writer } : {}) });
  }
  return config.kind === 'kurrentdb' ? openKurrentDb(config.eventStoreUrl) : PostgresEventStore.open({ connectionString: config.url });
}

/**
 * The log on KurrentDB. On a server without multi-stream append (EventStoreDB ≤ 24,
 * KurrentDB < 25.1) the API still starts, for reads and verify, but says at
 * start-up, in both languages, that its command path is refused; every command
 * is then refused by the store with the same message (docs/adr/0004).
 */
async function openKurrentDb(connectionString: string): Promise<KurrentDbEventStore> {
  const store = new KurrentDbEventStore({ connectionString });
  const support = await store.serverSupport();
  if (!support.multiStreamAppend) {
    const refusal = commandPathUnsupported(support.serverVersion);
    process.stderr.write(`${refusal.message}\n${refusal.messages.zh}\n`);
  }
  return store;
}

/** Where the records are, for the start-up line, without a password. */
export function describeStore(config: StoreConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.path}`;
  if (config.kind === 'kurrentdb') return `KurrentDB ${withoutPassword(config.eventStoreUrl)}, read models and tables in PostgreSQL ${withoutPassword(config.url)}`;
  try {
    const url = new URL(config.url);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (AUXLEDGER_PG_URL)';
  }
}

function withoutPassword(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable URL)';
  }
}
