import { createHash } from 'node:crypto';
import type { JsonValue, RecordedEvent } from '@auxledger/event-store';

/**
 * Read-model definitions: pure data and pure functions, no database. A store
 * turns a definition into real tables with real columns (docs/read-models.md),
 * and the projector feeds it the global log.
 */

/** Column types a reporting tool can read directly. */
export type ColumnType = 'text' | 'integer' | 'real' | 'boolean' | 'date' | 'json';
export type Columns = Readonly<Record<string, ColumnType>>;

/** A value as an evolve function sees it: text and dates as strings, JSON parsed. */
export type CellValue = string | number | boolean | null | JsonValue;
export type Row = Record<string, CellValue>;

/** A current-state key: a scalar for a one-column primary key, or the columns by name. */
export type KeyValue = string | number | Readonly<Record<string, string | number>>;

interface ModelBase {
  /** The view readers query: lower-case letters, digits and single `_` (no `__`), at most 40 characters. */
  name: string;
  /** Bump when evolve's meaning changes without a change of columns: the projector then rebuilds. */
  version?: number;
  /** Model columns (the store adds its own, see docs/read-models.md). */
  columns: Columns;
  /** Secondary indexes, each a list of model columns (a log model's may name its system columns too). */
  indexes?: ReadonlyArray<readonly string[]>;
  /** Event types this model reads; other events are skipped without calling it. Default: all. */
  handles?: readonly string[];
}

/** A keyed table of current state: one row per key, updated in place by the projector. */
export interface CurrentModel<R extends Row = Row> extends ModelBase {
  kind: 'current';
  /** Key columns, a subset of `columns` (text, integer or date). */
  primaryKey: readonly string[];
  /** The row(s) an event touches, or null. */
  key(event: RecordedEvent): KeyValue | readonly KeyValue[] | null;
  /**
   * Other rows of this model that `evolve` reads for an event (e.g. a parent's
   * row, to extend its path), loaded with the batch; `read` in `evolve` gives
   * them as they stand after the events before this one.
   */
  reads?(event: RecordedEvent): KeyValue | readonly KeyValue[] | null;
  /**
   * The next row, or null to delete it. `key` holds the key columns of the row
   * being evolved (one event may touch several); the store sets them on the
   * row returned, and refuses a row that changes them. `read` returns a row
   * named by `reads` (or by `key`), or null.
   */
  evolve(row: R | null, event: RecordedEvent, key: Readonly<Record<string, string | number>>, read?: (key: KeyValue) => R | null): R | null;
}

/**
 * Bitemporal versions per entity. The entity's events are folded in
 * effective-date order (ties by global position), so a back-dated event lands
 * where it belongs; each effective date on which `row(state)` changes starts a
 * version (`valid_from`/`valid_to`), and every version records when it was
 * known (`known_from`/`known_to`, from the events' recordedAt).
 */
export interface TemporalModel<S = unknown, R extends Row = Row> extends ModelBase {
  kind: 'temporal';
  /** The column holding the entity id (text). Default `entity_id`. */
  entityColumn?: string;
  entity(event: RecordedEvent): string | readonly string[] | null;
  /** The state before the entity's first event. Must be JSON (it is stored as a snapshot beside each event). */
  initialState(): S;
  /**
   * The state after an event. It must not change the state it is given (return
   * a new one, or the same one unchanged): the planner keeps every reference's
   * state as it was, and makes its JSON only for the snapshots it stores.
   */
  evolve(state: S, event: RecordedEvent): S;
  /** The version's columns for a state, or null while the entity has no row (not yet, or no longer). */
  row(state: S): R | null;
  /**
   * One event reference in this many keeps the state after it (default
   * `SNAPSHOT_EVERY`, 16): a back-dated event folds at most this many events
   * again to find the state before it. Changes no row.
   */
  snapshotEvery?: number;
  /**
   * Model columns kept in every index of the model after the validity
   * interval (each temporal index is its columns, then valid_from and
   * valid_to, then these): a read or a count as of a date that names only
   * indexed and covered columns reads the index alone, no row. For the
   * columns dashboards count by.
   */
  coveredColumns?: readonly string[];
}

/** Append-only rows per event: the audit-trail kind. */
export interface LogModel<R extends Row = Row> extends ModelBase {
  kind: 'log';
  rows(event: RecordedEvent): R | readonly R[] | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReadModel = CurrentModel<any> | TemporalModel<any, any> | LogModel<any>;

export const defineCurrent = <R extends Row>(model: Omit<CurrentModel<R>, 'kind'>): CurrentModel<R> =>
  validateModel({ ...model, kind: 'current' });
export const defineTemporal = <S, R extends Row = Row>(model: Omit<TemporalModel<S, R>, 'kind'>): TemporalModel<S, R> =>
  validateModel({ ...model, kind: 'temporal' });
export const defineLog = <R extends Row>(model: Omit<LogModel<R>, 'kind'>): LogModel<R> => validateModel({ ...model, kind: 'log' });

/** Columns every kind adds (docs/read-models.md). */
export const CURRENT_SYSTEM_COLUMNS = { last_position: 'integer' } as const;
export const TEMPORAL_SYSTEM_COLUMNS = { valid_from: 'date', valid_to: 'date', known_from: 'timestamp', known_to: 'timestamp' } as const;
export const LOG_SYSTEM_COLUMNS = { global_position: 'integer', row_seq: 'integer', effective_date: 'date', recorded_at: 'timestamp' } as const;

/** The open end of valid time, and of transaction time. */
export const END_OF_TIME_DATE = '9999-12-31';
export const OPEN_KNOWN_TO = 'infinity';

const NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const RESERVED_NAMES = new Set(['events', 'log_head', 'projection_checkpoints']);
const KEY_TYPES: ReadonlySet<ColumnType> = new Set(['text', 'integer', 'date']);
const COLUMN_TYPES: ReadonlySet<string> = new Set(['text', 'integer', 'real', 'boolean', 'date', 'json']);

export class ModelDefinitionError extends Error {
  override name = 'ModelDefinitionError';
}

export function validateModel<M extends ReadModel>(model: M): M {
  const fail = (why: string): never => {
    throw new ModelDefinitionError(`read model ${JSON.stringify(model.name)}: ${why}`);
  };
  if (!NAME.test(model.name) || model.name.length > 40) fail('name must be lower-case letters, digits and single underscores, at most 40 characters');
  if (RESERVED_NAMES.has(model.name)) fail('name is reserved');
  const system = systemColumns(model);
  const columns = Object.keys(model.columns);
  if (columns.length === 0) fail('declares no columns');
  for (const [column, type] of Object.entries(model.columns)) {
    if (!NAME.test(column) || column.length > 50) fail(`column ${JSON.stringify(column)}: lower-case letters, digits and single underscores`);
    if (column in system) fail(`column ${column} is added by the store`);
    if (!COLUMN_TYPES.has(type)) fail(`column ${column}: unknown type ${JSON.stringify(type)}`);
  }
  for (const index of model.indexes ?? []) {
    if (index.length === 0) fail('an index names no column');
    for (const column of index) {
      // A log model may index its system columns too (effective_date, recorded_at, global_position): time ranges, paging.
      if (!(column in model.columns) && !(model.kind === 'log' && column in LOG_SYSTEM_COLUMNS)) fail(`index column ${column} is not a model column`);
    }
  }
  if (model.kind === 'temporal') {
    for (const column of model.coveredColumns ?? []) if (!(column in model.columns)) fail(`covered column ${column} is not a model column`);
  }
  if (model.kind === 'current') {
    if (model.primaryKey.length === 0) fail('primaryKey names no column');
    for (const column of model.primaryKey) {
      const type = model.columns[column];
      if (!type) fail(`primary key column ${column} is not a model column`);
      else if (!KEY_TYPES.has(type)) fail(`primary key column ${column} must be text, integer or date`);
    }
  }
  if (model.kind === 'temporal' && model.snapshotEvery !== undefined && !(Number.isSafeInteger(model.snapshotEvery) && model.snapshotEvery >= 1)) {
    fail('snapshotEvery must be a whole number ≥ 1');
  }
  if (model.kind === 'temporal' && model.entityColumn !== undefined && model.columns[model.entityColumn] !== 'text') {
    fail(`entityColumn ${model.entityColumn} must be a text model column`);
  }
  return model;
}

export function systemColumns(model: ReadModel): Readonly<Record<string, string>> {
  switch (model.kind) {
    case 'current':
      return CURRENT_SYSTEM_COLUMNS;
    case 'temporal':
      return TEMPORAL_SYSTEM_COLUMNS;
    case 'log':
      return LOG_SYSTEM_COLUMNS;
  }
}

export const entityColumnOf = (model: TemporalModel<unknown, Row>): string => model.entityColumn ?? 'entity_id';

/** Model columns of a temporal model, the entity column included (added as text when not declared). */
export function temporalColumns(model: TemporalModel<unknown, Row>): Columns {
  const entity = entityColumnOf(model);
  return entity in model.columns ? model.columns : { [entity]: 'text', ...model.columns };
}

/** The temporal tables' format (docs/read-models.md): 2 since the references keep a state snapshot on one in `SNAPSHOT_EVERY` only, 3 since they point to events kept once (`EVENTS_TABLE`), 4 since every index ends with the whole validity interval (`valid_from`, `valid_to`) and the covered columns. */
const STORAGE_FORMAT = 4;

/** What a generation's tables were built from: a change means a rebuild. */
export function fingerprint(models: readonly ReadModel[]): string {
  // The storage's own format (2: sparse state snapshots in the references), so that a new format rebuilds too.
  const shape: unknown[] = models.map((m) => ({
    kind: m.kind,
    name: m.name,
    version: m.version ?? 1,
    columns: Object.entries(m.columns),
    indexes: m.indexes ?? [],
    handles: m.handles ?? null,
    primaryKey: m.kind === 'current' ? m.primaryKey : null,
    entityColumn: m.kind === 'temporal' ? entityColumnOf(m) : null,
    covered: m.kind === 'temporal' ? (m.coveredColumns ?? []) : null,
  }));
  if (models.some((m) => m.kind === 'temporal')) shape.push({ storage: STORAGE_FORMAT });
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32);
}

export const handlesEvent = (model: ReadModel, event: RecordedEvent): boolean => !model.handles || model.handles.includes(event.type);

/** JSON with object keys sorted: equal values, equal text (PostgreSQL jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, as `<` does; most objects come sorted already (jsonb, or stored JSON read back).
  const keys = Object.keys(record);
  if (!isSorted(keys)) keys.sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A row as returned by a model, checked against its columns: every declared
 * column present (missing ones null), nothing undeclared, values of the
 * declared type.
 */
export function normalizeRow(model: { name: string }, columns: Columns, row: Row, set?: { column: string; value: CellValue }): Row {
  const out: Row = {};
  for (const key of Object.keys(row)) {
    if (!(key in columns) && row[key] !== undefined) {
      throw new ModelDefinitionError(`read model ${model.name}: row has undeclared column ${JSON.stringify(key)}`);
    }
  }
  for (const [column, type] of entriesOf(columns)) {
    // `set`: a column given beside the row (a temporal model's entity), not copied into it first.
    const value = (set !== undefined && set.column === column ? set.value : row[column]) ?? null;
    if (value !== null && !fitsType(type, value)) {
      throw new ModelDefinitionError(`read model ${model.name}: column ${column} (${type}) got ${JSON.stringify(value)}`);
    }
    out[column] = value;
  }
  return out;
}

function fitsType(type: ColumnType, value: CellValue): boolean {
  switch (type) {
    case 'text':
      return typeof value === 'string';
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value);
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'real':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return true;
  }
}

/** The columns as entries, made once per columns object (rows are normalized by the thousand). */
const columnEntries = new WeakMap<Columns, ReadonlyArray<[string, ColumnType]>>();
function entriesOf(columns: Columns): ReadonlyArray<[string, ColumnType]> {
  let entries = columnEntries.get(columns);
  if (entries === undefined) columnEntries.set(columns, (entries = Object.entries(columns)));
  return entries;
}

/** Equality of normalized rows, as the version diff sees it: the canonical JSON of the values in column order. */
export function rowText(columns: Columns, row: Row): string {
  const entries = entriesOf(columns);
  const parts = new Array<string>(entries.length);
  for (let i = 0; i < entries.length; i++) parts[i] = canonicalJson(row[(entries[i] as [string, ColumnType])[0]] ?? null);
  // Joined, not concatenated: `join` gives a flat string, and row texts are kept (tails, versions) and compared.
  return `[${parts.join(',')}]`;
}

/** The transaction-time instant of an event: its recordedAt as ISO-8601 UTC with milliseconds (sorts as text). */
export function knownAt(event: RecordedEvent): string {
  return toInstant(event.metadata.recordedAt);
}

export function toInstant(value: string): string {
  if (value === OPEN_KNOWN_TO) return value;
  // The events of one command share their recordedAt, and every model asks: the last answer, kept.
  if (value === lastInstant.value) return lastInstant.instant;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`not an ISO-8601 instant: ${JSON.stringify(value)}`);
  const instant = new Date(time).toISOString();
  lastInstant = { value, instant };
  return instant;
}

let lastInstant = { value: '', instant: '' };
