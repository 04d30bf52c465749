import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject, NewEvent, RecordedEvent } from '@auxledger/event-store';
import { defineCurrent, defineLog, defineTemporal } from '../model';

/**
 * Small read models for the tests: a counter per stream (current), the level
 * of a person over time (temporal), and an audit trail (log).
 */

export type CounterRow = {
  stream_id: string;
  count: number;
  total: number;
  last_flag: boolean | null;
  last_day: string;
  tags: string[];
};

/** Counts `Counted` events per stream; `CounterReset` deletes the stream's row. */
export const streamCounter = defineCurrent<CounterRow>({
  name: 'stream_counter',
  columns: { stream_id: 'text', count: 'integer', total: 'real', last_flag: 'boolean', last_day: 'date', tags: 'json' },
  primaryKey: ['stream_id'],
  handles: ['Counted', 'CounterReset'],
  key: (event) => event.streamId,
  evolve: (row, event) => {
    if (event.type === 'CounterReset') return null;
    const amount = Number(event.data['amount'] ?? 1);
    return {
      stream_id: event.streamId,
      count: (row?.count ?? 0) + 1,
      total: (row?.total ?? 0) + amount,
      last_flag: typeof event.data['flag'] === 'boolean' ? event.data['flag'] : null,
      last_day: event.metadata.effectiveDate,
      tags: [...(row?.tags ?? []), String(event.data['tag'] ?? 'x')].slice(-3),
    };
  },
});

/** Counts every event per (type, organ): a composite key, and a key per event's organs. */
export const typeCounter = defineCurrent<{ type: string; organ_id: string; n: number }>({
  name: 'type_counter',
  columns: { type: 'text', organ_id: 'text', n: 'integer' },
  primaryKey: ['type', 'organ_id'],
  key: (event) => [{ type: event.type, organ_id: String(event.data['organId'] ?? 'none') }, { type: event.type, organ_id: 'all' }],
  evolve: (row, _event, key) => ({ type: String(key['type']), organ_id: String(key['organ_id']), n: (row?.n ?? 0) + 1 }),
});

export interface LevelState {
  level: number | null;
  organId: string | null;
  active: boolean;
}

/** A person's level and organ over effective time: `LevelSet` sets them, `PersonLeft` ends the row, `LevelSet` again starts one. */
export const personLevel = defineTemporal<LevelState, { person_id: string; level: number | null; organ_id: string | null }>({
  name: 'person_level',
  // Small, so that the contract's histories fold from snapshots between others (the read models keep the default).
  snapshotEvery: 2,
  entityColumn: 'person_id',
  columns: { person_id: 'text', level: 'integer', organ_id: 'text' },
  indexes: [['organ_id']],
  // Counted by level as of a date from the index alone (the store contract's countAsOf).
  coveredColumns: ['level'],
  handles: ['LevelSet', 'PersonLeft'],
  entity: (event) => String(event.data['personId']),
  initialState: () => ({ level: null, organId: null, active: false }),
  evolve: (state, event) => {
    const data = event.data as { level?: number; organId?: string };
    if (event.type === 'PersonLeft') return { ...state, active: false };
    return { level: data.level ?? state.level, organId: data.organId ?? state.organId, active: true };
  },
  row: (state) => (state.active ? { person_id: '', level: state.level, organ_id: state.organId } : null),
});

export const auditTrail = defineLog<{ stream_id: string; event_type: string; detail: JsonObject }>({
  name: 'audit_trail',
  columns: { stream_id: 'text', event_type: 'text', detail: 'json' },
  indexes: [['stream_id']],
  rows: (event) => ({ stream_id: event.streamId, event_type: event.type, detail: event.data }),
});

export const TOY_MODELS = [streamCounter, typeCounter, personLevel, auditTrail] as const;

export interface ToyEvent {
  stream: string;
  type: 'Counted' | 'CounterReset' | 'LevelSet' | 'PersonLeft';
  data: JsonObject;
  effectiveDate: string;
  recordedAt: string;
}

export function toNewEvent(e: ToyEvent): NewEvent {
  const commandId = randomUUID();
  return {
    eventId: randomUUID(),
    type: e.type,
    schemaVersion: 1,
    data: e.data,
    metadata: {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: 'tester', role: 'operator', organId: null },
      effectiveDate: e.effectiveDate,
      recordedAt: e.recordedAt,
      ruleSetRevision: null,
    },
  };
}

export async function appendToy(events: EventStore, toy: readonly ToyEvent[]): Promise<void> {
  for (const e of toy) await events.appendToStream(e.stream, [toNewEvent(e)], 'any');
}

/** Every event of the log, in order (tests only: keeps them all). */
export async function readWholeLog(events: EventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const batch = await events.readAll({ after, maxCount: 1000 });
    const last = batch[batch.length - 1];
    if (!last) return out;
    out.push(...batch);
    after = last.globalPosition;
  }
}

/** The replay oracle: a person's level row as of a date, as known at an instant (default: everything). */
export function replayLevel(log: readonly RecordedEvent[], personId: string, date: string, knownAt?: string): { level: number | null; organ_id: string | null } | null {
  const mine = log
    .filter((e) => personLevel.handles?.includes(e.type) && e.data['personId'] === personId)
    .filter((e) => e.metadata.effectiveDate <= date)
    .filter((e) => knownAt === undefined || new Date(e.metadata.recordedAt).toISOString() <= knownAt)
    .sort((a, b) => (a.metadata.effectiveDate < b.metadata.effectiveDate ? -1 : a.metadata.effectiveDate > b.metadata.effectiveDate ? 1 : a.globalPosition - b.globalPosition));
  let state = personLevel.initialState();
  for (const e of mine) state = personLevel.evolve(state, e);
  const row = personLevel.row(state);
  return row ? { level: row.level, organ_id: row.organ_id } : null;
}
