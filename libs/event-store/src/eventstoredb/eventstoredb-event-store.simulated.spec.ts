import { randomUUID } from 'node:crypto';
import { eventStoreContract, newEvent, newStreamId } from '../testing/contract';
import { isEventStoreError } from '../errors';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { RESERVATION_STREAM_PREFIX, reservationStreamId, toReservationEventData } from './eventstoredb-mapping';
import { SimulatedEsdbClient } from './simulated-esdb-client';

/**
 * The adapter's logic (head read, event-id index, retries, `$all` paging,
 * subscription) against an in-memory simulation of the server behaviour it
 * relies on. The real server is exercised by eventstoredb-event-store.int.spec.ts.
 */
const open = (client = new SimulatedEsdbClient()) =>
  new EventStoreDbEventStore({ connectionString: 'esdb://simulated', client: client.asClient() });

eventStoreContract('EventStoreDB adapter on a simulated server (logic only; see the .int spec for a real server)', {
  open: async () => open(),
  multiStreamAppend: false,
});

describe('EventStoreDB adapter specifics (simulated server)', () => {
  it('keeps its event-id reservations and the server’s system events out of the log', async () => {
    const store = open();
    await store.appendToStream(newStreamId(), [newEvent(), newEvent()], 'no_stream');
    await store.appendToStream(newStreamId(), [newEvent()], 'no_stream');
    const log = await store.readAll({ maxCount: 100 });
    expect(log).toHaveLength(3);
    expect(log.some((e) => e.streamId.startsWith('$') || e.streamId.startsWith(RESERVATION_STREAM_PREFIX))).toBe(false);
    await store.close();
  });

  it('refuses an append larger than the server takes before writing anything', async () => {
    const store = open(new SimulatedEsdbClient());
    const stream = newStreamId();
    const big = () => newEvent({ blob: 'x'.repeat(400 * 1024) });
    const attempt = store.appendToStream(stream, [big(), big(), big()], 'any');
    await expect(attempt).rejects.toMatchObject({ code: 'EVENT_TOO_LARGE' });
    expect(await store.readStream(stream)).toEqual([]);
    await store.close();
  });

  it('maps the server refusing an oversized append to EVENT_TOO_LARGE', async () => {
    const client = new SimulatedEsdbClient(64 * 1024);
    const store = new EventStoreDbEventStore({ connectionString: 'esdb://simulated', client: client.asClient(), maxAppendBytes: 10 * 1024 * 1024 });
    const attempt = store.appendToStream(newStreamId(), [newEvent({ blob: 'x'.repeat(100 * 1024) })], 'any');
    await expect(attempt).rejects.toMatchObject({ code: 'EVENT_TOO_LARGE', details: { limit: 64 * 1024 } });
    await store.close();
  });

  it('retries under contention when the caller expects nothing, and the chain stays linear', async () => {
    const store = open();
    const stream = newStreamId();
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => store.appendToStream(stream, [newEvent({ n })], 'any')));
    const events = await store.readStream(stream);
    // Every success is in the stream once; any failure after the bounded retries is a conflict, never a fork.
    const won = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(events).toHaveLength(won);
    for (const o of outcomes) if (o.status === 'rejected') expect(isEventStoreError(o.reason, 'WRONG_EXPECTED_REVISION')).toBe(true);
    events.forEach((e, i) => {
      expect(e.streamRevision).toBe(i);
      expect(e.metadata.prevHash).toBe(i === 0 ? null : events[i - 1]?.metadata.hash);
    });
    await store.close();
  });

  describe('the event-id index', () => {
    const plant = async (client: SimulatedEsdbClient, eventId: string, streamId: string, streamRevision: number) =>
      client.appendToStream(reservationStreamId(eventId), toReservationEventData(randomUUID(), { streamId, streamRevision }));

    it('treats a reservation whose slot went to another event as stale: the id is free again', async () => {
      const client = new SimulatedEsdbClient();
      const store = open(client);
      const stream = newStreamId();
      await store.appendToStream(stream, [newEvent(), newEvent()], 'no_stream');
      const event = newEvent();
      await plant(client, event.eventId, stream, 1); // a failed append once meant to put it at revision 1
      const other = newStreamId();
      const result = await store.appendToStream(other, [event], 'no_stream');
      expect(result.events.map((e) => [e.eventId, e.streamId])).toEqual([[event.eventId, other]]);
      await store.close();
    });

    it('refuses an id another stream has reserved for a slot still free (an append in flight), until the reservation times out', async () => {
      const client = new SimulatedEsdbClient();
      const stream = newStreamId();
      const event = newEvent();
      await plant(client, event.eventId, stream, 0);
      const other = newStreamId();
      const store = open(client);
      await expect(store.appendToStream(other, [event], 'any')).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
      expect(await store.readStream(other)).toEqual([]);
      const patient = new EventStoreDbEventStore({ connectionString: 'esdb://simulated', client: client.asClient(), reservationTimeoutMs: 0 });
      await expect(patient.appendToStream(other, [event], 'any')).resolves.toMatchObject({ alreadyStored: false });
      await store.close();
    });

    it('lets the same stream take over its own pending reservation (a retry after a lost answer)', async () => {
      const client = new SimulatedEsdbClient();
      const store = open(client);
      const stream = newStreamId();
      const event = newEvent();
      await plant(client, event.eventId, stream, 0);
      const result = await store.appendToStream(stream, [event], 'no_stream');
      expect(result.alreadyStored).toBe(false);
      const again = await store.appendToStream(stream, [event], 'no_stream');
      expect(again.alreadyStored).toBe(true);
      expect(await store.readStream(stream)).toHaveLength(1);
      await store.close();
    });
  });
});
