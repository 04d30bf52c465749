import Database from 'better-sqlite3';
import { EMPTY_STREAM, type StreamHead, chainEvents, checkExpectedRevision, resolveReappend, validateAppend } from '../append-plan';
import { duplicateEventId } from '../errors';
import { GENESIS_LOG_DIGEST, nextLogDigest } from '../hash-chain';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../port';
import { AppendSignal, pollingSubscription } from '../subscription';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for tests. */
  path: string;
  /** How often a subscription looks for events written by other processes. */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock. */
  busyTimeoutMs?: number;
}

/**
 * The embedded default (ADR 0001): one SQLite file in WAL mode with
 * synchronous=FULL, so an acknowledged append survives power loss. Appends
 * take the write lock (BEGIN IMMEDIATE), so global positions are dense and in
 * commit order, and the log digest is kept inline.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY,
  event_id        TEXT    NOT NULL UNIQUE,
  stream_id       TEXT    NOT NULL,
  stream_revision INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  prev_hash       TEXT,
  hash            TEXT    NOT NULL,
  log_digest      TEXT    NOT NULL,
  UNIQUE (stream_id, stream_revision)
) STRICT;
`;

/** The pragmas of every connection; the benchmark's raw baseline uses the same. */
export function applySqlitePragmas(db: Database.Database, busyTimeoutMs = 5000): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
}

interface EventRow {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  prev_hash: string | null;
  hash: string;
  log_digest: string;
}

const COLUMNS =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest';

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended: AppendSignal;
  private readonly statements;
  private readonly appendTransaction;

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.path);
    applySqlitePragmas(this.db, options.busyTimeoutMs);
    this.db.exec(SQLITE_SCHEMA);
    this.appended = new AppendSignal(options.pollIntervalMs ?? 100);
    this.statements = {
      head: this.db.prepare<[string], { stream_revision: number; hash: string }>(
        'SELECT stream_revision, hash FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1',
      ),
      logHead: this.db.prepare<[], { global_position: number; log_digest: string }>(
        'SELECT global_position, log_digest FROM events ORDER BY global_position DESC LIMIT 1',
      ),
      byEventId: this.db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`),
      insert: this.db.prepare(
        `INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      forwards: this.db.prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision ASC LIMIT ?`,
      ),
      backwards: this.db.prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
      ),
      all: this.db.prepare<[number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position ASC LIMIT ?`,
      ),
    };
    this.appendTransaction = this.db.transaction(
      (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult => {
        const headRow = this.statements.head.get(streamId);
        const head: StreamHead = headRow ? { revision: headRow.stream_revision, hash: headRow.hash } : EMPTY_STREAM;
        try {
          checkExpectedRevision(streamId, expected, head.revision);
        } catch (conflict) {
          // Perhaps this very append was stored before and its acknowledgement lost.
          if (this.statements.byEventId.get((events[0] as NewEvent).eventId)) return this.reappend(streamId, events, expected);
          throw conflict;
        }
        const logHead = this.statements.logHead.get();
        let position = logHead?.global_position ?? 0;
        let digest = logHead?.log_digest ?? GENESIS_LOG_DIGEST;
        const recorded = chainEvents(streamId, head, events).map((event): RecordedEvent => {
          position += 1;
          digest = nextLogDigest(digest, event.metadata.hash);
          return { ...event, globalPosition: position, logDigest: digest };
        });
        for (const [index, event] of recorded.entries()) {
          try {
            this.statements.insert.run(...toRow(event));
          } catch (error) {
            if (!isUniqueViolationOn(error, 'event_id')) throw error;
            // A first event already stored may be this append retried; anything else rolls back.
            if (index === 0) return this.reappend(streamId, events, expected);
            throw duplicateEventId(event.eventId, streamId);
          }
        }
        const last = recorded[recorded.length - 1] as RecordedEvent;
        return { nextExpectedRevision: last.streamRevision, events: recorded, alreadyStored: false };
      },
    );
  }

  /** Answers a re-append of stored events as the first time, or refuses reused ids. */
  private reappend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const stored = events.map((event) => this.statements.byEventId.get(event.eventId));
    return resolveReappend(streamId, events, expected, stored.map((row) => row && toRecordedEvent(row)));
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    const result = this.appendTransaction.immediate(streamId, events, expectedRevision);
    if (!result.alreadyStored) this.appended.notify();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount)
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, maxCount);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.statements.all.all(options.after ?? 0, options.maxCount ?? 1000).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return pollingSubscription(
      (readOptions) => this.readAll(readOptions),
      (signal) => this.appended.wait(signal),
      options,
    );
  }

  async close(): Promise<void> {
    this.appended.notify();
    if (this.db.open) this.db.close();
  }
}

/** Column values in COLUMNS order (positional binding is the fastest better-sqlite3 offers). */
function toRow(event: RecordedEvent): unknown[] {
  const { prevHash, hash, ...metadata } = event.metadata;
  return [
    event.globalPosition,
    event.eventId,
    event.streamId,
    event.streamRevision,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(metadata),
    prevHash,
    hash,
    event.logDigest,
  ];
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: { ...JSON.parse(row.metadata), prevHash: row.prev_hash, hash: row.hash },
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
    logDigest: row.log_digest,
  };
}

/** Duck-typed: better-sqlite3's error class may come from another realm (a native module is loaded once per process). */
function isUniqueViolationOn(error: unknown, column: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes(column);
}
