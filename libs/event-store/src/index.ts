export * from './port';
export * from './errors';
export * from './hash-chain';
export { JsonProblem, canonicalJson } from './canonical-json';
export * from './verify';
export { SQLITE_SCHEMA, SqliteEventStore, type SqliteEventStoreOptions, applySqlitePragmas } from './sqlite/sqlite-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions, postgresSchemaSql } from './postgres/postgres-event-store';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export { type PgConnection, checkSchemaName, openPgPool } from './postgres/pg-pool';
