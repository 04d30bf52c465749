import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';
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
  if (config.kind === 'sqlite') {
    mkdirSync(dirname(config.path), { recursive: true });
    const store = new SqliteEventStore({ path: config.path });
    return { store, tables: new SqliteApiTables(config.path) };
  }
  const store = await PostgresEventStore.open({ connectionString: config.url });
  try {
    return { store, tables: await PostgresApiTables.open(config.url) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Where the records are, for the start-up line, without a password. */
export function describeStore(config: StoreConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.path}`;
  try {
    const url = new URL(config.url);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (AUXLEDGER_PG_URL)';
  }
}
