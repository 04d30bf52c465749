import type { RecordedEvent } from '@auxledger/event-store';
import {
  type CurrentModel,
  type KeyValue,
  type LogModel,
  ModelDefinitionError,
  type ReadModel,
  type Row,
  type TemporalModel,
  handlesEvent,
  temporalColumns,
  knownAt,
  normalizeRow,
} from './model';
import { CheckpointMoved, type ProjectionTx, type Steps, type TemporalWrites, step } from './store';
import { type EntityTail, type TemporalTailCache, dayBefore, trimTail } from './tail-cache';
import { type EntityEvents, entitiesOf } from './entity-order';
import { type MemRef, anchorOf, eventOfRef, jsonOf, memRefOf, memVersionOf, planEntity, planTail, sinceOf, stateBefore } from './temporal';

/**
 * Applies one batch of the global log to every model of a generation, and
 * moves its checkpoint, inside the caller's transaction: the rows and the
 * checkpoint commit together or not at all. Memory is the batch's.
 */
export function* applyBatch(
  tx: ProjectionTx,
  target: {
    projector: string;
    generation: number;
    models: readonly ReadModel[];
    /** Temporal tails kept between batches (the projector's); the caller begins, commits or aborts it around the transaction. */
    tails?: TemporalTailCache;
  },
  from: number,
  events: readonly RecordedEvent[],
): Steps<number> {
  const last = events[events.length - 1];
  if (!last) return from;
  if (!(yield* step(tx.advance(target.projector, target.generation, from, last.globalPosition)))) {
    throw new CheckpointMoved(target.projector, target.generation);
  }
  for (const model of target.models) {
    const relevant = events.filter((event) => handlesEvent(model, event));
    if (relevant.length === 0) continue;
    switch (model.kind) {
      case 'current':
        yield* applyCurrent(tx, model, target.generation, relevant);
        break;
      case 'log':
        yield* applyLog(tx, model, target.generation, relevant);
        break;
      case 'temporal':
        yield* applyTemporal(tx, model, target.generation, relevant, target.tails);
        break;
    }
  }
  return last.globalPosition;
}

type KeyTuple = Array<string | number>;

/** A key as a tuple in primaryKey order. */
export function keyTuple(model: CurrentModel, key: KeyValue): KeyTuple {
  if (typeof key === 'string' || typeof key === 'number') {
    if (model.primaryKey.length !== 1) throw new ModelDefinitionError(`read model ${model.name}: a scalar key needs a one-column primary key`);
    return [keyPart(model, model.primaryKey[0] as string, key)];
  }
  return model.primaryKey.map((column) => {
    const value = key[column];
    if (value === undefined) throw new ModelDefinitionError(`read model ${model.name}: key lacks ${column}`);
    return keyPart(model, column, value);
  });
}

/** Key values as their column stores them: text and dates as strings, integers as safe integers. */
function keyPart(model: CurrentModel, column: string, value: string | number): string | number {
  if (model.columns[column] === 'integer') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ModelDefinitionError(`read model ${model.name}: key ${column} must be an integer`);
    return value;
  }
  return String(value);
}

function keysOf(model: CurrentModel, event: RecordedEvent, which: 'key' | 'reads' = 'key'): KeyTuple[] {
  const keys = which === 'key' ? model.key(event) : (model.reads?.(event) ?? null);
  if (keys === null || keys === undefined) return [];
  const list: readonly KeyValue[] = Array.isArray(keys) ? keys : [keys as KeyValue];
  return list.map((key) => keyTuple(model, key));
}

function* applyCurrent(tx: ProjectionTx, model: CurrentModel, generation: number, events: readonly RecordedEvent[]): Steps<void> {
  const perEvent = events.map((event) => keysOf(model, event));
  const wanted = new Map<string, KeyTuple>();
  for (const keys of perEvent) for (const key of keys) wanted.set(JSON.stringify(key), key);
  if (wanted.size === 0) return;
  if (model.reads) for (const event of events) for (const key of keysOf(model, event, 'reads')) wanted.set(JSON.stringify(key), key);
  const rows = new Map<string, Row | null>();
  for (const row of yield* step(tx.loadCurrent(model, generation, [...wanted.values()]))) {
    rows.set(JSON.stringify(model.primaryKey.map((c) => row[c])), row);
  }
  const changed = new Map<string, { key: KeyTuple; row: Row | null; lastPosition: number }>();
  const read = (key: KeyValue): Row | null => {
    const row = rows.get(JSON.stringify(keyTuple(model, key))) ?? null;
    return row === null ? null : { ...row };
  };
  events.forEach((event, i) => {
    for (const key of perEvent[i] as KeyTuple[]) {
      const id = JSON.stringify(key);
      const before = rows.get(id) ?? null;
      const keyColumns = Object.fromEntries(model.primaryKey.map((column, c) => [column, key[c] as string | number]));
      const evolved = model.evolve(before === null ? null : { ...before }, event, keyColumns, read);
      let next: Row | null = null;
      if (evolved !== null && evolved !== undefined) {
        next = normalizeRow(model, model.columns, { ...evolved });
        model.primaryKey.forEach((column, c) => {
          const value = (evolved as Row)[column];
          if (value !== undefined && value !== null && value !== key[c]) {
            throw new ModelDefinitionError(`read model ${model.name}: evolve changed key column ${column}`);
          }
          (next as Row)[column] = key[c] as string | number;
        });
      }
      rows.set(id, next);
      changed.set(id, { key, row: next, lastPosition: event.globalPosition });
    }
  });
  const upserts: Array<{ row: Row; lastPosition: number }> = [];
  const deletes: KeyTuple[] = [];
  for (const { key, row, lastPosition } of changed.values()) {
    if (row) upserts.push({ row, lastPosition });
    else deletes.push(key);
  }
  yield* step(tx.writeCurrent(model, generation, upserts, deletes));
}

function* applyLog(tx: ProjectionTx, model: LogModel, generation: number, events: readonly RecordedEvent[]): Steps<void> {
  const rows: Array<{ row: Row; globalPosition: number; rowSeq: number; effectiveDate: string; recordedAt: string }> = [];
  for (const event of events) {
    const out = model.rows(event);
    if (out === null || out === undefined) continue;
    const list: readonly Row[] = Array.isArray(out) ? out : [out as Row];
    list.forEach((row, rowSeq) =>
      rows.push({
        row: normalizeRow(model, model.columns, row),
        globalPosition: event.globalPosition,
        rowSeq,
        effectiveDate: event.metadata.effectiveDate,
        recordedAt: knownAt(event),
      }),
    );
  }
  if (rows.length > 0) yield* step(tx.appendLog(model, generation, rows));
}

function* applyTemporal(
  tx: ProjectionTx,
  model: TemporalModel,
  generation: number,
  events: readonly RecordedEvent[],
  tails: TemporalTailCache | undefined,
): Steps<void> {
  const byEntity = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    for (const id of entitiesOf(model, event)) {
      let list = byEntity.get(id);
      if (!list) byEntity.set(id, (list = []));
      list.push(event);
    }
  }
  if (byEntity.size === 0) return;
  const minDates = new Map<string, string>();
  for (const [entity, list] of byEntity) {
    let min = (list[0] as RecordedEvent).metadata.effectiveDate;
    for (const event of list) if (event.metadata.effectiveDate < min) min = event.metadata.effectiveDate;
    minDates.set(entity, min);
  }

  // What the store holds of each entity from its earliest new date on: from the tail cache where it knows, else read.
  const columns = temporalColumns(model);
  const known = new Map<string, EntityTail>();
  const missing: Array<{ entity: string; from: string }> = [];
  for (const [entity, minDate] of minDates) {
    const tail = tails?.get(model.name, entity);
    const last = tail?.refs[tail.refs.length - 1];
    if (
      tail &&
      minDate > tail.openAbove &&
      (last === undefined || minDate >= last.effectiveDate) &&
      anchorOf(minDate, tail.open.filter((v) => v.validTo >= minDate)) >= tail.refsFrom
    ) {
      known.set(entity, tail);
    } else missing.push({ entity, from: minDate });
  }
  if (missing.length > 0) {
    const open = yield* step(tx.loadOpenVersions(model, generation, missing));
    const openByEntity = groupBy(open, (v) => v.entity);
    const anchors = missing.map(({ entity, from }) => ({ entity, anchor: anchorOf(from, openByEntity.get(entity) ?? []) }));
    const { refs } = yield* step(tx.loadRefs(model, generation, anchors));
    const refsByEntity = groupBy(refs, (r) => r.entity);
    anchors.forEach(({ entity, anchor }, i) => {
      const loaded = refsByEntity.get(entity) ?? [];
      const prefix = loaded.filter((r) => r.effectiveDate < anchor);
      known.set(entity, {
        openAbove: dayBefore((missing[i] as { from: string }).from),
        open: (openByEntity.get(entity) ?? []).map((v) => memVersionOf(columns, v)),
        refsFrom: anchor,
        refs: loaded.filter((r) => r.effectiveDate >= anchor).map(memRefOf),
        before: stateBefore(model, prefix),
        beforeSince: sinceOf(prefix),
        bytes: 0,
      });
    });
  }

  const writes: TemporalWrites = { remove: [], close: [], insert: [], refs: [] };
  for (const [entity, list] of byEntity) {
    const tail = known.get(entity) as EntityTail;
    const minDate = minDates.get(entity) as string;
    // The planner sees what the store would answer: open versions with valid_to >= the earliest new date, refs from the anchor on.
    const untouchedOpen = tail.open.filter((v) => v.validTo < minDate);
    const open = tail.open.filter((v) => v.validTo >= minDate);
    const anchor = anchorOf(minDate, open);
    const firstFromAnchor = tail.refs.findIndex((r) => r.effectiveDate >= anchor);
    const cut = firstFromAnchor === -1 ? tail.refs.length : firstFromAnchor;
    const untouchedRefs = tail.refs.slice(0, cut);
    const before = cut > 0 ? jsonOf(untouchedRefs[cut - 1] as MemRef) : tail.before;
    const beforeSince = cut > 0 ? (untouchedRefs[cut - 1] as MemRef).since : tail.beforeSince;
    const planned = planTail(model, entity, { open, refs: tail.refs.slice(cut), before, beforeSince, events: list }, writes);
    if (tails) {
      // Once the batch commits, the planned records are what the store holds.
      for (const ref of planned.refs) ref.dirty = false;
      for (const v of planned.open) v.persisted = true;
      tails.set(
        model.name,
        entity,
        trimTail({ openAbove: tail.openAbove, open: [...untouchedOpen, ...planned.open], refsFrom: tail.refsFrom, refs: [...untouchedRefs, ...planned.refs], before: tail.before, beforeSince: tail.beforeSince, bytes: 0 }),
      );
    }
  }
  yield* step(tx.writeTemporal(model, generation, writes));
}

/**
 * A rebuild's second pass over a chunk of entities (`EntityPositions`): each
 * entity's whole history in each temporal model, planned from nothing (the
 * generation holds none of it yet) and written — its versions with their
 * final intervals, its references without their events, which the first pass
 * stored (`writeEvents`), in log order.
 */
export function* applyEntities(tx: ProjectionTx, models: readonly TemporalModel[], generation: number, chunk: readonly EntityEvents[]): Steps<void> {
  const stored = yield* step(tx.loadEvents(chunk.flatMap((c) => c.positions)));
  const json = new Map(stored.map((e) => [e.globalPosition, e.event]));
  for (const { entity, positions } of chunk) {
    const events = positions.map((position) => {
      const event = json.get(position);
      if (event === undefined) throw new Error(`the read-model store has no event at position ${position}, which a rebuild's first pass stored`);
      return eventOfRef(event);
    });
    for (const model of models) {
      const mine = events.filter((event) => entitiesOf(model, event).includes(entity));
      if (mine.length === 0) continue;
      const writes: TemporalWrites = { remove: [], close: [], insert: [], refs: [] };
      planEntity(model, entity, { open: [], refs: [], before: undefined, events: mine }, writes);
      for (const ref of writes.refs) ref.event = '';
      yield* step(tx.writeTemporal(model, generation, writes));
    }
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(item);
  }
  return out;
}
