import { type CurrentModel, type LogModel, OPEN_KNOWN_TO, type Row, type TemporalModel } from './model';
import { type Awaitable, CheckpointMoved, type ProjectionTx, type Steps, type StoredEvent, type TemporalRef, type TemporalWrites, type VersionRow, step } from './store';

/**
 * A rebuild as a bulk load. The generation being rebuilt is seen by no
 * reader until the switch, so its batches need not each reach the tables:
 * `over(tx)` gives the engine a `ProjectionTx` whose writes land in memory
 * and whose reads see the store with those writes on top, and `flush` writes
 * what they add up to in one transaction with the checkpoint. A version
 * opened and closed (or removed) between two flushes is written once, with its
 * final intervals, or not at all; a current row or a reference is written
 * once with its last value. Memory is what the events since the last flush
 * wrote (the projector flushes every `rebuildFlushEvents`); a failed flush
 * rolls back whole and the rebuild goes on from the checkpoint that
 * survived, as before.
 */
export class BulkLoad {
  /** Events applied since the last flush. */
  events = 0;
  private from: number | undefined;
  private to = 0;
  private readonly current = new Map<string, { model: CurrentModel; rows: Map<string, { key: Array<string | number>; row: Row | null; lastPosition: number }> }>();
  private readonly logs = new Map<string, { model: LogModel; rows: Array<Parameters<ProjectionTx['appendLog']>[2][number]> }>();
  private readonly temporal = new Map<string, TemporalBuffer>();
  private readonly storedEvents = new Map<number, string>();

  /** Nothing to write: no checkpoint move and no rows since the last flush. */
  get empty(): boolean {
    return this.from === undefined && this.current.size === 0 && this.logs.size === 0 && this.temporal.size === 0 && this.storedEvents.size === 0;
  }

  /** The checkpoint a flush moves to: the last position planned since the last flush. */
  get position(): number {
    return this.to;
  }

  /** The engine's view of the store during a batch: reads through to `tx`, writes to memory. */
  over(tx: ProjectionTx): ProjectionTx {
    return {
      advance: (_projector, _generation, from, to) => {
        if (this.from === undefined) this.from = from;
        else if (from !== this.to) return false;
        this.to = to;
        return true;
      },

      loadCurrent: (model, generation, keys) => {
        const buffered = this.current.get(model.name)?.rows;
        if (!buffered) return tx.loadCurrent(model, generation, keys);
        const missing = keys.filter((key) => !buffered.has(JSON.stringify(key)));
        const found: Row[] = [];
        for (const key of keys) {
          const entry = buffered.get(JSON.stringify(key));
          if (entry?.row) found.push({ ...entry.row });
        }
        if (missing.length === 0) return found;
        return then(tx.loadCurrent(model, generation, missing), (rows) => [...rows, ...found]);
      },

      writeCurrent: (model, _generation, upserts, deletes) => {
        let buffer = this.current.get(model.name);
        if (!buffer) this.current.set(model.name, (buffer = { model, rows: new Map() }));
        for (const key of deletes) buffer.rows.set(JSON.stringify(key), { key: [...key], row: null, lastPosition: 0 });
        for (const { row, lastPosition } of upserts) {
          const key = model.primaryKey.map((c) => row[c] as string | number);
          buffer.rows.set(JSON.stringify(key), { key, row, lastPosition });
        }
      },

      appendLog: (model, _generation, rows) => {
        let buffer = this.logs.get(model.name);
        if (!buffer) this.logs.set(model.name, (buffer = { model, rows: [] }));
        for (const row of rows) buffer.rows.push(row);
      },

      loadOpenVersions: (model, generation, queries) => {
        const buffer = this.temporal.get(model.name);
        if (!buffer) return tx.loadOpenVersions(model, generation, queries);
        return then(tx.loadOpenVersions(model, generation, queries), (stored) => buffer.openVersions(stored, queries));
      },

      loadRefs: (model, generation, queries) => {
        const buffer = this.temporal.get(model.name);
        if (!buffer) return tx.loadRefs(model, generation, queries);
        // An entity with references in memory: its stored ones from before the first of those on (a snapshot the store keeps
        // from there on may be dropped or refolded in memory; one before it is still true), not its whole history.
        const asked = queries.map((q) => {
          const first = buffer.firstRefDate(q.entity);
          return first !== undefined && first < q.anchor ? { entity: q.entity, anchor: first } : q;
        });
        return then(tx.loadRefs(model, generation, asked), ({ refs }) => ({ refs: buffer.mergeRefs(refs, queries) }));
      },

      writeTemporal: (model, _generation, writes) => {
        let buffer = this.temporal.get(model.name);
        if (!buffer) this.temporal.set(model.name, (buffer = new TemporalBuffer(model)));
        buffer.add(writes);
      },

      writeEvents: (events) => {
        for (const e of events) if (!this.storedEvents.has(e.globalPosition)) this.storedEvents.set(e.globalPosition, e.event);
      },

      loadEvents: (positions) => {
        const found: StoredEvent[] = [];
        const missing: number[] = [];
        for (const globalPosition of positions) {
          const event = this.storedEvents.get(globalPosition);
          if (event === undefined) missing.push(globalPosition);
          else found.push({ globalPosition, event });
        }
        if (missing.length === 0) return found;
        return then(tx.loadEvents(missing), (stored) => [...stored, ...found]);
      },
    };
  }

  /** Writes what the batches since the last flush add up to, and moves the checkpoint over them (when they moved it); then empties. */
  *flush(tx: ProjectionTx, projector: string, generation: number): Steps<void> {
    if (this.from !== undefined && !(yield* step(tx.advance(projector, generation, this.from, this.to)))) throw new CheckpointMoved(projector, generation);
    if (this.storedEvents.size > 0) yield* step(tx.writeEvents([...this.storedEvents].map(([globalPosition, event]) => ({ globalPosition, event }))));
    for (const { model, rows } of this.current.values()) {
      const upserts: Array<{ row: Row; lastPosition: number }> = [];
      const deletes: Array<Array<string | number>> = [];
      for (const entry of rows.values()) {
        if (entry.row) upserts.push({ row: entry.row, lastPosition: entry.lastPosition });
        else deletes.push(entry.key);
      }
      yield* step(tx.writeCurrent(model, generation, upserts, deletes));
    }
    for (const { model, rows } of this.logs.values()) if (rows.length > 0) yield* step(tx.appendLog(model, generation, rows));
    for (const buffer of this.temporal.values()) yield* step(tx.writeTemporal(buffer.model, generation, buffer.writes()));
  }

  /** After a flush committed, or when the batches since the last one are abandoned (a failure: the rebuild goes on from the stored checkpoint). */
  clear(): void {
    this.events = 0;
    this.from = undefined;
    this.to = 0;
    this.current.clear();
    this.logs.clear();
    this.temporal.clear();
    this.storedEvents.clear();
  }
}

/** One temporal model's writes since the last flush, folded together. */
class TemporalBuffer {
  /** Versions written since the last flush and still open, per entity by valid_from. */
  private readonly open = new Map<string, Map<string, VersionRow>>();
  /** Versions written since the last flush and closed since: final. */
  private readonly closed: VersionRow[] = [];
  /** Open versions in the store closed since the last flush (entity, valid_from → known_to), and those removed. */
  private readonly storedClosed = new Map<string, Map<string, string | null>>();
  /** References written since the last flush, per entity by (date, position). */
  readonly refs = new Map<string, Map<string, TemporalRef>>();
  /** The earliest effective date among each entity's references in `refs`. */
  private readonly firstRef = new Map<string, string>();

  constructor(readonly model: TemporalModel) {}

  add(writes: TemporalWrites): void {
    for (const r of writes.remove) {
      const open = this.open.get(r.entity);
      if (open?.has(r.validFrom)) open.delete(r.validFrom);
      else mapOf(this.storedClosed, r.entity).set(r.validFrom, null);
    }
    for (const c of writes.close) {
      const open = this.open.get(c.entity);
      const version = open?.get(c.validFrom);
      if (version) {
        open?.delete(c.validFrom);
        this.closed.push({ ...version, knownTo: c.knownTo });
      } else mapOf(this.storedClosed, c.entity).set(c.validFrom, c.knownTo);
    }
    for (const v of writes.insert) {
      if (v.knownTo === OPEN_KNOWN_TO) mapOf(this.open, v.entity).set(v.validFrom, v);
      else this.closed.push(v);
    }
    for (const r of writes.refs) {
      mapOf(this.refs, r.entity).set(`${r.effectiveDate}\u0000${r.globalPosition}`, r);
      const first = this.firstRef.get(r.entity);
      if (first === undefined || r.effectiveDate < first) this.firstRef.set(r.entity, r.effectiveDate);
    }
  }

  /** The earliest effective date of the entity's references written since the last flush (undefined: none). */
  firstRefDate(entity: string): string | undefined {
    return this.firstRef.get(entity);
  }

  /** The store's open versions as the batches since the last flush left them. */
  openVersions(stored: readonly VersionRow[], queries: ReadonlyArray<{ entity: string; from: string }>): VersionRow[] {
    const out = stored.filter((v) => !this.storedClosed.get(v.entity)?.has(v.validFrom));
    for (const { entity, from } of queries) {
      for (const v of this.open.get(entity)?.values() ?? []) if (v.validTo >= from) out.push(v);
    }
    return out;
  }

  /** `loadRefs`'s answer from the stored references (all of an entity with references in memory) and those in memory. */
  mergeRefs(stored: readonly TemporalRef[], queries: ReadonlyArray<{ entity: string; anchor: string }>): TemporalRef[] {
    const anchors = new Map(queries.map((q) => [q.entity, q.anchor]));
    const out: TemporalRef[] = [];
    const merged = new Map<string, Map<string, TemporalRef>>();
    for (const r of stored) {
      if (!this.refs.has(r.entity)) out.push(r);
      else mapOf(merged, r.entity).set(`${r.effectiveDate}\u0000${r.globalPosition}`, r);
    }
    for (const [entity, anchor] of anchors) {
      const mine = this.refs.get(entity);
      if (!mine) continue;
      const all = mapOf(merged, entity);
      for (const [key, r] of mine) all.set(key, r);
      const sorted = [...all.values()].sort((a, b) =>
        a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.globalPosition - b.globalPosition,
      );
      let start = 0;
      for (let i = 0; i < sorted.length; i++) {
        const r = sorted[i] as TemporalRef;
        if (r.effectiveDate >= anchor) break;
        if (r.state !== null) start = i;
      }
      for (let i = start; i < sorted.length; i++) out.push(sorted[i] as TemporalRef);
    }
    return out;
  }

  writes(): TemporalWrites {
    const writes: TemporalWrites = { remove: [], close: [], insert: [...this.closed], refs: [] };
    for (const [entity, byFrom] of this.storedClosed) {
      for (const [validFrom, knownTo] of byFrom) {
        // knownFrom is not asked by the stores (one open version per entity and valid_from).
        if (knownTo === null) writes.remove.push({ entity, validFrom, knownFrom: '' });
        else writes.close.push({ entity, validFrom, knownFrom: '', knownTo });
      }
    }
    for (const byFrom of this.open.values()) for (const v of byFrom.values()) writes.insert.push(v);
    for (const byKey of this.refs.values()) for (const r of byKey.values()) writes.refs.push(r);
    return writes;
  }
}

function mapOf<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function then<T, U>(value: Awaitable<T>, f: (value: T) => U): Awaitable<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}
