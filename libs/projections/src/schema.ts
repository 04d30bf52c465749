import { type ColumnType, type ReadModel, entityColumnOf, temporalColumns } from './model';
import type { ListOptions } from './store';

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
        indexes: [
          { columns: ['valid_from'], openOnly: true },
          ...declared(model.indexes).map((columns) => ({ columns: [...columns, 'valid_from'], openOnly: true })),
        ],
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

/** A temporal model's references table: its events in effective-date order, each with the state after it. */
export const REFS_SPEC: TableSpec = {
  columns: [
    { name: 'entity_id', type: 'text', notNull: true },
    { name: 'effective_date', type: 'date', notNull: true },
    { name: 'global_position', type: 'integer', notNull: true },
    { name: 'event', type: 'json', notNull: true },
    { name: 'state', type: 'json', notNull: true },
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

export function checkListOptions(model: ReadModel, spec: TableSpec, options: ListOptions): void {
  checkColumns(model, spec, Object.keys(options.where ?? {}));
  checkColumns(model, spec, options.orderBy ?? []);
  if (options.limit !== undefined && !(Number.isSafeInteger(options.limit) && options.limit >= 0)) throw new Error('limit must be a non-negative integer');
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(date: string): void {
  if (!ISO_DATE.test(date)) throw new Error(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}
