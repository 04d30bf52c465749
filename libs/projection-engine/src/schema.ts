import { type ColumnType, type ReadModel, entityColumnOf, temporalColumns } from './model';
import { toInstant } from './model';
import type { ListOptions, Where, WhereCondition } from './store';

/**
 * The columns of a model's table, dialect-neutral: each store maps the types
 * (docs/read-models.md has the table of both).
 */
export type StoredType = ColumnType | 'timestamp';

export interface ColumnSpec {
  name: string;
  type: StoredType;
  notNull: boolean;
}

export interface IndexSpec {
  columns: string[];
  /** Only the versions known now (`known_to = 'infinity'`): temporal models. */
  openOnly: boolean;
}

export interface TableSpec {
  columns: ColumnSpec[];
  primaryKey: string[];
  indexes: IndexSpec[];
}

export function tableSpec(model: ReadModel): TableSpec {
  const declared = (indexes: ReadonlyArray<readonly string[]> | undefined) => (indexes ?? []).map((columns) => [...columns]);
  switch (model.kind) {
    case 'current': {
      const pk = new Set(model.primaryKey);
      return {
        columns: [
          ...Object.entries(model.columns).map(([name, type]) => ({ name, type, notNull: pk.has(name) })),
          { name: 'last_position', type: 'integer', notNull: true },
        ],
        primaryKey: [...model.primaryKey],
        indexes: declared(model.indexes).map((columns) => ({ columns, openOnly: false })),
      };
    }
    case 'temporal': {
      const entity = entityColumnOf(model);
      return {
        columns: [
          ...Object.entries(temporalColumns(model)).map(([name, type]) => ({ name, type, notNull: name === entity })),
          { name: 'valid_from', type: 'date', notNull: true },
          { name: 'valid_to', type: 'date', notNull: true },
          { name: 'known_from', type: 'timestamp', notNull: true },
          { name: 'known_to', type: 'timestamp', notNull: true },
        ],
        primaryKey: [entity, 'valid_from', 'known_to'],
        // Each index ends with the interval (a read as of a date then fetches only the rows valid on it) and the covered columns.
        indexes: [[], ...declared(model.indexes)].map((columns) => ({
          columns: [...columns, 'valid_from', 'valid_to', ...(model.coveredColumns ?? []).filter((c) => !columns.includes(c))],
          openOnly: true,
        })),
      };
    }
    case 'log':
      return {
        columns: [
          { name: 'global_position', type: 'integer', notNull: true },
          { name: 'row_seq', type: 'integer', notNull: true },
          { name: 'effective_date', type: 'date', notNull: true },
          { name: 'recorded_at', type: 'timestamp', notNull: true },
          ...Object.entries(model.columns).map(([name, type]) => ({ name, type, notNull: false })),
        ],
        primaryKey: ['global_position', 'row_seq'],
        indexes: declared(model.indexes).map((columns) => ({ columns, openOnly: false })),
      };
  }
}

/**
 * A temporal model's references table: its events in effective-date order
 * (each event itself once in `EVENTS_TABLE`, by position), one in
 * `SNAPSHOT_EVERY` with the state after it.
 */
export const REFS_SPEC: TableSpec = {
  columns: [
    { name: 'entity_id', type: 'text', notNull: true },
    { name: 'effective_date', type: 'date', notNull: true },
    { name: 'global_position', type: 'integer', notNull: true },
    { name: 'state', type: 'json', notNull: false },
  ],
  primaryKey: ['entity_id', 'effective_date', 'global_position'],
  indexes: [],
};

/** The default order of `list`: the key, entity and version, or log position. */
export function defaultOrder(model: ReadModel): string[] {
  switch (model.kind) {
    case 'current':
      return [...model.primaryKey];
    case 'temporal':
      return [entityColumnOf(model), 'valid_from', 'known_from'];
    case 'log':
      return ['global_position', 'row_seq'];
  }
}

/** Refuses column names that are not the table's: they are spliced into SQL. */
export function checkColumns(model: ReadModel, spec: TableSpec, names: Iterable<string>): void {
  const known = new Set(spec.columns.map((c) => c.name));
  for (const name of names) if (!known.has(name)) throw new Error(`read model ${model.name} has no column ${JSON.stringify(name)}`);
}

export function checkListOptions(model: ReadModel, spec: TableSpec, options: ListOptions & { groupBy?: readonly string[] }): void {
  checkColumns(model, spec, Object.keys(options.where ?? {}));
  checkColumns(model, spec, options.orderBy ?? []);
  checkColumns(model, spec, options.columns ?? []);
  if (options.columns !== undefined && options.columns.length === 0) throw new Error('columns: name at least one (or leave it out for every column)');
  checkColumns(model, spec, options.groupBy ?? []);
  if (options.limit !== undefined && !(Number.isSafeInteger(options.limit) && options.limit >= 0)) throw new Error('limit must be a non-negative integer');
}

/** The columns a read returns: the ones asked for (in the table's order), or every one. */
export function selectedColumns(spec: TableSpec, columns: readonly string[] | undefined): readonly ColumnSpec[] {
  if (columns === undefined) return spec.columns;
  const wanted = new Set(columns);
  return spec.columns.filter((c) => wanted.has(c.name));
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(date: string): void {
  if (!ISO_DATE.test(date)) throw new Error(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

/**
 * SQL for `where` conditions (docs/read-models.md): one clause per column,
 * each value bound through `bind`, which returns its placeholder. Dates are
 * checked; instants are normalised to ISO-8601 UTC with milliseconds (as
 * the stores write them). `startsWith` is a range on SQLite (binary order,
 * indexed) and `LIKE 'prefix%'` on PostgreSQL (right under every collation;
 * indexed when the database collation is C).
 */
export function whereSql(
  spec: TableSpec,
  where: Where | undefined,
  dialect: 'sqlite' | 'postgres',
  quote: (name: string) => string,
  bind: (value: unknown) => string,
): string[] {
  const clauses: string[] = [];
  for (const [name, condition] of Object.entries(where ?? {})) {
    const column = spec.columns.find((c) => c.name === name);
    if (!column) throw new Error(`no column ${JSON.stringify(name)}`);
    const value = (v: unknown): unknown => {
      if (column.type === 'date' && typeof v === 'string') checkDate(v);
      if (column.type === 'timestamp' && typeof v === 'string') return toInstant(v);
      if (dialect === 'sqlite' && typeof v === 'boolean') return v ? 1 : 0;
      return v;
    };
    const col = quote(name);
    const c = condition as WhereCondition;
    if (Array.isArray(c)) {
      clauses.push(c.length === 0 ? '1 = 0' : `${col} IN (${c.map((v) => bind(value(v))).join(', ')})`);
    } else if (c !== null && typeof c === 'object' && 'startsWith' in c) {
      const prefix = c.startsWith;
      if (typeof prefix !== 'string' || prefix.length === 0) throw new Error(`startsWith on ${name} needs a non-empty text`);
      if (dialect === 'sqlite') {
        const last = prefix.codePointAt(prefix.length - 1) as number;
        const upper = prefix.slice(0, prefix.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(last + 1);
        clauses.push(`${col} >= ${bind(prefix)} AND ${col} < ${bind(upper)}`);
      } else {
        clauses.push(`${col} LIKE ${bind(`${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)}`);
      }
    } else if (c !== null && typeof c === 'object') {
      const range = c as { gt?: string | number; gte?: string | number; lt?: string | number; lte?: string | number };
      const ops = [['gt', '>'], ['gte', '>='], ['lt', '<'], ['lte', '<=']] as const;
      const parts = ops.filter(([k]) => range[k] !== undefined).map(([k, op]) => `${col} ${op} ${bind(value(range[k]))}`);
      if (parts.length === 0 || Object.keys(range).some((k) => !ops.some(([o]) => o === k))) throw new Error(`condition on ${name}: use gt, gte, lt, lte`);
      clauses.push(parts.join(' AND '));
    } else {
      clauses.push(`${col} = ${bind(value(c))}`);
    }
  }
  return clauses;
}
