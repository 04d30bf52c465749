import { deterministicEventId } from './event-ids';

describe('deterministic event ids (ADR 0003)', () => {
  it('are the same for the same command, stream and index, and differ otherwise', () => {
    const id = deterministicEventId('cmd-1', 'auxiliary-7', 0);
    expect(deterministicEventId('cmd-1', 'auxiliary-7', 0)).toBe(id);
    expect(new Set([id, deterministicEventId('cmd-2', 'auxiliary-7', 0), deterministicEventId('cmd-1', 'auxiliary-8', 0), deterministicEventId('cmd-1', 'auxiliary-7', 1)]).size).toBe(4);
  });

  it('are lower-case UUIDs of version 8 and the RFC 9562 variant', () => {
    expect(deterministicEventId('cmd-1', 's', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
