export * from './port';
export * from './errors';
export * from './hash-chain';
export * from './verify';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
