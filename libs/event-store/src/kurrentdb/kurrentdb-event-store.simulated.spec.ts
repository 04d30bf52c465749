import { isEventStoreError } from '../errors';
import { eventStoreContract, newEvent, newStreamId } from '../testing/contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { SimulatedKurrentClient } from './simulated-kurrent-client';

/**
 * The KurrentDB adapter's logic (heads and guards, reservations, retries,
 * `$all` across shared commit positions, subscription) against an in-memory
 * simulation of the server behaviour it relies on: a unit test of our mapping,
 * not of KurrentDB. The real server is exercised by kurrentdb-event-store.int.spec.ts.
 */
const open = (client = new SimulatedKurrentClient()) => new KurrentDbEventStore({ connectionString: 'kurrentdb://simulated', client: client.asClient() });

eventStoreContract('KurrentDB adapter on a simulated server (logic only; see the .int spec for a real server)', { open: async () => open(), multiStreamAppend: true });

describe('KurrentDB adapter specifics (simulated server)', () => {
  it('a check-only entry fails the whole append when its stream moved after it was read, and nothing is written', async () => {
    const store = open();
    const organ = newStreamId('organ');
    const person = newStreamId('person');
    await store.appendToStream(organ, [newEvent()], 'no_stream');
    await store.appendToStream(organ, [newEvent()], 0); // the organ moved on after a decision read it at 0
    const attempt = store.appendToStreams([
      { streamId: organ, events: [], expectedRevision: 0 },
      { streamId: person, events: [newEvent()], expectedRevision: 'no_stream' },
    ]);
    await expect(attempt).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
    expect(await store.readStream(person)).toEqual([]);
    await store.close();
  });

  it('reads a multi-stream transaction back in order from a checkpoint inside it', async () => {
    const store = open();
    const start = (await store.readAll({ maxCount: 10_000 })).at(-1)?.globalPosition ?? 0;
    const [a, b] = [newStreamId(), newStreamId()];
    await store.appendToStreams([
      { streamId: a, events: [newEvent(), newEvent()], expectedRevision: 'no_stream' },
      { streamId: b, events: [newEvent(), newEvent()], expectedRevision: 'no_stream' },
    ]);
    const all = await store.readAll({ after: start });
    expect(all).toHaveLength(4);
    const afterFirst = await store.readAll({ after: (all[0] as { globalPosition: number }).globalPosition });
    expect(afterFirst.map((e) => e.eventId)).toEqual(all.slice(1).map((e) => e.eventId));
    await store.close();
  });

  it('on a server without multi-stream append every append is refused in both languages, naming KurrentDB 25.1; reads still work', async () => {
    const store = open(new SimulatedKurrentClient('24.10.0'));
    const error = await store.appendToStream(newStreamId(), [newEvent()], 'no_stream').catch((e: unknown) => e);
    expect(isEventStoreError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain('KurrentDB 25.1');
    expect(await store.readAll()).toEqual([]);
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });
});
