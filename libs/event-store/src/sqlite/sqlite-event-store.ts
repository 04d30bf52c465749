import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  type DigestedEvent,
  checkOnlyResult,
  digestEvents,
  resolveReappend,
  validateAppend,
  validateAppends,
} from '../append-plan';
import { notALog, unsupported } from '../errors';
import type { MerkleLogStore, StoredCheckpoint } from '../merkle/merkle-log';
import { type Hash, MerkleFrontier, type MerkleNode, type NodeKey, leafHash } from '../merkle/merkle-tree';
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
import {
  type EncodedAppend,
  type EntryWritten,
  type GroupCommitted,
  SqliteLogWriter,
  type WireError,
  applySqlitePragmas,
  fromWireError,
} from './sqlite-log-writer';
import type { FromWriterThread, ToWriterThread, WriterThreadData } from './sqlite-writer-thread';

export { applySqlitePragmas } from './sqlite-log-writer';

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
  /**
   * Where the group commit runs: `inline` (the default) on the store's
   * connection, the COMMIT and its fsync blocking the calling thread for
   * their length; `thread` in a worker thread of its own, on its own
   * connection, so that the calling thread goes on taking in and deciding
   * commands meanwhile. The crossing costs each group two thread wake-ups
   * and copies (on the reference machine about 230 µs a single append, more
   * than its fsync), so `thread` pays only where an fsync takes milliseconds
   * (a spinning or network disk). An in-memory database, which no other
   * connection can open, always writes inline.
   */
  writer?: 'thread' | 'inline';
  /**
   * A bulk load into a new file that nobody opens until it is complete (a
   * generated history, moved into place when whole): the writer is inline,
   * with synchronous=OFF, a 64 MiB page cache, the rollback journal and temporary data in memory (WAL again at close), and keeps one transaction
   * open across groups, committing every `commitEvery` groups (default 1000)
   * and at close. Appends are answered before their COMMIT, so a crash or a
   * failed COMMIT loses them and the file must be thrown away; this store's
   * own reads see them (one connection). The rows are the same as without it.
   */
  bulkLoad?: { commitEvery?: number };
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
  /** The store's connection: every read, the schema, checkpoints; the appends too for an `inline` writer. */
  private readonly db: Database.Database;
  /** Null on a read-only copy written before the tree existed. */
  private readonly merkle: ReturnType<SqliteEventStore['merkleStatements']> | null;
  private readonly appended: AppendSignal;
  private readonly statements;
  private readonly readOnly: boolean;
  /** Written as a bulk load (`SqliteEventStoreOptions.bulkLoad`): its journal in memory until close. */
  private readonly bulkLoad: boolean;
  private readonly inMemory: boolean;
  /** Commits each group of appends (null: read-only). */
  private readonly writer: GroupWriter | null;
  /** Appends waiting for the next group commit (see `write`). */
  private pending: PendingAppend[] = [];
  /** The group being committed, if any: the next one gathers in `pending` meanwhile. */
  private committing: Promise<void> | null = null;
  private flushScheduled = false;
  private closed = false;
  private readonly commitListeners: Array<(seconds: number) => void> = [];
  /** `changesByOthers`: how many times this store noticed another connection's commit. */
  private othersChanges = 0;
  /**
   * This connection's `PRAGMA data_version` (it moves with every other
   * connection's commit, this store's writer thread's included) as it stood
   * after this store's last group commit, when every commit it knew of was its own.
   */
  private ownDataVersion: number | undefined;

  constructor(options: SqliteEventStoreOptions) {
    this.readOnly = options.readOnly ?? false;
    this.bulkLoad = !this.readOnly && options.bulkLoad !== undefined;
    this.inMemory = isInMemory(options.path);
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
      if (options.bulkLoad) {
        this.db.pragma('synchronous = OFF');
        this.db.pragma('cache_size = -65536');
        // Each append's savepoint keeps the pages it changes in a sub-journal: in memory, not a temporary file.
        this.db.pragma('temp_store = MEMORY');
        // The rollback journal in memory instead of the WAL: a COMMIT writes each changed page once, into the file,
        // not into the WAL and again at its checkpoint (the file is in WAL mode again at close).
        this.db.pragma('journal_mode = MEMORY');
      }
      this.db.exec(SQLITE_SCHEMA);
    }
    this.merkle = this.hasMerkleTables() ? this.merkleStatements() : null;
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
      forwards: this.db.prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision ASC LIMIT ?`,
      ),
      backwards: this.db.prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
      ),
      all: this.db.prepare<[number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position ASC LIMIT ?`,
      ),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
    };
    if (this.readOnly) {
      this.writer = null;
    } else {
      this.buildMissingTree();
      this.writer = openWriter(options, this.db);
    }
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
   * Queues the append for the next group commit: concurrent commands share
   * one transaction and one fsync, each with its own revision checks. A
   * group goes to the writer once the event loop has taken in what arrived
   * with the first append (setImmediate), or, while the writer commits the
   * group before, as soon as it is done: what arrived meanwhile is the next
   * group. A promise resolves only after its group's COMMIT.
   */
  private write(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (!this.writer) return Promise.reject(unsupported('appends on a log opened read-only', '在只读打开的日志上追加'));
    if (this.closed) return Promise.reject(new Error('the SQLite log is closed'));
    // Encoded and digested here, before the write lock is taken, once: the writer stores these strings.
    let digested: DigestedAppend[];
    try {
      digested = appends.map((entry): DigestedAppend => ({ ...entry, digested: digestEvents(entry.streamId, entry.events) }));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ appends, digested, resolve, reject });
      if (!this.committing && !this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Sends every queued append to the writer as one group, unless a group is being committed (then it follows). */
  private flush(): void {
    if (this.committing || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const writer = this.writer as GroupWriter;
    // To another thread only the strings it stores and the digests it chains (each crossing is a copy); inline, as they are.
    const encode = writer.ownConnection ? encodeAppend : asEncoded;
    this.committing = writer
      .commit(batch.map((item) => item.digested.map(encode)))
      .then(
        (group) => this.answer(batch, group),
        (error: unknown) => {
          // Nothing of the group is stored; what the file holds now is not known here.
          this.othersChanges += 1;
          for (const item of batch) item.reject(error);
        },
      )
      .finally(() => {
        this.committing = null;
        this.flush();
      });
  }

  /** Each append of a committed group answered: its events as stored, the same again from the log, or its refusal. */
  private answer(batch: readonly PendingAppend[], group: GroupCommitted): void {
    if (group.commitSeconds !== null) for (const listener of this.commitListeners) listener(group.commitSeconds);
    // Before anyone is answered: a command refused by another's write reads again (executeCommand's retry).
    if (group.othersCommitted) this.othersChanges += 1;
    // A writer on its own connection moved this one's data_version (an inline writer's commits do not).
    if (this.writer?.ownConnection) this.ownDataVersion = this.statements.dataVersion.get() as number;
    batch.forEach((item, i) => {
      const outcome = group.outcomes[i];
      try {
        if (!outcome) throw new Error('the SQLite writer answered fewer appends than it was given');
        if (outcome.kind === 'refused') throw outcome.error instanceof Error ? outcome.error : fromWireError(outcome.error as WireError);
        item.resolve(
          outcome.kind === 'stored'
            ? this.reappend(item.appends)
            : item.digested.map((entry, k) => recordedResult(entry, outcome.entries[k] as EntryWritten)),
        );
      } catch (error) {
        item.reject(error);
      }
    });
    if (group.wrote) this.appended.notify();
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

  /**
   * Moves when `PRAGMA data_version` shows a commit since this store's last
   * group commit, or its writer found one before its group (under the write
   * lock). A commit by another process just after this store's own, before
   * its answer arrived, goes unnoticed until the next: the append's expected
   * revision refuses what was decided on an old state.
   */
  changesByOthers(): number {
    // No other connection can open an in-memory database.
    if (this.inMemory) return this.othersChanges;
    const version = this.statements.dataVersion.get() as number;
    if (version !== this.ownDataVersion) {
      this.ownDataVersion = version;
      this.othersChanges += 1;
    }
    return this.othersChanges;
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return pollingSubscription(
      (readOptions) => this.readAll(readOptions),
      (signal) => this.appended.wait(signal),
      options,
    );
  }

  /** Commits what is queued, stops the writer, then closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.committing || this.pending.length > 0) {
      this.flush();
      await this.committing;
    }
    await this.writer?.close();
    this.appended.notify();
    // A bulk load leaves the file as every other log is: in WAL mode.
    if (this.bulkLoad && this.db.open) this.db.pragma('journal_mode = WAL');
    if (this.db.open) this.db.close();
  }
}

type DigestedAppend = StreamAppend & { digested: DigestedEvent[] };

interface PendingAppend {
  appends: readonly StreamAppend[];
  digested: DigestedAppend[];
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

/** What the writer is given of an append: the strings it stores and the digests it chains, nothing else. */
function encodeAppend(entry: DigestedAppend): EncodedAppend {
  return {
    streamId: entry.streamId,
    expectedRevision: entry.expectedRevision,
    events: entry.digested.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      dataJson: e.dataJson,
      metadataJson: e.metadataJson,
      contentDigest: e.contentDigest,
    })),
  };
}

/** The append as the writer reads it, without copying: a digested event holds every field of an encoded one. */
function asEncoded(entry: DigestedAppend): EncodedAppend {
  return { streamId: entry.streamId, expectedRevision: entry.expectedRevision, events: entry.digested };
}

/** An entry's result: the caller's events where the writer placed them. */
function recordedResult(entry: DigestedAppend, written: EntryWritten): AppendResult {
  if (entry.digested.length === 0) return checkOnlyResult(written.revision);
  const events = entry.digested.map((event, j): RecordedEvent => {
    const place = written.places[j];
    if (!place) throw new Error('the SQLite writer placed fewer events than it was given');
    return {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: { ...event.metadata, prevHash: place.prevHash, hash: place.hash },
      streamId: entry.streamId,
      streamRevision: place.streamRevision,
      globalPosition: place.globalPosition,
      logDigest: place.logDigest,
    };
  });
  return { nextExpectedRevision: (events[events.length - 1] as RecordedEvent).streamRevision, events, alreadyStored: false };
}

/** Commits one group of appends, on this thread or another. */
interface GroupWriter {
  /** It writes on a connection of its own, not the store's. */
  readonly ownConnection: boolean;
  commit(batch: EncodedAppend[][]): Promise<GroupCommitted>;
  close(): Promise<void>;
}

/** The writer on the store's own connection: the COMMIT blocks this thread. */
class InlineWriter implements GroupWriter {
  readonly ownConnection = false;

  constructor(private readonly writer: SqliteLogWriter) {}

  async commit(batch: EncodedAppend[][]): Promise<GroupCommitted> {
    return this.writer.commitGroup(batch);
  }

  async close(): Promise<void> {
    // The connection is the store's; it closes it. A bulk load's last groups are committed first.
    this.writer.commitOpen();
  }
}

/**
 * The writer in a worker thread (`sqlite-writer-thread.ts`) on a connection
 * of its own, started at the first append. The thread keeps the process
 * alive only while a group is being committed.
 */
class ThreadWriter implements GroupWriter {
  readonly ownConnection = true;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (group: GroupCommitted) => void; reject: (error: unknown) => void }>();

  constructor(
    private readonly file: string,
    private readonly execArgv: string[] | undefined,
    private readonly data: WriterThreadData,
  ) {}

  commit(batch: EncodedAppend[][]): Promise<GroupCommitted> {
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (error) {
      return Promise.reject(error);
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ type: 'commit', id, batch } satisfies ToWriterThread);
    });
  }

  private start(): Worker {
    const worker = new Worker(this.file, { workerData: this.data, ...(this.execArgv ? { execArgv: this.execArgv } : {}) });
    worker.unref();
    worker.on('message', (message: FromWriterThread) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) worker.unref();
      if (!waiter) return;
      if (message.type === 'committed') {
        waiter.resolve({ outcomes: message.outcomes, commitSeconds: message.commitSeconds, wrote: message.wrote, othersCommitted: message.othersCommitted });
      }
      else waiter.reject(fromWireError(message.error));
    });
    // The thread failed or stopped: groups in flight are not known to be stored (a retry with the same ids is safe).
    const stopped = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.ref();
    const exited = new Promise((done) => worker.once('exit', done));
    worker.postMessage({ type: 'close' } satisfies ToWriterThread);
    await exited;
  }
}

/**
 * The writer thread's module beside this one: `.ts` from the sources (loaded
 * under @swc-node/register, as the calling process is), `.js` from the
 * build. A bundle without it writes inline.
 */
function writerThreadModule(): { file: string; execArgv: string[] | undefined } | null {
  const ext = extname(__filename);
  const file = join(__dirname, `sqlite-writer-thread${ext}`);
  if (!existsSync(file)) return null;
  if (ext !== '.ts') return { file, execArgv: undefined };
  const loaded = process.execArgv.some((arg) => arg.includes('@swc-node/register'));
  return { file, execArgv: loaded ? undefined : [...process.execArgv, '-r', '@swc-node/register'] };
}

function openWriter(options: SqliteEventStoreOptions, db: Database.Database): GroupWriter {
  const thread = options.writer === 'thread' && !isInMemory(options.path) ? writerThreadModule() : null;
  if (options.bulkLoad) return new InlineWriter(new SqliteLogWriter(db, { commitEvery: options.bulkLoad.commitEvery ?? 1000 }));
  if (!thread) return new InlineWriter(new SqliteLogWriter(db));
  return new ThreadWriter(thread.file, thread.execArgv, { path: options.path, busyTimeoutMs: options.busyTimeoutMs });
}

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

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
