export * from './model';
export * from './store';
export { CHECKPOINT_TABLE, refsTableName, tableName, viewName } from './naming';
export { type ColumnSpec, type StoredType, type TableSpec, tableSpec } from './schema';
export { applyBatch, keyTuple } from './engine';
export { type BatchProgress, Projector, type ProjectorOptions, ProjectionSchemaMismatch } from './projector';
export { SqliteReadModelStore, type SqliteReadModelStoreOptions } from './sqlite/sqlite-read-model-store';
export { DEFAULT_READ_MODEL_SCHEMA, PostgresReadModelStore, type PostgresReadModelStoreOptions } from './postgres/postgres-read-model-store';
