import type Database from 'better-sqlite3';
import { EMPTY_STREAM, type StreamHead, expectationHolds } from '../append-plan';
import { type ActualRevision, EventStoreError, duplicateEventId, wrongExpectedRevision } from '../errors';
import { GENESIS_LOG_DIGEST, linkHash, nextLogDigest } from '../hash-chain';
import { MerkleFrontier, frontierKeys, leafHash } from '../merkle/merkle-tree';
import type { ExpectedRevision } from '../port';

/**
 * The SQLite log's writer: one connection that takes the write lock, runs a
 * group of appends in one transaction (each append a savepoint with its own
 * revision checks) and commits them with one fsync. It knows nothing of the
 * events but what it stores: the store encodes and digests each event before
 * (`digestEvents`), and builds the recorded events from the places this
 * writer gives them. It runs in a worker thread of its own (`sqlite-writer-thread.ts`),
 * so that the COMMIT's fsync does not block the thread that takes in commands,
 * or on the store's own connection for an in-memory database.
 */

/**
 * The pragmas of every connection; the benchmark's raw baseline uses the same.
 * WAL with synchronous=FULL, so that an acknowledged append survives power loss.
 */
export function applySqlitePragmas(db: Database.Database, busyTimeoutMs = 5000): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
}

/** One event as the writer needs it: encoded and digested, not yet placed. */
export interface EncodedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  contentDigest: string;
}

/** One stream's part of an append. */
export interface EncodedAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: EncodedEvent[];
}

/** Where the log put an event. */
export interface EventPlace {
  streamRevision: number;
  prevHash: string | null;
  hash: string;
  globalPosition: number;
  logDigest: string;
}

/** An entry's answer: its stream's revision before the append (for a check-only entry), and its events' places. */
export interface EntryWritten {
  revision: ActualRevision;
  places: EventPlace[];
}

/** A store error as it crosses to the calling thread (an error's class does not survive the crossing). */
export interface WireError {
  code?: string;
  name: string;
  message: string;
  messageZh?: string;
  details?: Record<string, unknown>;
  stack?: string;
}

/**
 * One append's outcome in its group: written; or already stored by an
 * earlier identical append (the store answers it from the stored events:
 * `reappend`); or refused (a conflict or a reused id), its savepoint rolled
 * back, the others unaffected.
 */
export type AppendOutcome =
  | { kind: 'written'; entries: EntryWritten[] }
  | { kind: 'stored' }
  | { kind: 'refused'; error: unknown };

export interface GroupCommitted {
  outcomes: AppendOutcome[];
  /** The seconds the COMMIT took alone: the WAL write and, under synchronous=FULL, its fsync (null: a lone append failed, nothing was committed). */
  commitSeconds: number | null;
  /** Whether any append wrote an event. */
  wrote: boolean;
  /** Whether another connection had committed since this writer's last group (or this is its first): heads were read again. */
  othersCommitted: boolean;
}

/** The log's head as a group of appends moves it. */
interface LogHead {
  position: number;
  digest: string;
  frontier: MerkleFrontier;
}

/** What a group's successful appends wrote so far: stream heads, and the log head (null: read it from the table). */
interface GroupWork {
  heads: Map<string, StreamHead>;
  log: LogHead | null;
}

/** Heads of streams kept in memory at most (the least recently written forgotten first). */
const MAX_HEADS_IN_MEMORY = 100_000;

/** Internal: the append's first event is stored; its savepoint rolls back and the store answers from the stored events. */
class AlreadyStored extends Error {}

export class SqliteLogWriter {
  private readonly statements;
  private readonly appendTransaction;
  private readonly control;
  /**
   * What this connection's own commits left (heads of streams it wrote, the
   * log head and the tree's right edge), so that an append need not read
   * them back; trusted only while `PRAGMA data_version` is unchanged, that
   * is, while no other connection (another process, or the store's reading
   * connection saving a checkpoint) has committed.
   */
  private readonly heads = new Map<string, StreamHead>();
  private logHead: LogHead | null = null;
  private knownDataVersion: number | undefined;
  /** Groups written in the open transaction and not yet committed (a bulk load's; otherwise each group commits). */
  private uncommitted = 0;
  private readonly commitEvery: number;

  /** `commitEvery` > 1: a bulk load's writer (see `SqliteEventStoreOptions.bulkLoad`), one COMMIT for that many groups. */
  constructor(
    private readonly db: Database.Database,
    options: { commitEvery?: number } = {},
  ) {
    this.commitEvery = Math.max(1, options.commitEvery ?? 1);
    this.statements = {
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      head: db.prepare<[string], { stream_revision: number; hash: string }>(
        'SELECT stream_revision, hash FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1',
      ),
      logHead: db.prepare<[], { global_position: number; log_digest: string }>(
        'SELECT global_position, log_digest FROM events ORDER BY global_position DESC LIMIT 1',
      ),
      isStored: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM events WHERE event_id = ?'),
      insert: db.prepare(
        'INSERT INTO events (global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      eventHash: db.prepare<[number], { hash: string }>('SELECT hash FROM events WHERE global_position = ?'),
      node: db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?'),
      insertNode: db.prepare<[number, number, Buffer]>('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    };
    this.control = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') };
    // better-sqlite3 runs a transaction function nested in an open transaction as a savepoint.
    this.appendTransaction = db.transaction((appends: readonly EncodedAppend[], work: GroupWork) => this.appendOne(appends, work));
  }

  /**
   * Group commit: every append of the batch in one transaction (BEGIN
   * IMMEDIATE … COMMIT, the COMMIT timed alone) and one fsync. Each append
   * runs as a savepoint, so a conflict or a duplicate rolls back only its
   * own append. A failed BEGIN or COMMIT throws: nothing of the group is stored.
   */
  commitGroup(batch: readonly EncodedAppend[][]): GroupCommitted {
    if (!this.db.open) throw new Error('the SQLite log is closed');
    try {
      if (this.uncommitted === 0) this.control.begin.run();
      let outcomes: AppendOutcome[];
      let work: GroupWork;
      let commitSeconds: number | null = null;
      let othersCommitted: boolean;
      try {
        // Under the write lock: if another connection committed since, what this one holds in memory may be old.
        const version = this.statements.dataVersion.get() as number;
        othersCommitted = version !== this.knownDataVersion;
        if (othersCommitted) this.forgetHeads();
        this.knownDataVersion = version;
        work = { heads: new Map(), log: this.logHead };
        // A group of one needs no savepoint: if it fails, the whole transaction rolls back (never a bulk load's, which holds earlier groups).
        const alone = batch.length === 1 && this.commitEvery === 1;
        let rolledBack = false;
        outcomes = batch.map((appends): AppendOutcome => {
          try {
            return { kind: 'written', entries: alone ? this.appendOne(appends, work) : this.appendTransaction(appends, work) };
          } catch (error) {
            // The savepoint (or, alone, the transaction) rolled back; the log head in hand may have moved with it: read it again.
            work.log = null;
            if (alone) {
              this.control.rollback.run();
              rolledBack = true;
            }
            return error instanceof AlreadyStored ? { kind: 'stored' } : { kind: 'refused', error };
          }
        });
        if (!rolledBack && ++this.uncommitted >= this.commitEvery) {
          const started = process.hrtime.bigint();
          this.commitOpen();
          commitSeconds = Number(process.hrtime.bigint() - started) / 1e9;
        }
      } catch (error) {
        this.uncommitted = 0;
        if (this.db.inTransaction) this.control.rollback.run();
        throw error;
      }
      // Committed: what the group wrote is now the truth to start the next one from.
      this.logHead = work.log;
      for (const [streamId, head] of work.heads) this.rememberHead(streamId, head);
      const wrote = outcomes.some((o) => o.kind === 'written' && o.entries.some((e) => e.places.length > 0));
      return { outcomes, commitSeconds, wrote, othersCommitted };
    } catch (error) {
      this.forgetHeads();
      throw error;
    }
  }

  /** Commits the groups a bulk load has written since its last COMMIT (none otherwise). */
  commitOpen(): void {
    if (this.uncommitted === 0) return;
    this.control.commit.run();
    this.uncommitted = 0;
  }

  close(): void {
    if (this.db.open) this.commitOpen();
    if (this.db.open) this.db.close();
  }

  private appendOne(appends: readonly EncodedAppend[], work: GroupWork): EntryWritten[] {
    // What this append changes, kept apart until it has succeeded (a failure rolls back its savepoint only).
    const own = new Map<string, StreamHead>();
    const heads = appends.map(({ streamId, expectedRevision }) => this.headOf(streamId, expectedRevision, own, work));
    const conflict = appends.findIndex((entry, i) => !expectationHolds(entry.expectedRevision, (heads[i] as StreamHead).revision));
    if (conflict >= 0) {
      // Perhaps this very append was stored before and its acknowledgement lost.
      if (this.isStored(firstEventId(appends))) throw new AlreadyStored();
      const entry = appends[conflict] as EncodedAppend;
      throw wrongExpectedRevision(entry.streamId, entry.expectedRevision, (heads[conflict] as StreamHead).revision);
    }
    if (!work.log) work.log = this.readLogHead();
    const log = work.log;
    let first = true;
    const written = appends.map((entry, i): EntryWritten => {
      const head = heads[i] as StreamHead;
      let revision = head.revision === 'no_stream' ? -1 : head.revision;
      let prevHash = head.hash;
      const places = entry.events.map((event): EventPlace => {
        revision += 1;
        const hash = linkHash(event.contentDigest, revision, prevHash);
        log.position += 1;
        log.digest = nextLogDigest(log.digest, hash);
        try {
          this.statements.insert.run(
            log.position, event.eventId, entry.streamId, revision, event.type, event.schemaVersion,
            event.dataJson, event.metadataJson, prevHash, hash, log.digest,
          );
        } catch (error) {
          const onStream = isUniqueViolationOn(error, 'stream_id');
          if (!onStream && !isUniqueViolationOn(error, 'event_id')) throw error;
          // The append's first event already stored: this append retried. Anything else rolls back. (A later
          // event's failure cannot mean that: the first was inserted by this very append.)
          if (first && this.isStored(event.eventId)) throw new AlreadyStored();
          // A stream taken to be new (expected no_stream, not known here) that is not: the same refusal as a read head would give.
          const stored = head === EMPTY_STREAM ? this.statements.head.get(entry.streamId) : undefined;
          if (stored) throw wrongExpectedRevision(entry.streamId, entry.expectedRevision, stored.stream_revision);
          throw duplicateEventId(event.eventId, entry.streamId);
        }
        first = false;
        for (const node of log.frontier.push(leafHash(hash))) this.statements.insertNode.run(node.level, node.index, node.hash);
        const place: EventPlace = { streamRevision: revision, prevHash, hash, globalPosition: log.position, logDigest: log.digest };
        prevHash = hash;
        return place;
      });
      if (places.length > 0) own.set(entry.streamId, { revision, hash: prevHash });
      return { revision: head.revision, places };
    });
    for (const [streamId, head] of own) work.heads.set(streamId, head);
    return written;
  }

  /**
   * A stream's head for an append: what this append or its group wrote
   * before it, else what this connection knows from its own commits (valid
   * while no other connection committed: `PRAGMA data_version`, checked under
   * the write lock), else the stored head. A stream expected new and not
   * known here is taken to be new without a read: its first insert would
   * break UNIQUE (stream_id, stream_revision) if it were not.
   */
  private headOf(streamId: string, expected: ExpectedRevision, own: Map<string, StreamHead>, work: GroupWork): StreamHead {
    const known = own.get(streamId) ?? work.heads.get(streamId) ?? this.heads.get(streamId);
    if (known) return known;
    if (expected === 'no_stream') return EMPTY_STREAM;
    const row = this.statements.head.get(streamId);
    const head: StreamHead = row ? { revision: row.stream_revision, hash: row.hash } : EMPTY_STREAM;
    if (row) own.set(streamId, head);
    return head;
  }

  private rememberHead(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > MAX_HEADS_IN_MEMORY) this.heads.delete(this.heads.keys().next().value as string);
  }

  private forgetHeads(): void {
    this.heads.clear();
    this.logHead = null;
  }

  /** The log's head and the right edge of its Merkle tree, as stored (at most log₂ size point reads). */
  private readLogHead(): LogHead {
    const row = this.statements.logHead.get();
    const position = row?.global_position ?? 0;
    const nodes = frontierKeys(position).map((key) => {
      const node =
        key.level === 0
          ? (() => {
              const event = this.statements.eventHash.get(key.index + 1);
              return event ? leafHash(event.hash) : null;
            })()
          : (this.statements.node.get(key.level, key.index)?.hash ?? null);
      if (!node) throw new Error(`the Merkle tree has no node at level ${key.level}, index ${key.index} below size ${position}: the log was tampered with`);
      return node;
    });
    return { position, digest: row?.log_digest ?? GENESIS_LOG_DIGEST, frontier: MerkleFrontier.of(position, nodes) };
  }

  private isStored(eventId: string): boolean {
    return this.statements.isStored.get(eventId) !== undefined;
  }
}

/** The id of the first event of a multi-stream append (validated: there is one). */
function firstEventId(appends: readonly EncodedAppend[]): string {
  const entry = appends.find((a) => a.events.length > 0);
  return (entry?.events[0] as EncodedEvent).eventId;
}

/** Duck-typed: better-sqlite3's error class may come from another realm (a native module is loaded once per process). */
function isUniqueViolationOn(error: unknown, column: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes(column);
}

/** An error as it can cross to another thread: a store error keeps its code, both messages and details. */
export function toWireError(error: unknown): WireError {
  if (error instanceof EventStoreError) {
    return { code: error.code, name: error.name, message: error.message, messageZh: error.messages.zh, details: error.details, stack: error.stack };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { ...(typeof code === 'string' ? { code } : {}), name: error.name, message: error.message, stack: error.stack };
  }
  return { name: 'Error', message: String(error) };
}

/** The error again, on the calling thread: a store error as an EventStoreError, anything else as an Error with its code. */
export function fromWireError(wire: WireError): Error {
  if (wire.messageZh !== undefined && wire.code !== undefined) {
    const error = new EventStoreError(wire.code as EventStoreError['code'], { zh: wire.messageZh, en: wire.message }, wire.details ?? {});
    if (wire.stack) error.stack = wire.stack;
    return error;
  }
  const error = new Error(wire.message) as Error & { code?: string };
  error.name = wire.name;
  if (wire.code !== undefined) error.code = wire.code;
  if (wire.stack) error.stack = wire.stack;
  return error;
}
