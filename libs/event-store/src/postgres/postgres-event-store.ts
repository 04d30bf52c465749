import { type PgConnection, checkSchemaName, openPgPool } from './pg-pool';
import { Pool, type PoolClient, type QueryConfig, type QueryResultRow, escapeIdentifier } from 'pg';
import {
  type DigestedEvent,
  checkOnlyResult,
  digestEvents,
  firstEventId,
  resolveReappend,
  toRecordedEvent,
  validateAppend,
  validateAppends,
} from '../append-plan';
import { type ActualRevision, isEventStoreError, storeUnavailable, wrongExpectedRevision } from '../errors';
import { GENESIS_LOG_DIGEST } from '../hash-chain';
import type { MerkleLogStore, StoredCheckpoint } from '../merkle/merkle-log';
import { type Hash, MerkleFrontier, type MerkleNode, type NodeKey, leafHash } from '../merkle/merkle-tree';
import type {
  AppendResult,
  EventMetadataInput,
  EventStore,
  ExpectedRevision,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../port';
import { AppendSignal, pollingSubscription } from '../subscription';

interface CommonOptions {
  /** The schema holding the tables; created if missing. Lower-case letters, digits and `_`. */
  schema?: string;
  /** How often a subscription reads the log when no notification arrived. */
  pollIntervalMs?: number;
}

/** A connection string (the store's own pool, default 10 connections; one is held by LISTEN while anyone subscribes), or a pool the caller owns and `close()` leaves open. */
export type PostgresEventStoreOptions = CommonOptions & PgConnection;

export const DEFAULT_POSTGRES_SCHEMA = 'auxledger';


/**
 * The tables. `events`, `merkle_nodes` and `checkpoints` mirror SQLite's;
 * `log_head` is the single row every append locks first (see the class comment).
 */
export function postgresSchemaSql(schema: string): string {
  const s = escapeIdentifier(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  global_position bigint  NOT NULL,
  event_id        uuid    NOT NULL,
  stream_id       text    NOT NULL,
  stream_revision bigint  NOT NULL,
  type            text    NOT NULL,
  schema_version  integer NOT NULL,
  data            jsonb   NOT NULL,
  metadata        jsonb   NOT NULL,
  prev_hash       text,
  hash            text    NOT NULL,
  log_digest      text    NOT NULL,
  CONSTRAINT events_pkey PRIMARY KEY (global_position),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision)
);
CREATE TABLE IF NOT EXISTS ${s}.log_head (
  id            smallint PRIMARY KEY CHECK (id = 1),
  last_position bigint   NOT NULL
);
INSERT INTO ${s}.log_head (id, last_position)
SELECT 1, COALESCE(MAX(global_position), 0) FROM ${s}.events
ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.merkle_nodes (
  level smallint NOT NULL,
  idx   bigint   NOT NULL,
  hash  bytea    NOT NULL,
  CONSTRAINT merkle_nodes_pkey PRIMARY KEY (level, idx)
);
CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
  id        bigserial PRIMARY KEY,
  tree_size bigint NOT NULL,
  root_hash text   NOT NULL,
  signed_at text   NOT NULL,
  note      text   NOT NULL
);
${appendFunctionSql(schema)}
${appendGroupFunctionSql(schema)}
`;
}

/**
 * The append functions' planner setting: no plan that reads a table whole
 * (see appendFunctionSql). Every statement in them looks rows up by key.
 */
const PLAN_BY_KEY = 'SET enable_seqscan = off';

/**
 * The append, whole, in one statement and so one round trip and one implicit
 * transaction: lock the log head, check the expected revision, link each
 * event to the one before it in its stream (hash-chain.ts: linkHash), place it
 * in the log (nextLogDigest), extend the Merkle tree (merkle-tree.ts:
 * MerkleFrontier — load the right edge, hash each new leaf up, insert the
 * completed subtrees), insert, move the head, notify on commit.
 * The client has already validated and digested the events (append-plan.ts);
 * the semantics are those of checkExpectedRevision and linkEvents, and the
 * contract and tamper suites hold the two to each other.
 * A wrong expected revision raises SQLSTATE AX001 with the actual revision
 * (or 'no_stream') as its detail.
 *
 * Every statement in it reads by key (PLAN_BY_KEY). A function's statements
 * keep the plan they were given at the start of the session: on a new log,
 * that plan scanned merkle_nodes whole in a hash join. Each append then took
 * longer as the log grew, until autovacuum's next ANALYZE. One client on an
 * empty log fell from 980 to 370 appends/s within 30 s; with the setting it
 * held 1 300.
 */
function appendFunctionSql(schema: string): string {
  const s = escapeIdentifier(schema);
  return `
CREATE OR REPLACE FUNCTION ${s}.append_events(
  p_stream_id text, p_expected text, p_event_ids uuid[], p_types text[], p_schema_versions integer[],
  p_data jsonb[], p_metadata jsonb[], p_content_digests text[], p_channel text)
RETURNS TABLE (o_global_position bigint, o_stream_revision bigint, o_prev_hash text, o_hash text, o_log_digest text)
LANGUAGE plpgsql ${PLAN_BY_KEY} AS $fn$
DECLARE
  v_position bigint;
  v_digest text;
  v_revision bigint;
  v_prev text;
  v_first_position bigint;
  v_first_revision bigint;
  v_prevs text[] := '{}';
  v_hashes text[] := '{}';
  v_digests text[] := '{}';
  -- The Merkle tree's right edge: v_frontier[l + 1] is the complete subtree of level l when the size has bit l.
  v_frontier bytea[] := '{}';
  v_node bytea;
  v_level integer;
  v_last_hash text;
  v_expected integer;
  v_want_levels integer[] := '{}';
  v_want_indexes bigint[] := '{}';
  v_levels integer[] := '{}';
  v_indexes bigint[] := '{}';
  v_nodes bytea[] := '{}';
BEGIN
  -- Lock and move the head in one step; a refused append rolls it back.
  UPDATE ${s}.log_head h SET last_position = h.last_position + cardinality(p_event_ids) WHERE h.id = 1
    RETURNING h.last_position - cardinality(p_event_ids) INTO v_position;
  IF v_position IS NULL THEN
    RAISE EXCEPTION '${schema}.log_head has no row: the schema was not migrated';
  END IF;
  IF v_position = 0 THEN
    v_digest := '${GENESIS_LOG_DIGEST}';
  ELSE
    SELECT e.log_digest, e.hash INTO v_digest, v_last_hash FROM ${s}.events e WHERE e.global_position = v_position;
    IF v_digest IS NULL THEN
      RAISE EXCEPTION 'the log head points at position %, which is not stored: the log was tampered with', v_position;
    END IF;
  END IF;
  SELECT e.stream_revision, e.hash INTO v_revision, v_prev
    FROM ${s}.events e WHERE e.stream_id = p_stream_id ORDER BY e.stream_revision DESC LIMIT 1;
  -- The right edge: the last leaf from the head event (when the size is odd), the subtrees above in one query.
  IF (v_position & 1) = 1 THEN
    v_frontier[1] := sha256(decode('00', 'hex') || decode(v_last_hash, 'hex'));
  END IF;
  v_level := 1;
  WHILE (v_position >> v_level) > 0 LOOP
    IF ((v_position >> v_level) & 1) = 1 THEN
      v_want_levels := array_append(v_want_levels, v_level);
      v_want_indexes := array_append(v_want_indexes, (v_position >> v_level) - 1);
    END IF;
    v_level := v_level + 1;
  END LOOP;
  v_expected := 0;
  IF cardinality(v_want_levels) > 0 THEN
    FOR v_level, v_node IN
      SELECT n.level, n.hash FROM unnest(v_want_levels, v_want_indexes) AS k(level, idx)
      JOIN ${s}.merkle_nodes n ON n.level = k.level AND n.idx = k.idx
    LOOP
      v_frontier[v_level + 1] := v_node;
      v_expected := v_expected + 1;
    END LOOP;
  END IF;
  IF v_expected <> cardinality(v_want_levels) THEN
    RAISE EXCEPTION 'the Merkle tree misses nodes on the right edge of size %: the log was tampered with', v_position;
  END IF;
  IF NOT (p_expected = 'any'
          OR (p_expected = 'no_stream' AND v_revision IS NULL)
          OR (p_expected = 'stream_exists' AND v_revision IS NOT NULL)
          OR (p_expected ~ '^[0-9]+$' AND v_revision IS NOT NULL AND v_revision = p_expected::bigint)) THEN
    RAISE EXCEPTION USING ERRCODE = 'AX001', MESSAGE = 'wrong expected revision', DETAIL = COALESCE(v_revision::text, 'no_stream');
  END IF;
  v_revision := COALESCE(v_revision, -1);
  v_first_revision := v_revision + 1;
  v_first_position := v_position + 1;
  -- The chain is sequential (each hash covers the one before); the write is one set-based INSERT.
  FOR i IN 1 .. cardinality(p_event_ids) LOOP
    v_revision := v_revision + 1;
    v_prevs[i] := v_prev;
    v_prev := encode(sha256(convert_to(p_content_digests[i] || ':' || v_revision::text || ':' || COALESCE(v_prev, ''), 'UTF8')), 'hex');
    v_hashes[i] := v_prev;
    v_digest := encode(sha256(convert_to(v_digest || v_prev, 'UTF8')), 'hex');
    v_digests[i] := v_digest;
    v_node := sha256(decode('00', 'hex') || decode(v_prev, 'hex'));
    v_level := 0;
    WHILE v_frontier[v_level + 1] IS NOT NULL LOOP
      v_node := sha256(decode('01', 'hex') || v_frontier[v_level + 1] || v_node);
      v_frontier[v_level + 1] := NULL;
      v_level := v_level + 1;
      v_levels := array_append(v_levels, v_level);
      v_indexes := array_append(v_indexes, ((v_first_position + i - 1) >> v_level) - 1);
      v_nodes := array_append(v_nodes, v_node);
    END LOOP;
    v_frontier[v_level + 1] := v_node;
  END LOOP;
  IF cardinality(v_levels) > 0 THEN
    INSERT INTO ${s}.merkle_nodes (level, idx, hash) SELECT * FROM unnest(v_levels, v_indexes, v_nodes);
  END IF;
  INSERT INTO ${s}.events (${COLUMNS})
    SELECT v_first_position + n - 1, id, p_stream_id, v_first_revision + n - 1, type, version, data, metadata, prev, hash, digest
    FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, v_prevs, v_hashes, v_digests)
         WITH ORDINALITY AS e(id, type, version, data, metadata, prev, hash, digest, n);
  RETURN QUERY
    SELECT v_first_position + n - 1, v_first_revision + n - 1, prev, hash, digest
    FROM unnest(v_prevs, v_hashes, v_digests) WITH ORDINALITY AS e(prev, hash, digest, n);
  PERFORM pg_notify(p_channel, (v_position + cardinality(p_event_ids))::text);
END
$fn$;`;
}

/**
 * Group commit: several commands' appends in one statement, so one implicit
 * transaction and one commit (one WAL flush) for all of them. Each command —
 * a unit of one or more stream appends, atomic together — runs in a block of
 * its own (a subtransaction): a refusal (wrong revision, a stored event id,
 * any other error) rolls back that unit only and is answered as a `refused`
 * row; the others go on and commit together. Each entry calls
 * `append_events`, so each keeps its own revision check, chain link, log
 * position and Merkle leaves, taken in turn under the log-head lock that the
 * first one takes and the statement holds through COMMIT.
 * Rows come in entry order: `ok` rows are an entry's events, `checked` one
 * row for an empty entry (its head revision, or NULL for no stream),
 * `refused` the entry that failed. A unit with a `refused` row committed
 * nothing: rows of its earlier entries were rolled back with it.
 */
function appendGroupFunctionSql(schema: string): string {
  const s = escapeIdentifier(schema);
  return `
CREATE OR REPLACE FUNCTION ${s}.append_group(
  p_units integer[], p_stream_ids text[], p_expected text[], p_counts integer[],
  p_event_ids uuid[], p_types text[], p_schema_versions integer[],
  p_data jsonb[], p_metadata jsonb[], p_content_digests text[], p_channel text)
RETURNS TABLE (o_entry integer, o_status text, o_code text, o_detail text, o_constraint text, o_message text,
  o_global_position bigint, o_stream_revision bigint, o_prev_hash text, o_hash text, o_log_digest text)
LANGUAGE plpgsql ${PLAN_BY_KEY} AS $fn$
DECLARE
  v_entry integer := 1;
  v_last integer;
  v_from integer := 1;
  v_next integer;
  v_to integer;
  v_head bigint;
  v_code text;
  v_detail text;
  v_constraint text;
  v_message text;
BEGIN
  WHILE v_entry <= cardinality(p_units) LOOP
    v_last := v_entry;
    WHILE v_last < cardinality(p_units) AND p_units[v_last + 1] = p_units[v_entry] LOOP
      v_last := v_last + 1;
    END LOOP;
    -- Where the next unit's events begin, whichever entry of this one fails.
    v_next := v_from;
    FOR i IN v_entry .. v_last LOOP
      v_next := v_next + p_counts[i];
    END LOOP;
    BEGIN
      FOR i IN v_entry .. v_last LOOP
        v_entry := i;
        v_to := v_from + p_counts[i] - 1;
        IF p_counts[i] = 0 THEN
          PERFORM 1 FROM ${s}.append_events(p_stream_ids[i], p_expected[i], '{}', '{}', '{}', '{}', '{}', '{}', p_channel);
          SELECT max(e.stream_revision) INTO v_head FROM ${s}.events e WHERE e.stream_id = p_stream_ids[i];
          RETURN QUERY SELECT i, 'checked'::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::bigint, v_head, NULL::text, NULL::text, NULL::text;
        ELSE
          RETURN QUERY SELECT i, 'ok'::text, NULL::text, NULL::text, NULL::text, NULL::text, a.*
            FROM ${s}.append_events(p_stream_ids[i], p_expected[i], p_event_ids[v_from:v_to], p_types[v_from:v_to],
              p_schema_versions[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to], p_content_digests[v_from:v_to], p_channel) a;
        END IF;
        v_from := v_to + 1;
      END LOOP;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_code = RETURNED_SQLSTATE, v_detail = PG_EXCEPTION_DETAIL, v_constraint = CONSTRAINT_NAME, v_message = MESSAGE_TEXT;
      RETURN QUERY SELECT v_entry, 'refused'::text, v_code, NULLIF(v_detail, ''), NULLIF(v_constraint, ''), v_message,
        NULL::bigint, NULL::bigint, NULL::text, NULL::text, NULL::text;
    END;
    v_from := v_next;
    v_entry := v_last + 1;
  END LOOP;
END
$fn$;`;
}

type EventRow = {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_revision: string;
  type: string;
  schema_version: number;
  data: JsonObject;
  metadata: EventMetadataInput;
  prev_hash: string | null;
  hash: string;
  log_digest: string;
};

/** One command's appends, waiting for a group commit. */
interface PendingUnit {
  appends: readonly StreamAppend[];
  digested: DigestedEvent[][];
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

/** At most this many commands in one group commit. */
const MAX_GROUP_UNITS = 256;

/** Notified positions, and ends of this store's own appends, kept at most for `changesByOthers`. */
const MAX_POSITIONS_KEPT = 10_000;

/** What append_group returns: an entry's events (`ok`), its head revision (`checked`), or its refusal. */
type GroupRow = {
  o_entry: number;
  o_status: 'ok' | 'checked' | 'refused';
  o_code: string | null;
  o_detail: string | null;
  o_constraint: string | null;
  o_message: string | null;
  o_global_position: string | null;
  o_stream_revision: string | null;
  o_prev_hash: string | null;
  o_hash: string | null;
  o_log_digest: string | null;
};

/** What append_events returns for each event. */
type AppendedRow = {
  o_global_position: string;
  o_stream_revision: string;
  o_prev_hash: string | null;
  o_hash: string;
  o_log_digest: string;
};

const COLUMNS =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest';

/**
 * The server adapter. Global order is gap-safe by construction: every append
 * transaction first locks the single `log_head` row (`SELECT … FOR UPDATE`),
 * and only then reads the stream head, assigns positions after
 * `log_head.last_position` and writes. So appends are serialized, positions
 * are dense and in commit order: an append cannot take a position until the
 * one before it has committed (and become visible), and a reader reading
 * `global_position > checkpoint` can never see position n+1 while n may still
 * commit. The log digest is kept inline, exactly as in SQLite.
 *
 * Appends run in READ COMMITTED on purpose: each statement after the lock takes
 * a fresh snapshot, so it sees every append that held the lock before.
 *
 * Each append also `pg_notify`s the store's channel inside its transaction, so
 * that subscribers in every process (each store LISTENs on one pooled
 * connection while anyone subscribes) wake when, and only when, it commits;
 * the poll interval is the fallback. The payload, the log position the append
 * ended at, also tells a store's own appends from another's (`changesByOthers`).
 *
 * Each stream append is one call of the `append_events` function. The
 * log-head lock is held through COMMIT, WAL flush included, so transactions
 * cannot share a flush and throughput is bounded by about 1 / commit latency:
 * hence group commit. Appends (`appendToStream`, `appendToStreams`) queue in
 * the store; one group at a time is written, as one `append_group` statement
 * — one round trip, one implicit transaction, one commit — in which each
 * command's appends keep their own revision checks and chain positions and a
 * refused command rolls back alone (a subtransaction). Each is answered after
 * the shared commit. Processes on one database still serialize on the lock,
 * each with its own groups.
 *
 * A connection lost during COMMIT leaves the outcome unknown: the append
 * fails with STORE_UNAVAILABLE, and retrying it with the same event ids is
 * safe (an identical re-append is answered as the first one).
 */
export class PostgresEventStore implements EventStore, MerkleLogStore {
  private readonly appended: AppendSignal;
  private readonly tables: { events: string; logHead: string; appendFunction: string; appendGroupFunction: string; merkleNodes: string; checkpoints: string };
  private readonly channel: string;
  private closed = false;
  private closing: Promise<void> | undefined;
  /** The connection LISTENing on `channel`, once a subscriber waited. */
  private listener: PoolClient | undefined;
  private listening: Promise<boolean> | undefined;
  /** Commands' appends waiting for the next group commit (see `enqueue`). */
  private pending: PendingUnit[] = [];
  /** Whether a group is being written. */
  private writing = false;
  /** `changesByOthers`: how many times this store noticed another's append, or could not tell. */
  private othersChanges = 0;
  /** Whether anyone asked `changesByOthers` (from then on the notifications are sorted into own and others'). */
  private tracksChanges = false;
  /** Where this store's own appends left the log (each entry's last position, the payload of its notification), until that notification comes. */
  private readonly ownEnds = new Set<number>();
  /** Notified log positions not (yet) known to be this store's own. */
  private readonly unexplained = new Set<number>();

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    readonly schema: string,
    pollIntervalMs: number,
  ) {
    this.appended = new AppendSignal(pollIntervalMs);
    const s = escapeIdentifier(schema);
    this.tables = {
      events: `${s}.events`,
      logHead: `${s}.log_head`,
      appendFunction: `${s}.append_events`,
      appendGroupFunction: `${s}.append_group`,
      merkleNodes: `${s}.merkle_nodes`,
      checkpoints: `${s}.checkpoints`,
    };
    this.channel = `auxledger_appended_${schema}`;
  }

  /** Connects, creates the schema and tables if missing, and checks the database stores UTF-8. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = checkSchemaName(options.schema ?? DEFAULT_POSTGRES_SCHEMA);
    const { pool, owned } = openPgPool(options, { applicationName: 'auxledger-event-store', poolSize: 10 });
    const store = new PostgresEventStore(pool, owned, schema, options.pollIntervalMs ?? 1000);
    try {
      await store.migrate();
    } catch (error) {
      if (owned) await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      const encoding = await client.query<{ server_encoding: string }>('SHOW server_encoding');
      if (encoding.rows[0]?.server_encoding !== 'UTF8') {
        throw new Error(`the database must be encoded in UTF8 to keep every event exactly (it is ${encoding.rows[0]?.server_encoding})`);
      }
      // Two stores opening a fresh database at once must not race on CREATE … IF NOT EXISTS.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`auxledger/migrate/${this.schema}`]);
      await client.query(postgresSchemaSql(this.schema));
      await this.buildMissingTree(client);
    });
  }

  /** A log written before the tree existed gets its tree once, when a store first opens it (under the migration lock). */
  private async buildMissingTree(client: PoolClient): Promise<void> {
    const [state] = (
      await client.query<{ size: string; nodes: boolean }>(
        `SELECT (SELECT last_position FROM ${this.tables.logHead} WHERE id = 1) AS size, EXISTS (SELECT 1 FROM ${this.tables.merkleNodes}) AS nodes`,
      )
    ).rows;
    if (!state || Number(state.size) < 2 || state.nodes) return;
    await client.query(`LOCK TABLE ${this.tables.logHead} IN EXCLUSIVE MODE`);
    const frontier = MerkleFrontier.empty();
    let pending: MerkleNode[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await client.query(`INSERT INTO ${this.tables.merkleNodes} (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`, [
        pending.map((n) => n.level),
        pending.map((n) => n.index),
        pending.map((n) => n.hash),
      ]);
      pending = [];
    };
    for (let after = 0; ; ) {
      const rows = (await client.query<{ p: string; hash: string }>(`SELECT global_position AS p, hash FROM ${this.tables.events} WHERE global_position > $1 ORDER BY global_position LIMIT 10000`, [after])).rows;
      for (const row of rows) pending.push(...frontier.push(leafHash(row.hash)));
      if (pending.length >= 10000) await flush();
      const last = rows[rows.length - 1];
      if (!last) break;
      after = Number(last.p);
    }
    await flush();
  }

  keepsMerkleTree(): boolean {
    return true;
  }

  async treeSize(): Promise<number> {
    return this.headPosition();
  }

  async merkleNodes(keys: readonly NodeKey[]): Promise<(Hash | null)[]> {
    const leaves = keys.filter((k) => k.level === 0).map((k) => k.index + 1);
    const inner = keys.filter((k) => k.level > 0);
    const [leafRows, nodeRows] = await Promise.all([
      leaves.length === 0 ? [] : this.query<{ p: string; hash: string }>(`SELECT global_position AS p, hash FROM ${this.tables.events} WHERE global_position = ANY($1::bigint[])`, [leaves]),
      inner.length === 0
        ? []
        : this.query<{ level: number; idx: string; hash: Buffer }>(
            `SELECT n.level, n.idx, n.hash FROM unnest($1::smallint[], $2::bigint[]) AS k(level, idx) JOIN ${this.tables.merkleNodes} n ON n.level = k.level AND n.idx = k.idx`,
            [inner.map((k) => k.level), inner.map((k) => k.index)],
          ),
    ]);
    const found = new Map<string, Hash>();
    for (const row of leafRows) found.set(`0/${Number(row.p) - 1}`, leafHash(row.hash));
    for (const row of nodeRows) found.set(`${row.level}/${Number(row.idx)}`, row.hash);
    return keys.map((k) => found.get(`${k.level}/${k.index}`) ?? null);
  }

  async eventAtLeaf(leafIndex: number): Promise<RecordedEvent | null> {
    const [row] = await this.query<EventRow>(`SELECT ${COLUMNS} FROM ${this.tables.events} WHERE global_position = $1`, [leafIndex + 1]);
    return row ? fromRow(row) : null;
  }

  async leafOfEvent(eventId: string): Promise<number | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId)) return null;
    const [row] = await this.query<{ p: string }>(`SELECT global_position AS p FROM ${this.tables.events} WHERE event_id = $1`, [eventId]);
    return row ? Number(row.p) - 1 : null;
  }

  async saveCheckpoint(c: StoredCheckpoint): Promise<void> {
    await this.query(`INSERT INTO ${this.tables.checkpoints} (tree_size, root_hash, signed_at, note) VALUES ($1, $2, $3, $4)`, [c.treeSize, c.rootHash, c.signedAt, c.note]);
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const [row] = await this.query<{ tree_size: string; root_hash: string; signed_at: string; note: string }>(
      `SELECT tree_size, root_hash, signed_at, note FROM ${this.tables.checkpoints} ORDER BY tree_size DESC, id DESC LIMIT 1`,
      [],
    );
    return row ? { treeSize: Number(row.tree_size), rootHash: row.root_hash, signedAt: row.signed_at, note: row.note } : null;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    return (await this.enqueue([{ streamId, events, expectedRevision }]))[0] as AppendResult;
  }

  /** Several streams in one transaction, all or none (an empty entry only checks the revision). */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateAppends(appends);
    return this.enqueue(appends);
  }

  /**
   * Queues one command's appends for the next group commit. One group is
   * written at a time: the appends that arrive meanwhile wait for it and go
   * together in the next, in one statement and one commit (`append_group`),
   * each answered only after that commit. An append after a quiet moment
   * goes on the next turn of the event loop, alone.
   */
  private enqueue(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    let digested: DigestedEvent[][];
    try {
      digested = appends.map((entry) => digestEvents(entry.streamId, entry.events));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ appends, digested, resolve, reject });
      if (!this.writing && this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.writing) return;
    const batch = this.pending.splice(0, MAX_GROUP_UNITS);
    if (batch.length === 0) return;
    this.writing = true;
    try {
      await this.writeGroup(batch);
    } finally {
      this.writing = false;
      if (this.pending.length > 0) setImmediate(() => void this.flush());
    }
  }

  /** One `append_group` call for the batch; each unit resolved from its own rows, a refused one as `afterRefusal` decides. */
  private async writeGroup(batch: readonly PendingUnit[]): Promise<void> {
    let rows: GroupRow[];
    try {
      rows = await this.query<GroupRow>(this.groupCall(), this.groupValues(batch));
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    }
    const byEntry = new Map<number, GroupRow[]>();
    for (const row of rows) {
      const list = byEntry.get(row.o_entry);
      if (list) list.push(row);
      else byEntry.set(row.o_entry, [row]);
    }
    let next = 1;
    const units = batch.map((unit) => {
      const first = next;
      next += unit.appends.length;
      return { unit, rows: unit.appends.map((_, k) => byEntry.get(first + k) ?? []) };
    });
    let appended = false;
    const refusals: Promise<void>[] = [];
    for (const { unit, rows: unitRows } of units) {
      const refusedAt = unitRows.findIndex((entryRows) => entryRows.some((row) => row.o_status === 'refused'));
      if (refusedAt >= 0) {
        const row = (unitRows[refusedAt] as GroupRow[]).find((r) => r.o_status === 'refused') as GroupRow;
        const error = Object.assign(new Error(row.o_message ?? 'the append was refused'), {
          code: row.o_code ?? undefined,
          detail: row.o_detail ?? undefined,
          constraint: row.o_constraint ?? undefined,
        });
        refusals.push(this.afterRefusal(error, unit.appends, unit.appends[refusedAt]).then(unit.resolve, unit.reject));
        continue;
      }
      try {
        const results = unit.appends.map((entry, k): AppendResult => {
          const entryRows = unitRows[k] as GroupRow[];
          if (entry.events.length === 0) {
            const head = entryRows[0]?.o_stream_revision;
            return checkOnlyResult(head === null || head === undefined ? 'no_stream' : toSafeNumber(head, 'stream_revision'));
          }
          appended = true;
          return toAppendResult(unit.digested[k] as DigestedEvent[], entryRows as AppendedRow[]);
        });
        for (const result of results) {
          const last = result.events[result.events.length - 1];
          if (last) this.ownAppended(last.globalPosition);
        }
        unit.resolve(results);
      } catch (error) {
        unit.reject(error);
      }
    }
    if (appended) this.appended.notify();
    await Promise.all(refusals);
  }

  private groupCall(): Omit<QueryConfig, 'values'> {
    return {
      name: `auxledger-append-group-${this.schema}`,
      text: `SELECT * FROM ${this.tables.appendGroupFunction}($1::integer[], $2::text[], $3::text[], $4::integer[], $5::uuid[], $6::text[], $7::integer[], $8::jsonb[], $9::jsonb[], $10::text[], $11)`,
    };
  }

  /** The batch flattened: an entry per stream append (with its unit's number), the events of every entry in order. */
  private groupValues(batch: readonly PendingUnit[]): unknown[] {
    const units: number[] = [];
    const streams: string[] = [];
    const expected: string[] = [];
    const counts: number[] = [];
    const events: DigestedEvent[] = [];
    batch.forEach((unit, u) =>
      unit.appends.forEach((entry, k) => {
        const digested = unit.digested[k] as DigestedEvent[];
        units.push(u + 1);
        streams.push(entry.streamId);
        expected.push(String(entry.expectedRevision));
        counts.push(digested.length);
        events.push(...digested);
      }),
    );
    return [
      units,
      streams,
      expected,
      counts,
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => e.dataJson),
      events.map((e) => e.metadataJson),
      events.map((e) => e.contentDigest),
      this.channel,
    ];
  }

  private async headRevision(client: PoolClient, streamId: string): Promise<ActualRevision> {
    const rows = await client.query<{ r: string | null }>(`SELECT max(stream_revision) AS r FROM ${this.tables.events} WHERE stream_id = $1`, [streamId]);
    const r = rows.rows[0]?.r;
    return r === null || r === undefined ? 'no_stream' : toSafeNumber(r, 'stream_revision');
  }

  /**
   * A refused append, rolled back. A wrong revision or a stored id may be this
   * very append retried after a lost acknowledgement (ADR 0003): stored events
   * never change, so they are looked up after the lock is released.
   */
  private async afterRefusal(error: unknown, appends: readonly StreamAppend[], failed: StreamAppend | undefined): Promise<AppendResult[]> {
    const pgError = error as PgError;
    const conflict = pgError?.code === 'AX001';
    if (!conflict && !isUniqueViolationOn(error, 'events_event_id_key')) throw error;
    if (conflict && !(await this.isStored(firstEventId(appends)))) {
      const actual = pgError.detail === 'no_stream' ? 'no_stream' : toSafeNumber(pgError.detail ?? '', 'actual revision');
      const entry = failed ?? (appends[0] as StreamAppend);
      throw wrongExpectedRevision(entry.streamId, entry.expectedRevision, actual);
    }
    return Promise.all(appends.map((entry) => this.reappend(entry.streamId, entry.events, entry.expectedRevision)));
  }

  private async isStored(eventId: string): Promise<boolean> {
    return (await this.query(`SELECT 1 FROM ${this.tables.events} WHERE event_id = $1`, [eventId])).length > 0;
  }

  /** Answers a re-append of stored events as the first time (ADR 0003), or refuses reused ids. */
  private async reappend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return { ...checkOnlyResult(await this.transaction((client) => this.headRevision(client, streamId))), alreadyStored: true };
    const ids = events.map((event) => event.eventId);
    const rows = await this.query<EventRow>(`SELECT ${COLUMNS} FROM ${this.tables.events} WHERE event_id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((row) => [row.event_id, fromRow(row)]));
    return resolveReappend(streamId, events, expected, ids.map((id) => byId.get(id)));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const rows = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.tables.events}
       WHERE stream_id = $1 AND stream_revision ${backwards ? '<=' : '>='} $2
       ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [streamId, from, options.maxCount ?? null],
    );
    return rows.map(fromRow);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.tables.events} WHERE global_position > $1 ORDER BY global_position ASC LIMIT $2`,
      [options.after ?? 0, options.maxCount ?? 1000],
    );
    return rows.map(fromRow);
  }

  async headPosition(): Promise<number> {
    const [head] = await this.query<{ p: string }>(`SELECT last_position AS p FROM ${this.tables.logHead} WHERE id = 1`, []);
    return Number(head?.p ?? 0);
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return pollingSubscription(
      (readOptions) => this.readAll(readOptions),
      (signal) => this.waitForAppend(signal),
      options,
    );
  }

  /**
   * Moves when another store's append is notified (LISTEN on the store's
   * channel: every append notifies the log position it ended at, on commit),
   * and on every call while no LISTEN is in place: then nothing would tell.
   * This store's own appends are told apart by the positions they ended at.
   * A notification that comes before its own append's answer is counted as
   * another's: a read too many, never one too few. Starts listening on its
   * first call, unless the pool has a single connection (the LISTEN would
   * hold it): then every call moves.
   */
  changesByOthers(): number {
    this.tracksChanges = true;
    if (!this.listener) {
      if (!this.closed && (this.pool.options.max ?? 10) > 1) this.startListening();
      return ++this.othersChanges;
    }
    if (this.unexplained.size > 0) {
      this.unexplained.clear();
      this.othersChanges += 1;
    }
    return this.othersChanges;
  }

  /** A notified log position: this store's own append's (expected), or another's. */
  private noticed(position: number): void {
    if (!this.tracksChanges || this.ownEnds.delete(position)) return;
    this.unexplained.add(position);
    // Nobody asked for a long while: what matters is that something changed.
    if (this.unexplained.size > MAX_POSITIONS_KEPT) {
      this.unexplained.clear();
      this.othersChanges += 1;
    }
  }

  /** Where one of this store's appends ended: its notification will carry it (or already did). */
  private ownAppended(position: number): void {
    if (!this.tracksChanges || this.unexplained.delete(position)) return;
    this.ownEnds.add(position);
    // A notification counted before its append's answer leaves its end here: the oldest go first.
    if (this.ownEnds.size > MAX_POSITIONS_KEPT) this.ownEnds.delete(this.ownEnds.values().next().value as number);
  }

  private startListening(): Promise<boolean> {
    this.listening ??= this.listen().finally(() => {
      this.listening = undefined;
    });
    return this.listening;
  }

  /**
   * Waits for a notification, the poll interval or abort. While no LISTEN is
   * in place it starts one, and returns as soon as it is (or on the poll
   * interval): an append that committed before LISTEN took effect was not
   * notified, so the subscription must read again before relying on it.
   */
  private waitForAppend(signal: AbortSignal | undefined): Promise<void> {
    if (this.listener || this.closed) return this.appended.wait(signal);
    const listening = this.startListening();
    const polled = this.appended.wait(signal);
    const listened = listening.then((ok) => (ok ? undefined : polled));
    return Promise.race([listened, polled]);
  }

  private async listen(): Promise<boolean> {
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      if (this.closed) {
        client.release(true);
        return false;
      }
      const listener = client;
      listener.on('notification', (message) => {
        if (message.channel !== this.channel) return;
        this.noticed(Number(message.payload));
        this.appended.notify();
      });
      listener.on('error', (error) => {
        // Lost: drop it; the next wait listens again (and polls meanwhile).
        if (this.listener !== listener) return;
        this.listener = undefined;
        listener.release(error);
      });
      await listener.query(`LISTEN ${escapeIdentifier(this.channel)}`);
      if (this.closed) {
        listener.release(true);
        return false;
      }
      this.listener = listener;
      // An append that committed before LISTEN took effect was not notified: what was kept until now may be old.
      this.othersChanges += 1;
      return true;
    } catch {
      if (client && this.listener !== client) client.release(true);
      return false;
    }
  }

  /** Releases the LISTEN connection, and ends the pool if the store created it. Idempotent. */
  async close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.appended.notify();
      await this.listening?.catch(() => false);
      const listener = this.listener;
      this.listener = undefined;
      if (listener) {
        listener.removeAllListeners('notification');
        // Destroyed rather than returned: a pooled connection must not stay LISTENing.
        listener.release(true);
      }
      if (this.ownsPool) await this.pool.end();
    })();
    return this.closing;
  }

  private async query<R extends QueryResultRow>(query: string | Omit<QueryConfig, 'values'>, values: unknown[]): Promise<R[]> {
    try {
      const config = typeof query === 'string' ? { text: query } : query;
      return (await this.pool.query<R>({ ...config, values })).rows;
    } catch (error) {
      throw isConnectionFailure(error) ? storeUnavailable(error) : error;
    }
  }

  /** Runs `work` in a READ COMMITTED transaction; ROLLBACK on any error; always releases the client. */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw isConnectionFailure(error) ? storeUnavailable(error) : error;
    }
    // A connection lost between queries is reported by the next query; without a listener it would crash the process.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    let destroy = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        destroy = true;
      }
      if (isEventStoreError(error)) throw error;
      if (isConnectionFailure(error) || lost) {
        destroy = true;
        throw storeUnavailable(error);
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(destroy || lost !== undefined);
    }
  }
}

function toAppendResult(digested: readonly DigestedEvent[], rows: readonly AppendedRow[]): AppendResult {
  const recorded = digested.map((event, index): RecordedEvent => {
    const row = rows[index] as AppendedRow;
    const linked = { ...event, streamRevision: toSafeNumber(row.o_stream_revision, 'stream_revision'), prevHash: row.o_prev_hash, hash: row.o_hash };
    return toRecordedEvent(linked, toSafeNumber(row.o_global_position, 'global_position'), row.o_log_digest);
  });
  const last = recorded[recorded.length - 1] as RecordedEvent;
  return { nextExpectedRevision: last.streamRevision, events: recorded, alreadyStored: false };
}

function fromRow(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: { ...row.metadata, prevHash: row.prev_hash, hash: row.hash },
    streamId: row.stream_id,
    streamRevision: toSafeNumber(row.stream_revision, 'stream_revision'),
    globalPosition: toSafeNumber(row.global_position, 'global_position'),
    logDigest: row.log_digest,
  };
}

/** bigint columns arrive as strings; refuse rather than round a value beyond 2^53. */
export function toSafeNumber(value: string | number, column: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${column} ${value} is not a safe integer`);
  return n;
}

interface PgError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
}

function isUniqueViolationOn(error: unknown, constraint: string): boolean {
  const pgError = error as PgError | null;
  return pgError?.code === '23505' && pgError.constraint === constraint;
}


const NODE_CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, invalid_catalog_name (no such database). */
const SERVER_CONNECTION_ERRORS = new Set(['57P01', '57P02', '57P03', '53300', '3D000']);

/** Failures to reach or keep a connection, as opposed to errors in what was asked. */
export function isConnectionFailure(error: unknown): boolean {
  // Duck-typed: errors raised by Node's sockets need not be instances of this realm's Error (under jest they are not).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NODE_CONNECTION_ERRORS.has(code) || SERVER_CONNECTION_ERRORS.has(code)) return true;
    // Class 08: connection exception; class 28: invalid authorization.
    if (/^(08|28)[0-9A-Z]{3}$/.test(code)) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection timeout/i.test(message)
  );
}
