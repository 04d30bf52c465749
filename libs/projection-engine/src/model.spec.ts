import type { RecordedEvent } from '@auxledger/event-store';
import { ModelDefinitionError, canonicalJson, defineCurrent, defineLog, defineTemporal, fingerprint, normalizeRow } from './model';
import type { TemporalWrites, VersionRow } from './store';
import { planEntity } from './temporal';
import { personLevel, streamCounter } from './testing/toy-models';

const recorded = (position: number, effectiveDate: string, recordedAt: string, data: Record<string, unknown>, type = 'LevelSet'): RecordedEvent =>
  ({
    eventId: `e${position}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'a', role: 'operator' },
      effectiveDate,
      recordedAt,
      ruleSetRevision: null,
      prevHash: null,
      hash: 'h',
    },
    streamId: 'people',
    streamRevision: position - 1,
    globalPosition: position,
  }) as RecordedEvent;

describe('read-model definitions', () => {
  it('refuses bad names, reserved names, unknown types, keys and index columns', () => {
    const base = { columns: { a: 'text' as const }, primaryKey: ['a'], key: () => 'x', evolve: () => null };
    expect(() => defineCurrent({ ...base, name: 'Bad-Name' })).toThrow(ModelDefinitionError);
    expect(() => defineCurrent({ ...base, name: 'two__underscores' })).toThrow(/name/);
    expect(() => defineCurrent({ ...base, name: 'events' })).toThrow(/reserved/);
    expect(() => defineCurrent({ ...base, name: 'ok', primaryKey: ['b'] })).toThrow(/primary key/);
    expect(() => defineCurrent({ ...base, name: 'ok', columns: { a: 'json' } })).toThrow(/text, integer or date/);
    expect(() => defineCurrent({ ...base, name: 'ok', columns: { a: 'text', last_position: 'integer' } })).toThrow(/added by the store/);
    expect(() => defineLog({ name: 'ok', columns: { a: 'money' as never }, rows: () => null })).toThrow(/unknown type/);
    expect(() => defineLog({ name: 'ok', columns: { a: 'text' }, indexes: [['b']], rows: () => null })).toThrow(/index column/);
    const temporal = { name: 'ok', columns: { a: 'text' as const }, entity: () => 'x', initialState: () => null, evolve: () => null, row: () => null };
    expect(() => defineTemporal({ ...temporal, coveredColumns: ['valid_to'] })).toThrow(/covered column valid_to is not a model column/);
    expect(defineTemporal({ ...temporal, coveredColumns: ['a'] }).coveredColumns).toEqual(['a']);
  });

  it('checks rows against the declared columns', () => {
    const columns = { a: 'integer', b: 'date', c: 'json', d: 'boolean' } as const;
    expect(normalizeRow({ name: 'm' }, columns, { a: 1, c: { z: 1 } })).toEqual({ a: 1, b: null, c: { z: 1 }, d: null });
    expect(() => normalizeRow({ name: 'm' }, columns, { a: 1.5 })).toThrow(/integer/);
    expect(() => normalizeRow({ name: 'm' }, columns, { b: '2024-1-1' })).toThrow(/date/);
    expect(() => normalizeRow({ name: 'm' }, columns, { e: 1 })).toThrow(/undeclared/);
  });

  it('fingerprints change with columns and version, canonical JSON ignores key order', () => {
    expect(fingerprint([streamCounter])).toBe(fingerprint([{ ...streamCounter }]));
    expect(fingerprint([streamCounter])).not.toBe(fingerprint([{ ...streamCounter, version: 2 }]));
    expect(fingerprint([streamCounter])).not.toBe(fingerprint([{ ...streamCounter, columns: { ...streamCounter.columns, extra: 'text' } }]));
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
  });
});

describe('temporal planning (pure)', () => {
  it('an in-order event touches only the open version it follows', () => {
    const writes: TemporalWrites = { remove: [], close: [], insert: [], refs: [] };
    const open: VersionRow[] = [
      { entity: 'p1', validFrom: '2024-01-01', validTo: '9999-12-31', knownFrom: '2024-01-01T00:00:00.000Z', knownTo: 'infinity', row: { person_id: 'p1', level: 1, organ_id: 'A' } },
    ];
    const state = JSON.stringify({ level: 1, organId: 'A', active: true });
    planEntity(
      personLevel,
      'p1',
      {
        open,
        refs: [{ entity: 'p1', effectiveDate: '2024-01-01', globalPosition: 1, event: JSON.stringify(recorded(1, '2024-01-01', '2024-01-01T00:00:00.000Z', { personId: 'p1', level: 1, organId: 'A' })), state }],
        before: undefined,
        events: [recorded(2, '2024-05-01', '2024-05-02T00:00:00.000Z', { personId: 'p1', level: 2 })],
      },
      writes,
    );
    expect(writes.remove).toEqual([]);
    expect(writes.close).toEqual([{ entity: 'p1', validFrom: '2024-01-01', knownFrom: '2024-01-01T00:00:00.000Z', knownTo: '2024-05-02T00:00:00.000Z' }]);
    expect(writes.insert.map((v) => [v.validFrom, v.validTo, v.row['level'], v.knownFrom, v.knownTo])).toEqual([
      ['2024-01-01', '2024-05-01', 1, '2024-05-02T00:00:00.000Z', 'infinity'],
      ['2024-05-01', '9999-12-31', 2, '2024-05-02T00:00:00.000Z', 'infinity'],
    ]);
    expect(writes.refs.map((r) => r.globalPosition)).toEqual([2]);
  });

  it('keeps a state snapshot on one reference in snapshotEvery, counted on from the references before the window', () => {
    const writes: TemporalWrites = { remove: [], close: [], insert: [], refs: [] };
    const events = [1, 2, 3, 4, 5].map((n) => recorded(n, `2024-0${n}-01`, `2024-0${n}-01T00:00:00.000Z`, { personId: 'p1', level: n, organId: 'A' }));
    planEntity(personLevel, 'p1', { open: [], refs: [], before: undefined, events }, writes);
    expect(personLevel.snapshotEvery).toBe(2);
    expect(writes.refs.map((r) => (r.state === null ? null : (JSON.parse(r.state) as { level: number }).level))).toEqual([null, 2, null, 4, null]);
  });

  it('a recordedAt earlier than the version it closes is clamped: no negative interval', () => {
    const writes: TemporalWrites = { remove: [], close: [], insert: [], refs: [] };
    planEntity(
      personLevel,
      'p1',
      {
        open: [{ entity: 'p1', validFrom: '2024-01-01', validTo: '9999-12-31', knownFrom: '2024-06-01T00:00:00.000Z', knownTo: 'infinity', row: { person_id: 'p1', level: 1, organ_id: 'A' } }],
        refs: [{ entity: 'p1', effectiveDate: '2024-01-01', globalPosition: 1, event: JSON.stringify(recorded(1, '2024-01-01', '2024-06-01T00:00:00.000Z', { personId: 'p1', level: 1, organId: 'A' })), state: JSON.stringify({ level: 1, organId: 'A', active: true }) }],
        before: undefined,
        events: [recorded(2, '2024-01-01', '2024-05-01T00:00:00.000Z', { personId: 'p1', level: 3 })],
      },
      writes,
    );
    expect(writes.remove).toEqual([{ entity: 'p1', validFrom: '2024-01-01', knownFrom: '2024-06-01T00:00:00.000Z' }]);
    expect(writes.insert.map((v) => [v.row['level'], v.knownFrom])).toEqual([[3, '2024-06-01T00:00:00.000Z']]);
  });
});
