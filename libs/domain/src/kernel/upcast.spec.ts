import { type Upcasters, envelopeWith, upcast } from './messages';

const UPCASTERS: Upcasters = {
  Named: {
    1: (data: { name: string }) => ({ names: [data.name] }),
    2: (data: { names: string[] }) => ({ names: data.names, alias: null }),
  },
};
const stored = (schemaVersion: number, data: unknown) => ({
  type: 'Named', schemaVersion, data,
  metadata: { effectiveDate: '2024-10-01', recordedAt: '2024-10-01T08:00:00.000Z', commandId: 'cmd-1', actor: { id: 'op-1' } },
});

describe('upcasters: an older event is read as the newest version, step by step, never edited', () => {
  it('takes a version 1 event through every step to version 3', () => {
    expect(upcast({ type: 'Named', schemaVersion: 1, data: { name: 'a' } }, UPCASTERS)).toEqual({ type: 'Named', schemaVersion: 3, data: { names: ['a'], alias: null } });
  });

  it('starts at the event\'s own version', () => {
    expect(upcast({ type: 'Named', schemaVersion: 2, data: { names: ['a', 'b'] } }, UPCASTERS)).toEqual({ type: 'Named', schemaVersion: 3, data: { names: ['a', 'b'], alias: null } });
  });

  it('leaves the newest version and types without upcasters as they are (the same object)', () => {
    const newest = { type: 'Named', schemaVersion: 3, data: { names: [], alias: 'x' } };
    const other = { type: 'Other', schemaVersion: 1, data: {} };
    expect(upcast(newest, UPCASTERS)).toBe(newest);
    expect(upcast(other, UPCASTERS)).toBe(other);
  });

  it('does not change the stored event', () => {
    const event = stored(1, { name: 'a' });
    const envelope = envelopeWith(UPCASTERS, event);
    expect(envelope.event).toEqual({ type: 'Named', schemaVersion: 3, data: { names: ['a'], alias: null } });
    expect(event).toEqual(stored(1, { name: 'a' }));
    expect([envelope.effectiveDate, envelope.recordedAt, envelope.commandId, envelope.actorId]).toEqual(['2024-10-01', '2024-10-01T08:00:00.000Z', 'cmd-1', 'op-1']);
  });
});
