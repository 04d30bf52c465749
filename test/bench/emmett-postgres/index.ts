/**
 * Emmett 0.42.0's PostgreSQL event store and the Emmett core it runs on, for
 * B7 on PostgreSQL. They sit in a package of their own (installed with it
 * under this folder) because both Emmett adapters take the core as a peer:
 * the SQLite side of B7 stays on Emmett 0.38.5 at the root, this side gets
 * the 0.42.0 core its adapter was built with.
 */
export { CommandHandler, type Event, type ReadEvent, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
export { type PostgresEventStore, getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
