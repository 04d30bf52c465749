import Database from 'better-sqlite3';
import {
  EMPTY_STREAM,
  type StreamHead,
  type DigestedEvent,
  digestEvents,
  linkEvents,
  toRecordedEvent,
  checkOnlyResult,
  expectationHolds,
  firstEventId,
  resolveReappend,
  validateAppend,
  validateAppends,
} from '../append-plan';
import { duplicateEventId, notALog, unsupported, wrongExpectedRevision } from '../errors';
import { GENESIS_LOG_DIGEST, nextLogDigest } from '../hash-chain';
import type { MerkleLogStore, StoredCheckpoint } from '../merkle/merkle-log';
import { type Hash, MerkleFrontier, type MerkleNode, type NodeKey, frontierKeys, leafHash } from '../merkle/merkle-tree';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
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
  /**
   * Only read an existing log (an auditor's copy): the file is opened
   * read-only, nothing is created, migrated or written, and a file without
   * the log's table is refused (NOT_A_LOG). Appends fail.
   */
  readOnly?: boolean;
}

/**
 * The embedded default (ADR 0001): one SQLite file in WAL mode with
 * synchronous=FULL, so an acknowledged append survives power loss. Appends
 * take the write lock (BEGIN IMMEDIATE), so global positions are dense and in
 * commit order, and the log digest is kept inline.
 *
 * The Merkle tree over the log (ADR 0005) is kept in the same transaction:
 * `merkle_nodes` holds every complete subtree of level ≥ 1 (level, index,
 * 32-byte hash; about one row per event), leaves are hashed from `events.hash`.
 * `checkpoints` holds the signed checkpoints written by the API.
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
CREATE TABLE IF NOT EXISTS merkle_nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (
  id        INTEGER PRIMARY KEY,
  tree_size INTEGER NOT NULL,
  root_hash TEXT    NOT NULL,
  signed_at TEXT    NOT NULL,
  note      TEXT    NOT NULL
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

export class SqliteEventStore implements EventStore, MerkleLogStore {
  private readonly db: Database.Database;
  /** Null on a read-only copy written before the tree existed. */
  private readonly merkle: ReturnType<SqliteEventStore['merkleStatements']> | null;
  private readonly appended: AppendSignal;
  private readonly statements;
  private readonly appendTransaction;
  private readonly groupTransaction;
  private readonly readOnly: boolean;
  /** Appends waiting for the next group commit (see `write`). */
  private pending: PendingAppend[] = [];
  /**
   * What this connection's own commits left (heads of streams it wrote, the
   * log head and the tree's right edge), so that an append need not read
   * them back; trusted only while `PRAGMA data_version` is unchanged, that
   * is, while no other connection (process) has committed.
   */
  private readonly heads = new Map<string, StreamHead>();
  private logHead: LogHead | null = null;
  private knownDataVersion: number | undefined;
  private readonly dataVersion;
  private control: { begin: Database.Statement; commit: Database.Statement; rollback: Database.Statement } | undefined;
  private readonly commitListeners: Array<(seconds: number) => void> = [];

  constructor(options: SqliteEventStoreOptions) {
    this.readOnly = options.readOnly ?? false;
    if (options.readOnly) {
      this.db = new Database(options.path, { readonly: true, fileMustExist: true });
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      const hasLog = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
      if (!hasLog) {
        this.db.close();
        throw notALog(options.path);
      }
    } else {
      this.db = new Database(options.path);
      applySqlitePragmas(this.db, options.busyTimeoutMs);
      this.db.exec(SQLITE_SCHEMA);
    }
    this.merkle = this.hasMerkleTables() ? this.merkleStatements() : null;
    this.dataVersion = this.db.prepare('PRAGMA data_version').pluck();
    this.appended = new AppendSignal(options.pollIntervalMs ?? 100);
    this.statements = {
      head: this.db.prepare<[string], { stream_revision: number; hash: string }>(
        'SELECT stream_revision, hash FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1',
      ),
      logHead: this.db.prepare<[], { global_position: number; log_digest: string }>(
        'SELECT global_position, log_digest FROM events ORDER BY global_position DESC LIMIT 1',
      ),
      byEventId: this.db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`),
      byPosition: this.db.prepare<[number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE global_position = ?`),
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
    this.appendTransaction = this.db.transaction((appends: readonly DigestedAppend[], work: GroupWork): AppendResult[] => {
      // What this append changes, kept apart until it has succeeded (a failure rolls back its savepoint only).
      const own = new Map<string, StreamHead>();
      const heads = appends.map(({ streamId, expectedRevision }) => this.headOf(streamId, expectedRevision, own, work));
      const conflict = appends.findIndex((entry, i) => !expectationHolds(entry.expectedRevision, (heads[i] as StreamHead).revision));
      if (conflict >= 0) {
        // Perhaps this very append was stored before and its acknowledgement lost.
        if (this.isStored(firstEventId(appends))) return this.reappend(appends);
        const entry = appends[conflict] as StreamAppend;
        throw wrongExpectedRevision(entry.streamId, entry.expectedRevision, (heads[conflict] as StreamHead).revision);
      }
      if (!work.log) work.log = this.readLogHead();
      const log = work.log;
      let first = true;
      const merkle = this.merkle as NonNullable<typeof this.merkle>;
      const results = appends.map((entry, i): AppendResult => {
        const head = heads[i] as StreamHead;
        if (entry.events.length === 0) return checkOnlyResult(head.revision);
        const recorded = linkEvents(head, entry.digested).map((event): RecordedEvent => {
          log.position += 1;
          log.digest = nextLogDigest(log.digest, event.hash);
          try {
            this.statements.insert.run(
              log.position, event.eventId, event.streamId, event.streamRevision, event.type, event.schemaVersion,
              event.dataJson, event.metadataJson, event.prevHash, event.hash, log.digest,
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
          for (const node of log.frontier.push(leafHash(event.hash))) merkle.insert.run(node.level, node.index, node.hash);
          return toRecordedEvent(event, log.position, log.digest);
        });
        const last = recorded[recorded.length - 1] as RecordedEvent;
        own.set(entry.streamId, { revision: last.streamRevision, hash: last.metadata.hash as string });
        return { nextExpectedRevision: last.streamRevision, events: recorded, alreadyStored: false };
      });
      for (const [streamId, head] of own) work.heads.set(streamId, head);
      return results;
    });
    // Group commit: every append queued since the last flush in one transaction and one fsync. Each
    // append runs as a savepoint (better-sqlite3 nests a transaction function as one), so a conflict
    // or a duplicate rolls back only its own append; the others commit together.
    // Run inside BEGIN IMMEDIATE … COMMIT in `flush`, so that the COMMIT (the WAL write and its fsync) is timed alone.
    this.groupTransaction = (batch: readonly PendingAppend[]): { outcomes: GroupOutcome[]; work: GroupWork } => {
      // Under the write lock: if another connection committed since, what this one holds in memory may be old.
      const version = this.dataVersion.get() as number;
      if (version !== this.knownDataVersion) this.forgetHeads();
      this.knownDataVersion = version;
      const work: GroupWork = { heads: new Map(), log: this.logHead };
      const outcomes = batch.map((item): GroupOutcome => {
        try {
          return { ok: true, results: this.appendTransaction(item.digested, work) };
        } catch (error) {
          // The savepoint rolled back; the log head in hand may have moved with it: read it again.
          work.log = null;
          return { ok: false, error };
        }
      });
      return { outcomes, work };
    };
    if (!this.readOnly) this.buildMissingTree();
  }

  private hasMerkleTables(): boolean {
    const n = this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('merkle_nodes', 'checkpoints')").get();
    return n?.n === 2;
  }

  private merkleStatements() {
    return {
      node: this.db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?'),
      any: this.db.prepare<[], { n: number }>('SELECT 1 AS n FROM merkle_nodes LIMIT 1'),
      insert: this.db.prepare<[number, number, Buffer]>('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      eventHash: this.db.prepare<[number], { hash: string }>('SELECT hash FROM events WHERE global_position = ?'),
      hashes: this.db.prepare<[], { hash: string }>('SELECT hash FROM events ORDER BY global_position'),
      saveCheckpoint: this.db.prepare<[number, string, string, string]>('INSERT INTO checkpoints (tree_size, root_hash, signed_at, note) VALUES (?, ?, ?, ?)'),
      latestCheckpoint: this.db.prepare<[], { tree_size: number; root_hash: string; signed_at: string; note: string }>(
        'SELECT tree_size, root_hash, signed_at, note FROM checkpoints ORDER BY tree_size DESC, id DESC LIMIT 1',
      ),
    };
  }

  /** One stored subtree hash: level 0 from the event's hash, above from merkle_nodes. */
  private nodeAt(key: NodeKey): Hash | null {
    const merkle = this.merkle as NonNullable<typeof this.merkle>;
    if (key.level === 0) {
      const row = merkle.eventHash.get(key.index + 1);
      return row ? leafHash(row.hash) : null;
    }
    return merkle.node.get(key.level, key.index)?.hash ?? null;
  }

  /** The right edge of the tree of `size` leaves, as stored: at most log₂ size point reads. */
  private frontierAt(size: number): MerkleFrontier {
    const keys = frontierKeys(size);
    const nodes = keys.map((key) => {
      const node = this.nodeAt(key);
      if (!node) throw new Error(`the Merkle tree has no node at level ${key.level}, index ${key.index} below size ${size}: the log was tampered with`);
      return node;
    });
    return MerkleFrontier.of(size, nodes);
  }

  /** A log written before the tree existed gets its tree once, on the first writable open. */
  private buildMissingTree(): void {
    const merkle = this.merkle as NonNullable<typeof this.merkle>;
    const size = this.statements.logHead.get()?.global_position ?? 0;
    if (size < 2 || merkle.any.get()) return;
    this.db.transaction(() => {
      const frontier = MerkleFrontier.empty();
      const completed: MerkleNode[] = [];
      for (const row of merkle.hashes.iterate()) completed.push(...frontier.push(leafHash(row.hash)));
      for (const node of completed) merkle.insert.run(node.level, node.index, node.hash);
    }).immediate();
  }

  keepsMerkleTree(): boolean {
    if (!this.merkle) return false;
    return (this.statements.logHead.get()?.global_position ?? 0) < 2 || this.merkle.any.get() !== undefined;
  }

  async treeSize(): Promise<number> {
    return this.headPosition();
  }

  async merkleNodes(keys: readonly NodeKey[]): Promise<(Hash | null)[]> {
    if (!this.merkle) return keys.map(() => null);
    return this.db.transaction(() => keys.map((key) => this.nodeAt(key)))();
  }

  async eventAtLeaf(leafIndex: number): Promise<RecordedEvent | null> {
    const row = this.statements.byPosition.get(leafIndex + 1);
    return row ? fromRow(row) : null;
  }

  async leafOfEvent(eventId: string): Promise<number | null> {
    const row = this.statements.byEventId.get(eventId);
    return row ? row.global_position - 1 : null;
  }

  async saveCheckpoint(c: StoredCheckpoint): Promise<void> {
    if (this.readOnly || !this.merkle) throw unsupported('saving checkpoints on a log opened read-only', '在只读打开的日志上保存检查点');
    this.merkle.saveCheckpoint.run(c.treeSize, c.rootHash, c.signedAt, c.note);
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const row = this.merkle?.latestCheckpoint.get();
    return row ? { treeSize: row.tree_size, rootHash: row.root_hash, signedAt: row.signed_at, note: row.note } : null;
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

  /** The log's head and the right edge of its Merkle tree, as stored. */
  private readLogHead(): LogHead {
    const row = this.statements.logHead.get();
    const position = row?.global_position ?? 0;
    return { position, digest: row?.log_digest ?? GENESIS_LOG_DIGEST, frontier: this.frontierAt(position) };
  }

  private isStored(eventId: string): boolean {
    return this.statements.byEventId.get(eventId) !== undefined;
  }

  /** Answers a re-append of stored events as the first time, or refuses reused ids (ADR 0003). */
  private reappend(appends: readonly StreamAppend[]): AppendResult[] {
    return appends.map(({ streamId, events, expectedRevision }) => {
      if (events.length === 0) {
        const head = this.statements.head.get(streamId);
        return { ...checkOnlyResult(head ? head.stream_revision : 'no_stream'), alreadyStored: true };
      }
      const stored = events.map((event) => this.statements.byEventId.get(event.eventId));
      return resolveReappend(streamId, events, expectedRevision, stored.map((row) => row && fromRow(row)));
    });
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    return (await this.write([{ streamId, events, expectedRevision }]))[0] as AppendResult;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateAppends(appends);
    return this.write(appends);
  }

  /**
   * Queues the append for the next group commit, which runs once the event
   * loop has taken in what arrived with it (setImmediate): concurrent
   * commands share one transaction and one fsync, each with its own revision
   * checks. A promise resolves only after the shared COMMIT.
   */
  private write(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.readOnly) return Promise.reject(unsupported('appends on a log opened read-only', '在只读打开的日志上追加'));
    // Encoded and digested before the write lock is taken.
    let digested: DigestedAppend[];
    try {
      digested = appends.map((entry): DigestedAppend => ({ ...entry, digested: digestEvents(entry.streamId, entry.events) }));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ appends, digested, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** One transaction for every queued append; each answered after the COMMIT. */
  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let outcomes: GroupOutcome[];
    try {
      if (!this.db.open) throw new Error('the SQLite log is closed');
      const control = (this.control ??= {
        begin: this.db.prepare('BEGIN IMMEDIATE'),
        commit: this.db.prepare('COMMIT'),
        rollback: this.db.prepare('ROLLBACK'),
      });
      control.begin.run();
      let group: ReturnType<typeof this.groupTransaction>;
      try {
        group = this.groupTransaction(batch);
        const started = process.hrtime.bigint();
        control.commit.run();
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        for (const listener of this.commitListeners) listener(seconds);
      } catch (error) {
        if (this.db.inTransaction) control.rollback.run();
        throw error;
      }
      outcomes = group.outcomes;
      // Committed: what the group wrote is now the truth to start the next one from.
      this.logHead = group.work.log;
      for (const [streamId, head] of group.work.heads) this.rememberHead(streamId, head);
    } catch (error) {
      this.forgetHeads();
      for (const item of batch) item.reject(error);
      return;
    }
    let appended = false;
    batch.forEach((item, i) => {
      const outcome = outcomes[i] as GroupOutcome;
      try {
        let results: AppendResult[];
        if (outcome.ok) results = outcome.results;
        else if (outcome.error instanceof AlreadyStored) results = this.reappend(item.appends);
        else throw outcome.error;
        if (results.some((r) => r.events.length > 0 && !r.alreadyStored)) appended = true;
        item.resolve(results);
      } catch (error) {
        item.reject(error);
      }
    });
    if (appended) this.appended.notify();
  }

  /**
   * Runs `read` inside one read transaction, so that every read it makes
   * sees one snapshot of the log, however long it takes and whatever other
   * processes (a running API) commit meanwhile (WAL: they go on writing; the
   * WAL is not checkpointed past the snapshot until it ends). For a scan such
   * as `verify` on a live database. Only on a connection that writes nothing
   * meanwhile (a read-only one): a nested call just runs `read`.
   */
  async readConsistently<T>(read: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return read();
    this.db.prepare('BEGIN DEFERRED').run();
    try {
      // The snapshot starts at the first read, not at BEGIN: take it now.
      this.statements.logHead.get();
      return await read();
    } finally {
      if (this.db.inTransaction) this.db.prepare('COMMIT').run();
    }
  }

  /**
   * Called after each group commit with the seconds its COMMIT took: the WAL
   * write and, under synchronous=FULL, its fsync (for /metrics).
   */
  onCommitTimed(listener: (seconds: number) => void): void {
    this.commitListeners.push(listener);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount)
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, maxCount);
    return rows.map(fromRow);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.statements.all.all(options.after ?? 0, options.maxCount ?? 1000).map(fromRow);
  }

  async headPosition(): Promise<number> {
    return this.statements.logHead.get()?.global_position ?? 0;
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return pollingSubscription(
      (readOptions) => this.readAll(readOptions),
      (signal) => this.appended.wait(signal),
      options,
    );
  }

  async close(): Promise<void> {
    this.flush();
    this.appended.notify();
    if (this.db.open) this.db.close();
  }
}

type DigestedAppend = StreamAppend & { digested: DigestedEvent[] };

/** The log's head as a group of appends moves it. */
interface LogHead {
  position: number;
  digest: string;
  frontier: MerkleFrontier;
}

/** What a group's committed appends wrote so far: stream heads, and the log head (null: read it from the table). */
interface GroupWork {
  heads: Map<string, StreamHead>;
  log: LogHead | null;
}

/** Heads of streams kept in memory at most (the least recently written forgotten first). */
const MAX_HEADS_IN_MEMORY = 100_000;

interface PendingAppend {
  appends: readonly StreamAppend[];
  digested: DigestedAppend[];
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

type GroupOutcome = { ok: true; results: AppendResult[] } | { ok: false; error: unknown };

/** Internal: the append's first event is stored; the transaction rolls back and `reappend` answers. */
class AlreadyStored extends Error {}

function fromRow(row: EventRow): RecordedEvent {
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
