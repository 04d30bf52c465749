import { type PgConnection, checkSchemaName, openPgPool } from '@auxledger/event-store';
import { type Pool, type PoolClient, escapeIdentifier, types } from 'pg';
import { keyTuple } from '../engine';
import { type CurrentModel, type KeyValue, OPEN_KNOWN_TO, type ReadModel, type Row, type TemporalModel, entityColumnOf, toInstant } from '../model';
import { CHECKPOINT_TABLE, EVENTS_TABLE, refsTableName, tableName, tablesOf, viewName } from '../naming';
import { type ColumnSpec, REFS_SPEC, type StoredType, type TableSpec, checkDate, checkListOptions, defaultOrder, selectedColumns, tableSpec, whereSql } from '../schema';
import { dropsGeneration, runAsync } from '../store';
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
  TransactionOptions,
  VersionRow,
  VersionedRow,
} from '../store';

interface CommonOptions {
  /** The schema holding the read models (created if missing). Default `read_models`. */
  schema?: string;
}

export type PostgresReadModelStoreOptions = CommonOptions & PgConnection;

export const DEFAULT_READ_MODEL_SCHEMA = 'read_models';

const PG_TYPES: Record<StoredType, string> = {
  text: 'text',
  date: 'date',
  timestamp: 'timestamptz',
  integer: 'bigint',
  boolean: 'boolean',
  real: 'double precision',
  json: 'jsonb',
};

const parseTimestamp = types.getTypeParser(1184, 'text') as (value: string) => Date | number;

/**
 * How values come back: bigint as a (safe) number, dates as YYYY-MM-DD,
 * timestamps as ISO-8601 UTC (or 'infinity'), `json` (the internal reference
 * columns) as its text; jsonb parsed as usual.
 */
const TYPE_PARSERS = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20:
        return (value: string) => {
          const n = Number(value);
          if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is beyond 2^53`);
          return n;
        };
      case 1082:
        return (value: string) => value;
      case 114:
        return (value: string) => value;
      case 1184:
      case 1114:
        return (value: string) => {
          if (value === 'infinity' || value === '-infinity') return value;
          const parsed = parseTimestamp(value);
          return parsed instanceof Date ? parsed.toISOString() : value;
        };
      default:
        return types.getTypeParser(oid, format ?? 'text');
    }
  },
};

type Queryable = Pick<PoolClient, 'query'>;

/**
 * Read models in PostgreSQL, in a schema of their own (default `read_models`),
 * in the event log's database or another. A batch is one READ COMMITTED
 * transaction whose first statement moves the checkpoint row (compare and
 * set), so that two projector processes never apply one batch twice: the
 * second waits on the row lock, then finds the checkpoint moved. Each step of
 * a batch is one set-based statement over `unnest` arrays, whatever the
 * number of rows. Generation management (create, switch, drop) takes a
 * transaction-scoped advisory lock per projector.
 */
export class PostgresReadModelStore implements ReadModelStore {
  readonly dialect = 'postgres' as const;
  private readonly s: string;
  private closing: Promise<void> | undefined;

  /**
   * The builder's lock of each building generation this store made (by
   * projector NUL generation): a session of its own holding an advisory
   * lock, which the server lets go when the session ends, however the
   * process ends (`dropGenerations`).
   */
  private readonly builders = new Map<string, PoolClient>();

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    readonly schema: string,
  ) {
    this.s = escapeIdentifier(schema);
  }

  static async open(options: PostgresReadModelStoreOptions): Promise<PostgresReadModelStore> {
    const schema = checkSchemaName(options.schema ?? DEFAULT_READ_MODEL_SCHEMA);
    const { pool, owned } = openPgPool(options, { applicationName: 'auxledger-projections', poolSize: 5, types: TYPE_PARSERS });
    const store = new PostgresReadModelStore(pool, owned, schema);
    try {
      await store.inTransaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`auxledger/projections/migrate/${schema}`]);
        await client.query(`
          CREATE SCHEMA IF NOT EXISTS ${store.s};
          CREATE TABLE IF NOT EXISTS ${store.s}.${CHECKPOINT_TABLE} (
            projector   text        NOT NULL,
            generation  integer     NOT NULL,
            status      text        NOT NULL CHECK (status IN ('building', 'live', 'retired')),
            position    bigint      NOT NULL,
            fingerprint text        NOT NULL,
            models      jsonb       NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now(),
            updated_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (projector, generation)
          );
          CREATE UNIQUE INDEX IF NOT EXISTS ${CHECKPOINT_TABLE}_live ON ${store.s}.${CHECKPOINT_TABLE} (projector) WHERE status = 'live';
          CREATE TABLE IF NOT EXISTS ${store.s}.${EVENTS_TABLE} (
            global_position bigint PRIMARY KEY,
            event           json   NOT NULL
          );`);
      });
    } catch (error) {
      if (owned) await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  private t(name: string): string {
    return `${this.s}.${escapeIdentifier(name)}`;
  }

  /** The pool's own parsers apply only to the pool's connections; a borrowed pool gets them per query. */
  private async query<R extends Record<string, unknown>>(client: Queryable | Pool, text: string, values: unknown[] = []): Promise<R[]> {
    return (await client.query<R>({ text, values, types: TYPE_PARSERS })).rows;
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let lost = false;
    const onError = () => {
      lost = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        lost = true;
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  private async lockProjector(client: PoolClient, projector: string): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`auxledger/projections/${this.schema}/${projector}`]);
  }

  async generations(projector: string): Promise<GenerationInfo[]> {
    return this.generationsWith(this.pool, projector);
  }

  private async generationsWith(client: Queryable | Pool, projector: string): Promise<GenerationInfo[]> {
    const rows = await this.query<{ projector: string; generation: number; status: GenerationStatus; position: number; fingerprint: string; models: GenerationInfo['models'] }>(
      client,
      `SELECT projector, generation, status, position, fingerprint, models FROM ${this.s}.${CHECKPOINT_TABLE} WHERE projector = $1 ORDER BY generation`,
      [projector],
    );
    return rows.map((r) => ({ ...r }));
  }

  async createGeneration(projector: string, models: readonly ReadModel[], fingerprint: string, options: { live: boolean }): Promise<GenerationInfo> {
    return this.inTransaction(async (client) => {
      await this.lockProjector(client, projector);
      const existing = await this.generationsWith(client, projector);
      if (options.live && existing.some((g) => g.status === 'live')) throw new Error(`projector ${projector} already has a live generation`);
      const generation = existing.reduce((max, g) => Math.max(max, g.generation), 0) + 1;
      const ddl: string[] = [];
      for (const model of models) {
        for (const table of tablesOf(model, generation)) ddl.push(`DROP TABLE IF EXISTS ${this.t(table)};`);
        // A building generation gets its secondary indexes after the bulk load (buildIndexes), a live one at once.
        ddl.push(this.createTableSql(tableName(model, generation), tableSpec(model), 'jsonb', options.live));
        if (model.kind === 'temporal') ddl.push(this.createTableSql(refsTableName(model, generation), REFS_SPEC, 'json', options.live));
      }
      await client.query(ddl.join('\n'));
      const status = options.live ? 'live' : 'building';
      const modelList = models.map((m) => ({ name: m.name, kind: m.kind }));
      await client.query(
        `INSERT INTO ${this.s}.${CHECKPOINT_TABLE} (projector, generation, status, position, fingerprint, models) VALUES ($1, $2, $3, 0, $4, $5)`,
        [projector, generation, status, fingerprint, JSON.stringify(modelList)],
      );
      if (options.live) await this.pointViews(client, models, generation, []);
      // Taken before the commit: no other store sees the generation without its builder's lock held.
      else await this.holdBuilderLock(projector, generation);
      return { projector, generation, status, position: 0, fingerprint, models: modelList };
    });
  }

  private createTableSql(table: string, spec: TableSpec, jsonType: string, withIndexes: boolean): string {
    const type = (c: ColumnSpec) => (c.type === 'json' ? jsonType : PG_TYPES[c.type]);
    const columns = spec.columns.map((c) => `${escapeIdentifier(c.name)} ${type(c)}${c.notNull ? ' NOT NULL' : ''}`);
    const indexes = withIndexes ? this.createIndexSql(table, spec) : [];
    return `CREATE TABLE ${this.t(table)} (${columns.join(', ')}, PRIMARY KEY (${spec.primaryKey.map(escapeIdentifier).join(', ')}));\n${indexes.join('\n')}`;
  }

  private createIndexSql(table: string, spec: TableSpec): string[] {
    return spec.indexes.map(
      (index, i) =>
        `CREATE INDEX IF NOT EXISTS ${escapeIdentifier(`${table}__i${i}`)} ON ${this.t(table)} (${index.columns.map(escapeIdentifier).join(', ')})${
          index.openOnly ? ` WHERE known_to = '${OPEN_KNOWN_TO}'` : ''
        };`,
    );
  }

  async buildIndexes(projector: string, generation: number, models: readonly ReadModel[]): Promise<void> {
    const ddl: string[] = [];
    for (const model of models) {
      ddl.push(...this.createIndexSql(tableName(model, generation), tableSpec(model)));
      if (model.kind === 'temporal') ddl.push(...this.createIndexSql(refsTableName(model, generation), REFS_SPEC));
    }
    if (ddl.length === 0) return;
    await this.inTransaction(async (client) => {
      await this.lockProjector(client, projector);
      await client.query(ddl.join('\n'));
    });
  }

  /**
   * Points the views at a generation. CREATE OR REPLACE keeps a view (and
   * whatever a reporting tool built on it) when its columns are unchanged;
   * a view whose columns changed is dropped and created.
   */
  private async pointViews(client: PoolClient, models: readonly ReadModel[], generation: number, previous: ReadonlyArray<{ name: string }>): Promise<void> {
    const keep = new Set(models.map((m) => m.name));
    for (const old of previous) if (!keep.has(old.name)) await client.query(`DROP VIEW IF EXISTS ${this.t(viewName(old))}`);
    for (const model of models) {
      const create = `CREATE OR REPLACE VIEW ${this.t(viewName(model))} AS SELECT * FROM ${this.t(tableName(model, generation))}`;
      await client.query('SAVEPOINT point_view');
      try {
        await client.query(create);
        await client.query('RELEASE SAVEPOINT point_view');
      } catch {
        await client.query('ROLLBACK TO SAVEPOINT point_view');
        await client.query(`DROP VIEW IF EXISTS ${this.t(viewName(model))}`);
        await client.query(create);
      }
    }
  }

  async switchTo(projector: string, generation: number, models: readonly ReadModel[]): Promise<void> {
    await this.inTransaction(async (client) => {
      await this.lockProjector(client, projector);
      const all = await this.generationsWith(client, projector);
      const target = all.find((g) => g.generation === generation);
      if (target?.status !== 'building') throw new Error(`projector ${projector} generation ${generation} is not building (${target?.status ?? 'missing'})`);
      const live = all.find((g) => g.status === 'live');
      // Locks the target's checkpoint row too: a batch in flight on it finishes first.
      await client.query(`UPDATE ${this.s}.${CHECKPOINT_TABLE} SET status = 'retired', updated_at = now() WHERE projector = $1 AND status = 'live'`, [projector]);
      await client.query(`UPDATE ${this.s}.${CHECKPOINT_TABLE} SET status = 'live', updated_at = now() WHERE projector = $1 AND generation = $2`, [projector, generation]);
      await this.pointViews(client, models, generation, live?.models ?? []);
    });
    await this.letBuilderLockGo(projector, generation);
  }

  async dropGenerations(projector: string, options: { building?: readonly number[] } = {}): Promise<void> {
    await this.inTransaction(async (client) => {
      await this.lockProjector(client, projector);
      const building = new Set(options.building ?? []);
      const dropped: number[] = [];
      for (const g of await this.generationsWith(client, projector)) {
        const mine = this.builders.has(`${projector}\u0000${g.generation}`);
        const builderGone = g.status === 'building' && !mine && (await this.builderGone(client, projector, g.generation));
        if (!dropsGeneration(g, { building, mine, builderGone })) continue;
        dropped.push(g.generation);
        const tables = g.models.flatMap((m) => tablesOf(m, g.generation)).map((t) => this.t(t));
        if (tables.length > 0) await client.query(`DROP TABLE IF EXISTS ${tables.join(', ')}`);
        await client.query(`DELETE FROM ${this.s}.${CHECKPOINT_TABLE} WHERE projector = $1 AND generation = $2`, [projector, g.generation]);
      }
      return dropped;
    }).then(async (dropped) => {
      for (const generation of dropped) await this.letBuilderLockGo(projector, generation);
    });
  }

  /** The advisory lock of a building generation's builder (64 bits from the schema, projector and generation). */
  private builderKey(projector: string, generation: number): string {
    return `auxledger/projections/building/${this.schema}/${projector}/${generation}`;
  }

  private async holdBuilderLock(projector: string, generation: number): Promise<void> {
    const session = await this.pool.connect();
    try {
      await session.query(`SELECT pg_advisory_lock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint)`, [this.builderKey(projector, generation)]);
    } catch (error) {
      session.release(error as Error);
      throw error;
    }
    this.builders.set(`${projector}\u0000${generation}`, session);
  }

  /** No session holds the generation's builder lock: its builder's process ended (or it was made before builders took one). */
  private async builderGone(client: PoolClient, projector: string, generation: number): Promise<boolean> {
    const key = this.builderKey(projector, generation);
    const { rows } = await client.query<{ free: boolean }>(`SELECT pg_try_advisory_lock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint) AS free`, [key]);
    if (rows[0]?.free) await client.query(`SELECT pg_advisory_unlock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint)`, [key]);
    return rows[0]?.free === true;
  }

  /** Lets this store's builder lock of a generation go (it went live, or was dropped). */
  private async letBuilderLockGo(projector: string, generation: number): Promise<void> {
    const key = `${projector}\u0000${generation}`;
    const session = this.builders.get(key);
    if (!session) return;
    this.builders.delete(key);
    try {
      await session.query(`SELECT pg_advisory_unlock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint)`, [this.builderKey(projector, generation)]);
      session.release();
    } catch (error) {
      session.release(error as Error);
    }
  }

  async transaction<T>(steps: (tx: ProjectionTx) => Steps<T>, options: TransactionOptions = {}): Promise<T> {
    return this.inTransaction(async (client) => {
      // A rebuild's batch: the commit does not wait for the WAL flush (atomic still; a crash may undo the last few).
      if (options.durability === 'relaxed') await client.query('SET LOCAL synchronous_commit = off');
      return runAsync(steps(this.txFor(client)));
    });
  }

  private txFor(client: PoolClient): ProjectionTx {
    const writeEvents = async (events: ReadonlyArray<StoredEvent>): Promise<void> => {
      if (events.length === 0) return;
      await client.query(
        `INSERT INTO ${this.t(EVENTS_TABLE)} (global_position, event) SELECT * FROM unnest($1::bigint[], $2::json[]) ON CONFLICT (global_position) DO NOTHING`,
        [events.map((e) => e.globalPosition), events.map((e) => e.event)],
      );
    };
    return {
      advance: async (projector, generation, from, to) => {
        const rows = await this.query(
          client,
          `UPDATE ${this.s}.${CHECKPOINT_TABLE} SET position = $1, updated_at = now()
           WHERE projector = $2 AND generation = $3 AND position = $4 AND status <> 'retired' RETURNING 1 AS ok`,
          [to, projector, generation, from],
        );
        return rows.length === 1;
      },

      loadCurrent: async (model, generation, keys) => {
        const spec = tableSpec(model);
        const keyColumns = model.primaryKey.map((name) => spec.columns.find((c) => c.name === name) as ColumnSpec);
        const source = unnest(keyColumns, keyColumns.map((_, i) => keys.map((k) => k[i])), 1, 'k');
        const rows = await this.query(
          client,
          `SELECT t.* FROM ${this.t(tableName(model, generation))} t JOIN ${source.sql} ON ${keyColumns.map((c) => `t.${escapeIdentifier(c.name)} = k.${escapeIdentifier(c.name)}`).join(' AND ')}`,
          source.params,
        );
        return rows.map((row) => pick(row, Object.keys(model.columns)));
      },

      writeCurrent: async (model, generation, upserts, deletes) => {
        const table = this.t(tableName(model, generation));
        const spec = tableSpec(model);
        if (deletes.length > 0) {
          const keyColumns = model.primaryKey.map((name) => spec.columns.find((c) => c.name === name) as ColumnSpec);
          const source = unnest(keyColumns, keyColumns.map((_, i) => deletes.map((k) => k[i])), 1, 'k');
          await client.query(
            `DELETE FROM ${table} t USING ${source.sql} WHERE ${keyColumns.map((c) => `t.${escapeIdentifier(c.name)} = k.${escapeIdentifier(c.name)}`).join(' AND ')}`,
            source.params,
          );
        }
        if (upserts.length > 0) {
          const rows = upserts.map(({ row, lastPosition }) => withSystem(row, { last_position: lastPosition }));
          const pk = new Set(model.primaryKey);
          const updates = spec.columns.filter((c) => !pk.has(c.name)).map((c) => `${escapeIdentifier(c.name)} = EXCLUDED.${escapeIdentifier(c.name)}`);
          await this.insertRows(client, table, spec.columns, rows, `ON CONFLICT (${model.primaryKey.map(escapeIdentifier).join(', ')}) DO UPDATE SET ${updates.join(', ')}`);
        }
      },

      appendLog: async (model, generation, rows) => {
        const spec = tableSpec(model);
        await this.insertRows(
          client,
          this.t(tableName(model, generation)),
          spec.columns,
          rows.map((r) => withSystem(r.row, { global_position: r.globalPosition, row_seq: r.rowSeq, effective_date: r.effectiveDate, recorded_at: r.recordedAt })),
        );
      },

      loadOpenVersions: async (model, generation, queries) => {
        const spec = tableSpec(model);
        const entity = escapeIdentifier(entityColumnOf(model));
        const rows = await this.query(
          client,
          `SELECT t.* FROM ${this.t(tableName(model, generation))} t JOIN unnest($1::text[], $2::date[]) AS q(e, d) ON t.${entity} = q.e
           WHERE t.known_to = '${OPEN_KNOWN_TO}' AND t.valid_to >= q.d`,
          [queries.map((q) => q.entity), queries.map((q) => q.from)],
        );
        return rows.map((row) => toVersionRow(model, spec, row));
      },

      loadRefs: async (model, generation, queries) => {
        const refsTable = this.t(refsTableName(model, generation));
        // From each entity's last reference before the anchor that keeps a snapshot (or its first) on.
        const rows = await this.query<{ entity_id: string; effective_date: string; global_position: number; event: string; state: string | null }>(
          client,
          `SELECT r.entity_id, r.effective_date, r.global_position, e.event, r.state
           FROM unnest($1::text[], $2::date[]) AS q(e, a)
           LEFT JOIN LATERAL (SELECT s.effective_date AS d, s.global_position AS p FROM ${refsTable} s
                              WHERE s.entity_id = q.e AND s.effective_date < q.a AND s.state IS NOT NULL
                              ORDER BY s.effective_date DESC, s.global_position DESC LIMIT 1) k ON true
           JOIN ${refsTable} r ON r.entity_id = q.e AND (r.effective_date, r.global_position) >= (COALESCE(k.d, '-infinity'::date), COALESCE(k.p, 0))
           JOIN ${this.t(EVENTS_TABLE)} e ON e.global_position = r.global_position`,
          [queries.map((q) => q.entity), queries.map((q) => q.anchor)],
        );
        const refs: TemporalRef[] = rows.map((r) => ({
          entity: r.entity_id,
          effectiveDate: r.effective_date,
          globalPosition: r.global_position,
          event: r.event,
          state: r.state,
        }));
        return { refs };
      },

      writeTemporal: async (model, generation, writes) => {
        const table = this.t(tableName(model, generation));
        const entity = escapeIdentifier(entityColumnOf(model));
        const spec = tableSpec(model);
        if (writes.remove.length > 0) {
          await client.query(
            `DELETE FROM ${table} t USING unnest($1::text[], $2::date[]) AS q(e, f) WHERE t.${entity} = q.e AND t.valid_from = q.f AND t.known_to = '${OPEN_KNOWN_TO}'`,
            [writes.remove.map((r) => r.entity), writes.remove.map((r) => r.validFrom)],
          );
        }
        if (writes.close.length > 0) {
          await client.query(
            `UPDATE ${table} t SET known_to = q.k FROM unnest($1::text[], $2::date[], $3::timestamptz[]) AS q(e, f, k)
             WHERE t.${entity} = q.e AND t.valid_from = q.f AND t.known_to = '${OPEN_KNOWN_TO}'`,
            [writes.close.map((c) => c.entity), writes.close.map((c) => c.validFrom), writes.close.map((c) => c.knownTo)],
          );
        }
        if (writes.insert.length > 0) {
          await this.insertRows(
            client,
            table,
            spec.columns,
            writes.insert.map((v) => withSystem(v.row, { valid_from: v.validFrom, valid_to: v.validTo, known_from: v.knownFrom, known_to: v.knownTo })),
          );
        }
        if (writes.refs.length > 0) {
          // The events once, whichever model (or generation) stored them first; a reference rewritten for its snapshot carries none.
          await writeEvents(writes.refs.filter((r) => r.event !== '').map((r) => ({ globalPosition: r.globalPosition, event: r.event })));
          await client.query(
            `INSERT INTO ${this.t(refsTableName(model, generation))} (entity_id, effective_date, global_position, state)
             SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[], $4::json[])
             ON CONFLICT (entity_id, effective_date, global_position) DO UPDATE SET state = EXCLUDED.state`,
            [writes.refs.map((r) => r.entity), writes.refs.map((r) => r.effectiveDate), writes.refs.map((r) => r.globalPosition), writes.refs.map((r) => r.state)],
          );
        }
      },
      writeEvents,

      loadEvents: async (positions) =>
        this.query<{ global_position: number; event: string }>(
          client,
          `SELECT e.global_position, e.event FROM ${this.t(EVENTS_TABLE)} e JOIN unnest($1::bigint[]) AS q(p) ON e.global_position = q.p`,
          [positions],
        ).then((rows) => rows.map((r) => ({ globalPosition: r.global_position, event: r.event }))),
    };
  }

  /** One INSERT … SELECT FROM unnest(one array per column): one round trip for any number of rows. */
  private async insertRows(client: PoolClient, table: string, columns: readonly ColumnSpec[], rows: ReadonlyArray<Record<string, unknown>>, suffix = ''): Promise<void> {
    const source = unnest(
      columns,
      columns.map((c) => rows.map((row) => row[c.name])),
      1,
      'u',
    );
    await client.query(`INSERT INTO ${table} (${columns.map((c) => escapeIdentifier(c.name)).join(', ')}) SELECT * FROM ${source.sql} ${suffix}`, source.params);
  }

  async get<R extends Row>(model: CurrentModel<R>, key: KeyValue): Promise<(R & { last_position: number }) | null> {
    const spec = tableSpec(model);
    const rows = await this.query(
      this.pool,
      `SELECT * FROM ${this.t(viewName(model))} WHERE ${model.primaryKey.map((c, i) => `${escapeIdentifier(c)} = $${i + 1}`).join(' AND ')}`,
      keyTuple(model, key),
    );
    return rows[0] ? (pick(rows[0], spec.columns.map((c) => c.name)) as R & { last_position: number }) : null;
  }

  async list(model: ReadModel, options: ListOptions = {}): Promise<Row[]> {
    const spec = tableSpec(model);
    checkListOptions(model, spec, options);
    const params: unknown[] = [];
    const where = whereSql(spec, options.where, 'postgres', escapeIdentifier, (v) => `$${params.push(v)}`);
    const direction = options.descending ? ' DESC' : '';
    const names = selectedColumns(spec, options.columns).map((c) => c.name);
    const rows = await this.query(
      this.pool,
      `SELECT ${names.map(escapeIdentifier).join(', ')} FROM ${this.t(viewName(model))}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${(options.orderBy ?? defaultOrder(model)).map((c) => `${escapeIdentifier(c)}${direction}`).join(', ')}${options.limit !== undefined ? ` LIMIT ${options.limit}` : ''}`,
      params,
    );
    return rows.map((row) => pick(row, names));
  }

  async asOf(model: TemporalModel, date: string, options: AsOfOptions = {}): Promise<VersionedRow[]> {
    const spec = tableSpec(model);
    const { clauses, params } = this.validOn(model, spec, date, options);
    const names = selectedColumns(spec, options.columns).map((c) => c.name);
    const rows = await this.query(
      this.pool,
      `SELECT ${names.map(escapeIdentifier).join(', ')} FROM ${this.t(viewName(model))} WHERE ${clauses}
       ORDER BY ${escapeIdentifier(entityColumnOf(model))}${options.limit !== undefined ? ` LIMIT ${options.limit}` : ''}`,
      params,
    );
    return rows.map((row) => pick(row, names) as VersionedRow);
  }

  async countAsOf(model: TemporalModel, date: string, options: CountOptions = {}): Promise<CountRow[]> {
    const spec = tableSpec(model);
    const { clauses, params } = this.validOn(model, spec, date, options);
    const names = selectedColumns(spec, options.groupBy ?? []).map((c) => c.name);
    const columns = names.map(escapeIdentifier);
    const rows = await this.query(
      this.pool,
      `SELECT ${[...columns, 'COUNT(*)::integer AS "count"'].join(', ')} FROM ${this.t(viewName(model))} WHERE ${clauses}${columns.length ? ` GROUP BY ${columns.join(', ')} ORDER BY ${columns.join(', ')}` : ''}`,
      params,
    );
    return rows.map((row) => ({ ...pick(row, names), count: row['count'] as number }));
  }

  /** The conditions of a read as of `date`: the `where`, valid on the date, as known now or at `knownAt`. */
  private validOn(model: TemporalModel, spec: TableSpec, date: string, options: AsOfOptions & CountOptions): { clauses: string; params: unknown[] } {
    checkDate(date);
    checkListOptions(model, spec, options);
    const params: unknown[] = [];
    const where = whereSql(spec, options.where, 'postgres', escapeIdentifier, (v) => `$${params.push(v)}`);
    params.push(date);
    const d = `$${params.length}::date`;
    let known = `known_to = '${OPEN_KNOWN_TO}'`;
    if (options.knownAt !== undefined) {
      params.push(toInstant(options.knownAt));
      known = `known_from <= $${params.length}::timestamptz AND $${params.length}::timestamptz < known_to`;
    }
    return { clauses: `${where.map((c) => `${c} AND `).join('')}valid_from <= ${d} AND ${d} < valid_to AND ${known}`, params };
  }

  async close(): Promise<void> {
    // A generation still building is left: another store drops it, its builder gone.
    for (const session of this.builders.values()) session.release(true);
    this.builders.clear();
    this.closing ??= this.ownsPool ? this.pool.end() : Promise.resolve();
    return this.closing;
  }
}

/** `unnest($n::type[], …) AS alias(columns)` with one array parameter per column. */
function unnest(columns: readonly ColumnSpec[], arrays: unknown[][], first: number, alias: string): { sql: string; params: unknown[] } {
  const params = arrays.map((values, i) => {
    const c = columns[i] as ColumnSpec;
    return c.type === 'json' ? values.map((v) => (v === null || v === undefined ? null : JSON.stringify(v))) : values.map((v) => (v === undefined ? null : v));
  });
  const sql = `unnest(${columns.map((c, i) => `$${first + i}::${PG_TYPES[c.type]}[]`).join(', ')}) AS ${alias}(${columns.map((c) => escapeIdentifier(c.name)).join(', ')})`;
  return { sql, params };
}

function pick(row: Record<string, unknown>, names: readonly string[]): Row {
  const out: Row = {};
  for (const name of names) out[name] = (row[name] ?? null) as Row[string];
  return out;
}

function toVersionRow(model: TemporalModel, spec: TableSpec, row: Record<string, unknown>): VersionRow {
  return {
    entity: row[entityColumnOf(model)] as string,
    validFrom: row['valid_from'] as string,
    validTo: row['valid_to'] as string,
    knownFrom: row['known_from'] as string,
    knownTo: row['known_to'] as string,
    row: pick(row, spec.columns.slice(0, -4).map((c) => c.name)),
  };
}

/**
 * A row with the columns the store adds, copied key by key: `{ ...row, more }`
 * on a wide row is slow in V8, and this runs for every row written.
 */
function withSystem(row: Row, system: Row): Row {
  const out: Row = {};
  for (const key of Object.keys(row)) out[key] = row[key] as Row[string];
  for (const key of Object.keys(system)) out[key] = system[key] as Row[string];
  return out;
}
