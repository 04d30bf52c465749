import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { keyTuple } from '../engine';
import { type CurrentModel, type KeyValue, OPEN_KNOWN_TO, type ReadModel, type Row, type TemporalModel, entityColumnOf, toInstant } from '../model';
import { CHECKPOINT_TABLE, EVENTS_TABLE, refsTableName, tableName, tablesOf, viewName } from '../naming';
import { type ColumnSpec, REFS_SPEC, type StoredType, type TableSpec, checkDate, checkListOptions, defaultOrder, selectedColumns, tableSpec, whereSql } from '../schema';
import { dropsGeneration, runSync } from '../store';
import { FlushThread, flushThreadModule } from './flush-thread';
import { recordWrites, replayWrites } from './recorded-writes';
import type {
  AsOfOptions,
  CountOptions,
  CountRow,
  GenerationInfo,
  GenerationStatus,
  ListOptions,
  ProjectionTx,
  ReadModelStore,
  Steps,
  StoredEvent,
  TemporalRef,
  TemporalWrites,
  TransactionOptions,
  VersionRow,
  VersionedRow,
} from '../store';

export interface SqliteReadModelStoreOptions {
  /** A file path: the event log's own file, or another. */
  path: string;
  /** How long a write waits for another connection's write lock (the event store's appends, another projector). */
  busyTimeoutMs?: number;
  /** The writer's page cache, MiB (default 16): bounded, whatever the size of the file. */
  cacheMb?: number;
  /**
   * A relaxed transaction (a bulk load's flush: writes only) of at least this
   * many rows is committed by a thread of the store's own, with its own
   * connection (`sqlite-flush-thread.ts`), so that the event loop is free
   * while it runs (default 100, up to 20 000 rows; false: every transaction on the caller's thread).
   */
  flushThreadRows?: number | false;
}

const SQLITE_TYPES: Record<StoredType, string> = {
  text: 'TEXT',
  date: 'TEXT',
  timestamp: 'TEXT',
  integer: 'INTEGER',
  boolean: 'INTEGER',
  real: 'REAL',
  json: 'TEXT',
};

const q = (name: string) => `"${name}"`;

const PAGE_SIZE = 16_384;

const CHECKPOINT_SCHEMA = `
CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (
  projector   TEXT    NOT NULL,
  generation  INTEGER NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('building', 'live', 'retired')),
  position    INTEGER NOT NULL,
  fingerprint TEXT    NOT NULL,
  models      TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  PRIMARY KEY (projector, generation)
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS ${CHECKPOINT_TABLE}_live ON ${CHECKPOINT_TABLE} (projector) WHERE status = 'live';
CREATE TABLE IF NOT EXISTS ${EVENTS_TABLE} (
  global_position INTEGER PRIMARY KEY,
  event           TEXT    NOT NULL
) STRICT;
`;

interface CheckpointRow {
  projector: string;
  generation: number;
  status: GenerationStatus;
  position: number;
  fingerprint: string;
  models: string;
}

/**
 * Read models in SQLite (WAL, synchronous=FULL, like the event log; it may be
 * the same file). One writer connection whose transactions (a batch, a
 * switch-over) are synchronous from BEGIN IMMEDIATE to COMMIT: nothing else in
 * the process runs while one holds the write lock, so an event store on the
 * same file in the same process never waits on it. One reader connection for
 * queries: in WAL mode it sees the last commit, never a transaction in progress.
 */
export class SqliteReadModelStore implements ReadModelStore {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private reader: Database.Database | undefined;
  private readonly flusher: FlushThread | undefined;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly readStatements = new Map<string, Database.Statement>();
  private readonly tx: ProjectionTx;
  /**
   * The builder's lock of each building generation this store made (by
   * projector NUL generation): a connection holding an exclusive lock on a
   * small file beside the store's, which the operating system lets go when
   * the process ends, however it ends (`dropGenerations`).
   */
  private readonly builders = new Map<string, Database.Database>();

  constructor(private readonly options: SqliteReadModelStoreOptions) {
    this.db = new Database(options.path);
    // A file of its own, new: 16 KiB pages. A temporal model's references and versions are rows of 1–4 KB,
    // which leave most of a 4 KiB page unused; in a file the event log made first, its page size stays.
    if ((this.db.pragma('page_count', { simple: true }) as number) === 0) this.db.pragma(`page_size = ${PAGE_SIZE}`);
    applyPragmas(this.db, options.busyTimeoutMs);
    if (options.cacheMb !== undefined) this.db.pragma(`cache_size = ${-Math.round(options.cacheMb * 1024)}`);
    this.db.exec(CHECKPOINT_SCHEMA);
    this.tx = this.makeTx();
    const flushModule = options.flushThreadRows === false || options.path === ':memory:' || options.path === '' ? null : flushThreadModule();
    if (flushModule) this.flusher = new FlushThread(flushModule, { path: options.path, ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}), ...(options.cacheMb !== undefined ? { cacheMb: options.cacheMb } : {}) });
  }

  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.prepare(sql).run(...params);
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /**
   * Inserts rows with multi-row INSERT statements (up to `INSERT_ROWS` rows
   * each, fewer when a row has many columns; the rest in powers of two),
   * each size prepared once: one
   * call into SQLite per chunk instead of one per row. `head` ends with
   * `VALUES `, `tail` follows the values (an `ON CONFLICT` clause, or empty).
   */
  private insertMany<T>(head: string, tail: string, width: number, rows: readonly T[], push: (out: unknown[], row: T) => void): void {
    const perStatement = Math.max(1, Math.min(INSERT_ROWS, Math.floor(MAX_PARAMETERS / width)));
    for (let start = 0, n = 0; start < rows.length; start += n) {
      // The rest of a batch in chunks of a power of two: a few statements per table, not one per chunk size seen (each a
      // prepared program of up to 32 766 parameters, kept as long as the connection: native memory grew with the log).
      const rest = rows.length - start;
      n = rest >= perStatement ? perStatement : 2 ** Math.floor(Math.log2(rest));
      const key = `${n}\u0000${head}\u0000${tail}`;
      let statement = this.statements.get(key);
      if (!statement) {
        const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
        this.statements.set(key, (statement = this.db.prepare(`${head}${new Array<string>(n).fill(tuple).join(', ')}${tail}`)));
      }
      const values: unknown[] = [];
      for (let i = start; i < start + n; i++) push(values, rows[i] as T);
      statement.run(values);
    }
  }

  private read<R>(sql: string, params: unknown[]): R[] {
    this.reader ??= openReader(this.options);
    let statement = this.readStatements.get(sql);
    if (!statement) this.readStatements.set(sql, (statement = this.reader.prepare(sql)));
    return statement.all(...params) as R[];
  }

  /** BEGIN IMMEDIATE … COMMIT around `work`, which is synchronous. */
  private async write<T>(work: () => T): Promise<T> {
    return this.db.transaction(work).immediate();
  }

  async generations(projector: string): Promise<GenerationInfo[]> {
    return (
      this.prepare(`SELECT projector, generation, status, position, fingerprint, models FROM ${CHECKPOINT_TABLE} WHERE projector = ? ORDER BY generation`).all(
        projector,
      ) as CheckpointRow[]
    ).map(toGenerationInfo);
  }

  async createGeneration(projector: string, models: readonly ReadModel[], fingerprint: string, options: { live: boolean }): Promise<GenerationInfo> {
    return this.write(() => {
      if (options.live && this.prepare(`SELECT 1 FROM ${CHECKPOINT_TABLE} WHERE projector = ? AND status = 'live'`).get(projector)) {
        throw new Error(`projector ${projector} already has a live generation`);
      }
      const max = this.prepare(`SELECT MAX(generation) AS g FROM ${CHECKPOINT_TABLE} WHERE projector = ?`).get(projector) as { g: number | null };
      const generation = (max.g ?? 0) + 1;
      for (const model of models) {
        for (const table of tablesOf(model, generation)) this.db.exec(`DROP TABLE IF EXISTS ${q(table)}`);
        // A building generation gets its secondary indexes after the bulk load (buildIndexes), a live one at once.
        this.db.exec(createTableSql(tableName(model, generation), tableSpec(model), { indexes: options.live }));
        if (model.kind === 'temporal') this.db.exec(createTableSql(refsTableName(model, generation), REFS_SPEC, { indexes: options.live }));
      }
      const status = options.live ? 'live' : 'building';
      const now = new Date().toISOString();
      const modelList = models.map((m) => ({ name: m.name, kind: m.kind }));
      this.run(
        `INSERT INTO ${CHECKPOINT_TABLE} (projector, generation, status, position, fingerprint, models, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
        projector,
        generation,
        status,
        fingerprint,
        JSON.stringify(modelList),
        now,
        now,
      );
      if (options.live) this.pointViews(models, generation, []);
      // Taken before the commit: no other store sees the generation without its builder's lock held.
      else this.holdBuilderLock(projector, generation);
      return { projector, generation, status, position: 0, fingerprint, models: modelList };
    });
  }

  private pointViews(models: readonly ReadModel[], generation: number, previous: ReadonlyArray<{ name: string }>): void {
    const keep = new Set(models.map((m) => m.name));
    for (const old of previous) if (!keep.has(old.name)) this.db.exec(`DROP VIEW IF EXISTS ${q(viewName(old))}`);
    for (const model of models) {
      this.db.exec(`DROP VIEW IF EXISTS ${q(viewName(model))}`);
      this.db.exec(`CREATE VIEW ${q(viewName(model))} AS SELECT * FROM ${q(tableName(model, generation))}`);
    }
  }

  async switchTo(projector: string, generation: number, models: readonly ReadModel[]): Promise<void> {
    await this.write(() => {
      const target = this.prepare(`SELECT status FROM ${CHECKPOINT_TABLE} WHERE projector = ? AND generation = ?`).get(projector, generation) as
        | { status: GenerationStatus }
        | undefined;
      if (target?.status !== 'building') throw new Error(`projector ${projector} generation ${generation} is not building (${target?.status ?? 'missing'})`);
      const live = this.prepare(`SELECT models FROM ${CHECKPOINT_TABLE} WHERE projector = ? AND status = 'live'`).get(projector) as { models: string } | undefined;
      const now = new Date().toISOString();
      this.run(`UPDATE ${CHECKPOINT_TABLE} SET status = 'retired', updated_at = ? WHERE projector = ? AND status = 'live'`, now, projector);
      this.run(`UPDATE ${CHECKPOINT_TABLE} SET status = 'live', updated_at = ? WHERE projector = ? AND generation = ?`, now, projector, generation);
      this.pointViews(models, generation, live ? (JSON.parse(live.models) as Array<{ name: string }>) : []);
    });
    this.letBuilderLockGo(projector, generation);
  }

  /** The lock file of a building generation's builder: beside the store's file, named by the projector's digest. */
  private builderLockPath(projector: string, generation: number): string | null {
    const { path } = this.options;
    if (path === ':memory:' || path === '') return null;
    return `${path}-building-${createHash('sha256').update(projector).digest('hex').slice(0, 16)}-g${generation}.lock`;
  }

  private holdBuilderLock(projector: string, generation: number): void {
    const path = this.builderLockPath(projector, generation);
    const key = `${projector}\u0000${generation}`;
    if (path === null) {
      this.builders.set(key, this.db);
      return;
    }
    const lock = new Database(path);
    try {
      lock.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      lock.close();
      throw error;
    }
    this.builders.set(key, lock);
  }

  /** No process holds the generation's builder lock (or it has none: made before builders took one, or in memory). */
  private builderGone(projector: string, generation: number): boolean {
    const path = this.builderLockPath(projector, generation);
    if (path === null || !existsSync(path)) return true;
    const probe = new Database(path, { timeout: 0 });
    try {
      probe.exec('BEGIN IMMEDIATE');
      probe.exec('ROLLBACK');
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
      throw error;
    } finally {
      probe.close();
    }
  }

  /** Lets a builder lock go (this store's) and removes its file (whoever's: its generation is live or dropped). */
  private letBuilderLockGo(projector: string, generation: number): void {
    const key = `${projector}\u0000${generation}`;
    const lock = this.builders.get(key);
    this.builders.delete(key);
    if (lock && lock !== this.db && lock.open) lock.close();
    const path = this.builderLockPath(projector, generation);
    if (path !== null) rmSync(path, { force: true });
  }

  async dropGenerations(projector: string, options: { building?: readonly number[] } = {}): Promise<void> {
    await this.write(() => {
      const rows = this.prepare(`SELECT projector, generation, status, position, fingerprint, models FROM ${CHECKPOINT_TABLE} WHERE projector = ?`).all(
        projector,
      ) as CheckpointRow[];
      const building = new Set(options.building ?? []);
      for (const row of rows.map(toGenerationInfo)) {
        const mine = this.builders.has(`${projector}\u0000${row.generation}`);
        const builderGone = row.status === 'building' && !mine && this.builderGone(projector, row.generation);
        if (!dropsGeneration(row, { building, mine, builderGone })) continue;
        this.letBuilderLockGo(projector, row.generation);
        for (const model of row.models) for (const table of tablesOf(model, row.generation)) this.db.exec(`DROP TABLE IF EXISTS ${q(table)}`);
        this.run(`DELETE FROM ${CHECKPOINT_TABLE} WHERE projector = ? AND generation = ?`, projector, row.generation);
      }
    });
    this.statements.clear();
    this.readStatements.clear();
  }

  async transaction<T>(steps: (tx: ProjectionTx) => Steps<T>, options: TransactionOptions = {}): Promise<T> {
    if (options.durability !== 'relaxed') return this.write(() => runSync(steps(this.tx)));
    if (this.flusher && options.offThread !== false) {
      // Writes only: recorded here, committed by the flush thread when there are enough of them to hold the event loop.
      const recorded = recordWrites(steps);
      const threshold = typeof this.options.flushThreadRows === 'number' ? this.options.flushThreadRows : FLUSH_THREAD_ROWS;
      if (recorded.rows >= threshold && recorded.rows <= FLUSH_THREAD_MAX_ROWS) await this.flusher.commit(recorded.writes);
      else await this.relaxed(() => runSync(replayWrites(this.tx, recorded.writes)));
      return recorded.value;
    }
    return this.relaxed(() => runSync(steps(this.tx)));
  }

  private async relaxed<T>(work: () => T): Promise<T> {
    // WAL with synchronous=NORMAL: the commit is atomic but not fsynced (the next checkpoint is); never corrupts the file.
    // A longer WAL between checkpoints (each one copies pages back and syncs): a bulk load checkpoints less often.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`wal_autocheckpoint = ${RELAXED_WAL_PAGES}`);
    try {
      return await this.write(work);
    } finally {
      this.db.pragma('synchronous = FULL');
      this.db.pragma('wal_autocheckpoint = 1000');
    }
  }

  async buildIndexes(_projector: string, generation: number, models: readonly ReadModel[]): Promise<void> {
    for (const model of models) {
      const specs: Array<[string, TableSpec]> = [[tableName(model, generation), tableSpec(model)]];
      if (model.kind === 'temporal') specs.push([refsTableName(model, generation), REFS_SPEC]);
      for (const [table, spec] of specs) {
        // One index per transaction: the write lock (shared with the event log when it is the same file) is held for one index at a time.
        for (const sql of createIndexSql(table, spec)) await this.write(() => this.db.exec(sql));
      }
    }
  }

  private makeTx(): ProjectionTx {
    return {
      advance: (projector, generation, from, to) =>
        this.run(
          `UPDATE ${CHECKPOINT_TABLE} SET position = ?, updated_at = ? WHERE projector = ? AND generation = ? AND position = ? AND status <> 'retired'`,
          to,
          new Date().toISOString(),
          projector,
          generation,
          from,
        ).changes === 1,

      loadCurrent: (model, generation, keys) => {
        const spec = tableSpec(model);
        const statement = this.prepare(
          `SELECT * FROM ${q(tableName(model, generation))} WHERE ${model.primaryKey.map((c) => `${q(c)} = ?`).join(' AND ')}`,
        );
        const rows: Row[] = [];
        for (const key of keys) {
          const row = statement.get(...key) as Record<string, unknown> | undefined;
          if (row) rows.push(modelRow(model.columns, fromSqliteRow(spec, row)));
        }
        return rows;
      },

      writeCurrent: (model, generation, upserts, deletes) => {
        const table = q(tableName(model, generation));
        if (deletes.length > 0) {
          const del = this.prepare(`DELETE FROM ${table} WHERE ${model.primaryKey.map((c) => `${q(c)} = ?`).join(' AND ')}`);
          for (const key of deletes) del.run(...key);
        }
        if (upserts.length > 0) {
          const spec = tableSpec(model);
          const names = spec.columns.map((c) => c.name);
          const pk = new Set(model.primaryKey);
          const updates = names.filter((n) => !pk.has(n)).map((n) => `${q(n)} = excluded.${q(n)}`);
          const insert = this.prepare(
            `INSERT INTO ${table} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})
             ON CONFLICT (${model.primaryKey.map(q).join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
          );
          for (const { row, lastPosition } of upserts) insert.run(...toSqliteValues(spec, row, { last_position: lastPosition }));
        }
      },

      appendLog: (model, generation, rows) => {
        const spec = tableSpec(model);
        const names = spec.columns.map((c) => c.name);
        this.insertMany(`INSERT INTO ${q(tableName(model, generation))} (${names.map(q).join(', ')}) VALUES `, '', names.length, rows, (out, r) =>
          pushSqliteValues(out, spec, r.row, {
            global_position: r.globalPosition,
            row_seq: r.rowSeq,
            effective_date: r.effectiveDate,
            recorded_at: r.recordedAt,
          }),
        );
      },

      loadOpenVersions: (model, generation, queries) => {
        const spec = tableSpec(model);
        const entity = entityColumnOf(model);
        const statement = this.prepare(
          `SELECT * FROM ${q(tableName(model, generation))} WHERE ${q(entity)} = ? AND known_to = '${OPEN_KNOWN_TO}' AND valid_to >= ?`,
        );
        const out: VersionRow[] = [];
        for (const { entity: id, from } of queries) {
          for (const row of statement.all(id, from) as Record<string, unknown>[]) out.push(toVersionRow(model, spec, fromSqliteRow(spec, row)));
        }
        return out;
      },

      loadRefs: (model, generation, queries) => {
        const table = q(refsTableName(model, generation));
        // The last reference before the anchor that keeps a snapshot (at most SNAPSHOT_EVERY rows back), then every one from it on.
        const snapshot = this.prepare(
          `SELECT effective_date, global_position FROM ${table} WHERE entity_id = ? AND effective_date < ? AND state IS NOT NULL ORDER BY effective_date DESC, global_position DESC LIMIT 1`,
        );
        const from = this.prepare(
          `SELECT r.entity_id, r.effective_date, r.global_position, e.event, r.state FROM ${table} r JOIN ${EVENTS_TABLE} e ON e.global_position = r.global_position
           WHERE r.entity_id = ? AND (r.effective_date, r.global_position) >= (?, ?)`,
        );
        const refs: TemporalRef[] = [];
        for (const { entity, anchor } of queries) {
          const start = snapshot.get(entity, anchor) as { effective_date: string; global_position: number } | undefined;
          const rows = from.all(entity, start?.effective_date ?? '', start?.global_position ?? 0) as Array<{
            entity_id: string;
            effective_date: string;
            global_position: number;
            event: string;
            state: string | null;
          }>;
          for (const row of rows) {
            refs.push({ entity: row.entity_id, effectiveDate: row.effective_date, globalPosition: row.global_position, event: row.event, state: row.state });
          }
        }
        return { refs };
      },

      writeTemporal: (model, generation, writes: TemporalWrites) => {
        const table = q(tableName(model, generation));
        const entity = q(entityColumnOf(model));
        const spec = tableSpec(model);
        if (writes.remove.length > 0) {
          const remove = this.prepare(`DELETE FROM ${table} WHERE ${entity} = ? AND valid_from = ? AND known_to = '${OPEN_KNOWN_TO}'`);
          for (const r of writes.remove) remove.run(r.entity, r.validFrom);
        }
        if (writes.close.length > 0) {
          const close = this.prepare(`UPDATE ${table} SET known_to = ? WHERE ${entity} = ? AND valid_from = ? AND known_to = '${OPEN_KNOWN_TO}'`);
          for (const c of writes.close) close.run(c.knownTo, c.entity, c.validFrom);
        }
        if (writes.insert.length > 0) {
          const names = spec.columns.map((c) => c.name);
          this.insertMany(`INSERT INTO ${table} (${names.map(q).join(', ')}) VALUES `, '', names.length, writes.insert, (out, v) =>
            pushSqliteValues(out, spec, v.row, { valid_from: v.validFrom, valid_to: v.validTo, known_from: v.knownFrom, known_to: v.knownTo }),
          );
        }
        if (writes.refs.length > 0) {
          // The events once, whichever model (or generation) stored them first; a reference rewritten for its snapshot, or
          // one of a rebuild (whose first pass stored its events), carries none.
          this.tx.writeEvents(writes.refs.filter((r) => r.event !== '').map((r) => ({ globalPosition: r.globalPosition, event: r.event })));
          // Each key once per batch (one ref per entity, date and position), so rows of one statement never conflict with each other.
          this.insertMany(
            `INSERT INTO ${q(refsTableName(model, generation))} (entity_id, effective_date, global_position, state) VALUES `,
            ' ON CONFLICT (entity_id, effective_date, global_position) DO UPDATE SET state = excluded.state',
            4,
            writes.refs,
            (out, r) => {
              out.push(r.entity, r.effectiveDate, r.globalPosition, r.state);
            },
          );
        }
      },

      writeEvents: (events) => {
        this.insertMany(`INSERT INTO ${EVENTS_TABLE} (global_position, event) VALUES `, ' ON CONFLICT (global_position) DO NOTHING', 2, events, (out, e) => {
          out.push(e.globalPosition, e.event);
        });
      },

      loadEvents: (positions) => {
        const statement = this.prepare(`SELECT event FROM ${EVENTS_TABLE} WHERE global_position = ?`);
        const out: StoredEvent[] = [];
        for (const globalPosition of positions) {
          const row = statement.get(globalPosition) as { event: string } | undefined;
          if (row) out.push({ globalPosition, event: row.event });
        }
        return out;
      },
    };
  }

  async get<R extends Row>(model: CurrentModel<R>, key: KeyValue): Promise<(R & { last_position: number }) | null> {
    const spec = tableSpec(model);
    const rows = this.read<Record<string, unknown>>(
      `SELECT * FROM ${q(viewName(model))} WHERE ${model.primaryKey.map((c) => `${q(c)} = ?`).join(' AND ')}`,
      keyTuple(model, key),
    );
    const row = rows[0];
    return row ? (fromSqliteRow(spec, row) as R & { last_position: number }) : null;
  }

  async list(model: ReadModel, options: ListOptions = {}): Promise<Row[]> {
    const spec = tableSpec(model);
    checkListOptions(model, spec, options);
    const params: unknown[] = [];
    const where = whereSql(spec, options.where, 'sqlite', q, (v) => (params.push(v), '?'));
    const direction = options.descending ? ' DESC' : '';
    const columns = selectedColumns(spec, options.columns);
    const sql = `SELECT ${selectList(spec, columns)} FROM ${q(viewName(model))}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${(options.orderBy ?? defaultOrder(model)).map((c) => `${q(c)}${direction}`).join(', ')}${options.limit !== undefined ? ` LIMIT ${options.limit}` : ''}`;
    return this.read<Record<string, unknown>>(sql, params).map((row) => fromSqliteColumns(columns, row));
  }

  async asOf(model: TemporalModel, date: string, options: AsOfOptions = {}): Promise<VersionedRow[]> {
    const spec = tableSpec(model);
    const { clauses, params } = this.validOn(model, spec, date, options);
    const columns = selectedColumns(spec, options.columns);
    const sql = `SELECT ${selectList(spec, columns)} FROM ${q(viewName(model))} WHERE ${clauses}
      ORDER BY ${q(entityColumnOf(model))}${options.limit !== undefined ? ` LIMIT ${options.limit}` : ''}`;
    return this.read<Record<string, unknown>>(sql, params).map((row) => fromSqliteColumns(columns, row) as VersionedRow);
  }

  async countAsOf(model: TemporalModel, date: string, options: CountOptions = {}): Promise<CountRow[]> {
    const spec = tableSpec(model);
    const { clauses, params } = this.validOn(model, spec, date, options);
    const groupBy = selectedColumns(spec, options.groupBy ?? []);
    const names = groupBy.map((c) => q(c.name));
    const sql = `SELECT ${[...names, 'COUNT(*) AS "count"'].join(', ')} FROM ${q(viewName(model))} WHERE ${clauses}${names.length ? ` GROUP BY ${names.join(', ')} ORDER BY ${names.join(', ')}` : ''}`;
    return this.read<Record<string, unknown>>(sql, params).map((row) => ({ ...fromSqliteColumns(groupBy, row), count: row['count'] as number }));
  }

  /** The conditions of a read as of `date`: the `where`, valid on the date, as known now or at `knownAt`. */
  private validOn(model: TemporalModel, spec: TableSpec, date: string, options: AsOfOptions & CountOptions): { clauses: string; params: unknown[] } {
    checkDate(date);
    checkListOptions(model, spec, options);
    const params: unknown[] = [];
    const where = whereSql(spec, options.where, 'sqlite', q, (v) => (params.push(v), '?'));
    params.push(date, date);
    let known = `known_to = '${OPEN_KNOWN_TO}'`;
    if (options.knownAt !== undefined) {
      const at = toInstant(options.knownAt);
      known = 'known_from <= ? AND ? < known_to';
      params.push(at, at);
    }
    return { clauses: `${where.map((c) => `${c} AND `).join('')}valid_from <= ? AND ? < valid_to AND ${known}`, params };
  }

  async close(): Promise<void> {
    // A generation still building is left: another store drops it, its builder gone.
    for (const lock of this.builders.values()) if (lock !== this.db && lock.open) lock.close();
    this.builders.clear();
    await this.flusher?.close();
    if (this.reader?.open) this.reader.close();
    if (this.db.open) this.db.close();
  }
}

/** Rows per multi-row INSERT (a chunk of a batch), and SQLite's bound on a statement's parameters (32766 since 3.32). */
const INSERT_ROWS = 100;
const MAX_PARAMETERS = 32766;

/** Rows of a relaxed transaction from which it goes to the flush thread (`SqliteReadModelStoreOptions.flushThreadRows`). */
const FLUSH_THREAD_ROWS = 100;
/** Rows of a relaxed transaction above which it is committed here after all (a rebuild's large flushes: a copy for the thread would double the bulk load's memory). */
const FLUSH_THREAD_MAX_ROWS = 20_000;

/** WAL pages between checkpoints while rebuilding (relaxed commits): 128 MiB at 16 KiB pages; SQLite's default is 1000. */
const RELAXED_WAL_PAGES = 8192;

export function applyPragmas(db: Database.Database, busyTimeoutMs = 5000): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // A 16 MiB page cache (SQLite's default is 2 MiB). A rebuild writes each table in the order of its primary key,
  // so a larger one buys it nothing: at 1 M events, 64 MiB took 197 s and peaked at 416 MiB RSS, 16 MiB 200 s and 376 MiB.
  db.pragma('cache_size = -16384');
}

function openReader(options: SqliteReadModelStoreOptions): Database.Database {
  const reader = new Database(options.path);
  reader.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  reader.pragma('query_only = ON');
  return reader;
}

function createTableSql(table: string, spec: TableSpec, options: { indexes: boolean }): string {
  const columns = spec.columns.map((c) => `${q(c.name)} ${SQLITE_TYPES[c.type]}${c.notNull ? ' NOT NULL' : ''}`);
  const indexes = options.indexes ? createIndexSql(table, spec) : [];
  return `CREATE TABLE ${q(table)} (\n  ${columns.join(',\n  ')},\n  PRIMARY KEY (${spec.primaryKey.map(q).join(', ')})\n) STRICT;\n${indexes.join('\n')}`;
}

function createIndexSql(table: string, spec: TableSpec): string[] {
  return spec.indexes.map(
    (index, i) =>
      `CREATE INDEX IF NOT EXISTS ${q(`${table}__i${i}`)} ON ${q(table)} (${index.columns.map(q).join(', ')})${index.openOnly ? ` WHERE known_to = '${OPEN_KNOWN_TO}'` : ''};`,
  );
}

function toSqliteParam(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * A row's values in column order; `system` holds the columns the store adds
 * (read from it, not merged into a copy of the row: spreading a wide row and
 * adding properties is slow in V8, and this runs for every row written).
 */
function toSqliteValues(spec: TableSpec, row: Record<string, unknown>, system?: Record<string, unknown>): unknown[] {
  return spec.columns.map((c) => {
    const value = (system !== undefined && c.name in system ? system[c.name] : row[c.name]) ?? null;
    if (value === null) return null;
    if (c.type === 'json') return JSON.stringify(value);
    return toSqliteParam(value);
  });
}

/** `toSqliteValues` appended to `out` (one flat parameter list for a multi-row INSERT). */
function pushSqliteValues(out: unknown[], spec: TableSpec, row: Record<string, unknown>, system: Record<string, unknown>): void {
  for (const c of spec.columns) {
    const value = (c.name in system ? system[c.name] : row[c.name]) ?? null;
    if (value === null) out.push(null);
    else if (c.type === 'json') out.push(JSON.stringify(value));
    else out.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }
}

function fromSqliteRow(spec: TableSpec, row: Record<string, unknown>): Row {
  return fromSqliteColumns(spec.columns, row);
}

/** `*` for every column, else the columns by name. */
function selectList(spec: TableSpec, columns: readonly ColumnSpec[]): string {
  return columns === spec.columns ? '*' : columns.map((c) => q(c.name)).join(', ');
}

function fromSqliteColumns(columns: readonly ColumnSpec[], row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const c of columns) {
    const value = row[c.name];
    if (value === null || value === undefined) out[c.name] = null;
    else if (c.type === 'json') out[c.name] = JSON.parse(value as string);
    else if (c.type === 'boolean') out[c.name] = value !== 0;
    else out[c.name] = value as string | number;
  }
  return out;
}

function modelRow(columns: Readonly<Record<string, unknown>>, row: Row): Row {
  const out: Row = {};
  for (const name of Object.keys(columns)) out[name] = row[name] ?? null;
  return out;
}

function toVersionRow(model: TemporalModel, spec: TableSpec, row: Row): VersionRow {
  const columns = spec.columns.slice(0, -4);
  const modelColumns: Row = {};
  for (const c of columns) modelColumns[c.name] = row[c.name] ?? null;
  return {
    entity: row[entityColumnOf(model)] as string,
    validFrom: row['valid_from'] as string,
    validTo: row['valid_to'] as string,
    knownFrom: row['known_from'] as string,
    knownTo: row['known_to'] as string,
    row: modelColumns,
  };
}

function toGenerationInfo(row: CheckpointRow): GenerationInfo {
  return {
    projector: row.projector,
    generation: row.generation,
    status: row.status,
    position: row.position,
    fingerprint: row.fingerprint,
    models: JSON.parse(row.models),
  };
}


