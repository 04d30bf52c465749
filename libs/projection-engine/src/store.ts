import type { CurrentModel, KeyValue, LogModel, ReadModel, Row, TemporalModel } from './model';

/**
 * The read-model store port: where generations of read-model tables live, the
 * checkpoints, and the read side (always through the stable views). One
 * implementation per database (`sqlite/`, `postgres/`), both held to
 * `testing/store-contract.ts`.
 */

export type GenerationStatus = 'building' | 'live' | 'retired';

export interface GenerationInfo {
  projector: string;
  generation: number;
  status: GenerationStatus;
  /** The last global position whose effect is in this generation's tables (0: none). */
  position: number;
  fingerprint: string;
  /** Names and kinds of the models the generation's tables were built for. */
  models: Array<{ name: string; kind: ReadModel['kind'] }>;
}

/** One version of a temporal row, as stored. */
export interface VersionRow {
  entity: string;
  validFrom: string;
  validTo: string;
  knownFrom: string;
  knownTo: string;
  /** The model columns (entity column included). */
  row: Row;
}

/** One event of a temporal entity, with the entity's state after it when it keeps a snapshot (in effective-date order). */
export interface TemporalRef {
  entity: string;
  effectiveDate: string;
  globalPosition: number;
  /** The event, JSON (the recorded event without its log digest). */
  event: string;
  /** The entity's state after this event, JSON, on one reference in `SNAPSHOT_EVERY` (temporal.ts); null on the others. */
  state: string | null;
}

/** What a batch does to one temporal model's tables. */
export interface TemporalWrites {
  /** Stored open versions no longer true that were opened at the very instant they close: removed. */
  remove: Array<{ entity: string; validFrom: string; knownFrom: string }>;
  /** Stored open versions no longer true: `known_to` set. */
  close: Array<{ entity: string; validFrom: string; knownFrom: string; knownTo: string }>;
  /** New versions (open, or opened and closed within the batch). */
  insert: VersionRow[];
  /** New event references, and stored ones whose snapshot changed (added, dropped or refolded). */
  refs: TemporalRef[];
}

/** A value, or a promise of it: SQLite answers at once (its transaction never yields), PostgreSQL later. */
export type Awaitable<T> = T | Promise<T>;

/**
 * The work of one batch, inside the store's transaction. The engine is a
 * generator over these calls (`engine.ts`), so that SQLite can run a batch as
 * one synchronous transaction (nothing else in the process can slip in while
 * it holds the write lock) and PostgreSQL as awaited round trips.
 */
export interface ProjectionTx {
  /**
   * Moves the generation's checkpoint from `from` to `to`, only if it is at
   * `from` and the generation is not retired; locks it until commit. False:
   * someone else moved it (another projector process, or a switch-over).
   */
  advance(projector: string, generation: number, from: number, to: number): Awaitable<boolean>;
  /** The stored rows (model columns) of the keys, each a tuple in primaryKey order; missing keys are absent. */
  loadCurrent(model: CurrentModel, generation: number, keys: ReadonlyArray<readonly (string | number)[]>): Awaitable<Row[]>;
  writeCurrent(
    model: CurrentModel,
    generation: number,
    upserts: ReadonlyArray<{ row: Row; lastPosition: number }>,
    deletes: ReadonlyArray<readonly (string | number)[]>,
  ): Awaitable<void>;
  appendLog(
    model: LogModel,
    generation: number,
    rows: ReadonlyArray<{ row: Row; globalPosition: number; rowSeq: number; effectiveDate: string; recordedAt: string }>,
  ): Awaitable<void>;
  /** Open versions (`known_to` = infinity) of each entity with `valid_to >= from`. */
  loadOpenVersions(model: TemporalModel, generation: number, queries: ReadonlyArray<{ entity: string; from: string }>): Awaitable<VersionRow[]>;
  /**
   * Each entity's refs with `effective_date >= anchor`, and before them those
   * from its last ref before `anchor` that keeps a snapshot (state not null)
   * on — or all before `anchor` when none does (any order): the engine folds
   * the state before the anchor from them.
   */
  loadRefs(model: TemporalModel, generation: number, queries: ReadonlyArray<{ entity: string; anchor: string }>): Awaitable<{ refs: TemporalRef[] }>;
  writeTemporal(model: TemporalModel, generation: number, writes: TemporalWrites): Awaitable<void>;
  /**
   * Stores events that references point to, each once by position (one copy
   * for every model and generation: a position already stored is left as it
   * is). A rebuild's first pass writes them in log order.
   */
  writeEvents(events: ReadonlyArray<StoredEvent>): Awaitable<void>;
  /** The stored events at these positions (any order); positions not stored are absent. */
  loadEvents(positions: readonly number[]): Awaitable<StoredEvent[]>;
}

/** An event as the store keeps it for references: its position and its JSON (the recorded event without its log digest). */
export interface StoredEvent {
  globalPosition: number;
  event: string;
}

/**
 * A condition on one column: a value (equality), a list (`IN`; empty: no
 * row), a range (`gt`/`gte`/`lt`/`lte`, any together), or `startsWith` (a
 * text prefix: a subtree by materialised path). Columns of every condition
 * are checked against the table; values are bound, never spliced.
 */
export type WhereCondition =
  | string
  | number
  | boolean
  | readonly (string | number)[]
  | { readonly gt?: string | number; readonly gte?: string | number; readonly lt?: string | number; readonly lte?: string | number }
  | { readonly startsWith: string };
export type Where = Readonly<Record<string, WhereCondition>>;

export interface ListOptions {
  /** Conditions on model or system columns, all of which hold. */
  where?: Where;
  /** Model or system columns; default: the primary key / entity and valid_from / global position. */
  orderBy?: readonly string[];
  /** Order descending (every `orderBy` column) instead of ascending. */
  descending?: boolean;
  limit?: number;
  /** Only these model or system columns in each row (default: every one): a wide row's unread JSON is never parsed. */
  columns?: readonly string[];
}

export interface AsOfOptions {
  /** "As known at": an instant (ISO-8601); default now (the current knowledge). */
  knownAt?: string;
  where?: Where;
  limit?: number;
  /** Only these model or system columns in each row (default: every one). */
  columns?: readonly string[];
}

export interface CountOptions {
  /** "As known at": an instant (ISO-8601); default now (the current knowledge). */
  knownAt?: string;
  where?: Where;
  /** Model columns to count by: one answer per distinct combination present (none: one answer, the total). */
  groupBy?: readonly string[];
}

/** How many rows have one combination of the `groupBy` columns' values. */
export type CountRow = Row & { count: number };

/** A temporal row as read: the model columns and the version's bounds. */
export type VersionedRow = Row & { valid_from: string; valid_to: string; known_from: string; known_to: string };

export interface ReadModelStore {
  readonly dialect: 'sqlite' | 'postgres';

  /** The projector's generations, any status. */
  generations(projector: string): Promise<GenerationInfo[]>;
  /**
   * Creates the next generation's tables (number: one more than any before)
   * with checkpoint 0. `live`: it is the projector's first, made live at once
   * with its views (refused if the projector has a live generation).
   */
  createGeneration(projector: string, models: readonly ReadModel[], fingerprint: string, options: { live: boolean }): Promise<GenerationInfo>;
  /**
   * In one transaction: the generation becomes live, every view points at its
   * tables (views of models it no longer has are dropped), the live one before
   * it is retired. Readers see the old generation or the new one, never a mix.
   */
  switchTo(projector: string, generation: number, models: readonly ReadModel[]): Promise<void>;
  /**
   * Drops the tables and checkpoint of the projector's retired generations,
   * of the given building ones this store made (a rebuild of this process
   * that stopped), and of building ones whose builder is gone: no process
   * holds the builder's lock the store took when it made the generation
   * (a SQLite file lock, a PostgreSQL session lock: let go when the process
   * ends, however it ends). A building generation whose builder still runs
   * elsewhere stays: two rebuilds at once each build their own, and the
   * later switch wins.
   */
  dropGenerations(projector: string, options?: { building?: readonly number[] }): Promise<void>;
  /**
   * Runs a batch's steps (a generator yielding the `ProjectionTx` calls it
   * makes, see `engine.ts`) in one transaction; rolled back if they throw.
   * `durability: 'relaxed'` (a bulk load's commits: a rebuild's, or a
   * catch-up's — writes only, no reads): the store may skip flushing to disk
   * at commit, or commit on a thread of its own — a commit is still atomic,
   * rows and checkpoint together, but a power cut may undo the last few, and
   * the projector then goes on from the checkpoint that survived.
   */
  transaction<T>(steps: (tx: ProjectionTx) => Steps<T>, options?: TransactionOptions): Promise<T>;
  /**
   * A building generation's tables are created without their secondary
   * indexes (a bulk load is faster without them); this creates the missing
   * ones. The projector calls it before `switchTo`; idempotent.
   */
  buildIndexes?(projector: string, generation: number, models: readonly ReadModel[]): Promise<void>;

  /** Read side, through the views: a current row by key. */
  get<R extends Row>(model: CurrentModel<R>, key: KeyValue): Promise<(R & { last_position: number }) | null>;
  /** Every row of a model's view (current: keyed rows; temporal: every version; log: every row). */
  list(model: ReadModel, options?: ListOptions): Promise<Row[]>;
  /** Temporal: the rows valid on `date` (YYYY-MM-DD), as known now or at `knownAt`. One indexed query. */
  asOf(model: TemporalModel, date: string, options?: AsOfOptions): Promise<VersionedRow[]>;
  /** Temporal: how many rows are valid on `date`, as known now or at `knownAt`, by the `groupBy` columns — counted by the database, no row read. */
  countAsOf(model: TemporalModel, date: string, options?: CountOptions): Promise<CountRow[]>;

  close(): Promise<void>;
}

export interface TransactionOptions {
  /** `full` (default): durable at commit. `relaxed`: atomic, may be undone by a power cut (see `transaction`). */
  durability?: 'full' | 'relaxed';
  /**
   * A relaxed transaction may be committed on a thread of the store's own,
   * so that the caller's event loop is free meanwhile (default true). A
   * rebuild's say false: its generation keeps no reader waiting, and a copy
   * of every row to another thread would cost it time and memory.
   */
  offThread?: boolean;
}

/** A generator of store calls: yields what a `ProjectionTx` method returned, receives its value. */
export type Steps<T> = Generator<unknown, T, unknown>;

/** Yields one store call and returns its value, typed: `const rows = yield* step(tx.loadCurrent(…))`. */
export function* step<T>(value: Awaitable<T>): Generator<unknown, T, unknown> {
  return (yield value) as T;
}

/** Drives steps synchronously: every yielded value must already be a value. */
export function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) {
    if (next.value instanceof Promise) throw new Error('a synchronous store returned a promise');
    next = steps.next(next.value);
  }
  return next.value;
}

/** Drives steps, awaiting each yielded value; an error is thrown back into the generator. */
export async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    try {
      value = await next.value;
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(value);
  }
  return next.value;
}

/** Thrown inside a batch whose checkpoint moved: the transaction rolls back, the projector reloads. */
export class CheckpointMoved extends Error {
  override name = 'CheckpointMoved';
  constructor(
    readonly projector: string,
    readonly generation: number,
  ) {
    super(`the checkpoint of ${projector} generation ${generation} moved (another projector, or a switch-over)`);
  }
}

/** Whether `dropGenerations` drops a generation (see there): `mine` if this store made it, `builderGone` if no process holds its builder's lock. */
export function dropsGeneration(
  generation: { generation: number; status: GenerationStatus },
  options: { building: ReadonlySet<number>; mine: boolean; builderGone: boolean },
): boolean {
  if (generation.status === 'retired') return true;
  if (generation.status !== 'building') return false;
  return options.mine ? options.building.has(generation.generation) : options.builderGone;
}
