import { EventEmitter } from 'node:events';
import {
  type AllStreamResolvedEvent,
  type AppendStreamRequest,
  KurrentDBClient,
  NO_STREAM,
  START,
  UnsupportedError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import { EMPTY_STREAM, chainEvents } from '../append-plan';
import { isEventStoreError } from '../errors';
import { newEvent } from '../testing/contract';
import {
  GUARD_EVENT_TYPE,
  METADATA_PROPERTY,
  RESERVATION_EVENT_TYPE,
  SCHEMA_VERSION_PROPERTY,
  buildMultiStreamAppend,
  commandPathUnsupported,
  guardStreamId,
  isLogEvent,
  isWrongExpectedVersion,
  mapKurrentError,
  parseGuard,
  readPositionAt,
  reservationStreamId,
  toRecordedEvent,
  validateKurrentAppend,
  versionAtLeast,
} from './kurrentdb-mapping';

/**
 * Unit tests of the mapping onto @kurrent/kurrentdb-client 1.3.1, with the
 * client's own types, constants and request encoder. They show what the
 * adapter asks of the server, not that a server does it: nothing here ran
 * against a real KurrentDB.
 */

const ids = { guardEventId: (s: string) => `00000000-0000-4000-8000-${(s.length % 1e12).toString().padStart(12, '0')}`, reservationEventId: () => '11111111-1111-4111-8111-111111111111' };

function propertiesOf(map: { forEach(f: (value: { getStringValue(): string }, key: string) => void): void }): Record<string, string> {
  const out: Record<string, string> = {};
  map.forEach((value, key) => {
    out[key] = value.getStringValue();
  });
  return out;
}

/** What the real client's `multiStreamAppend` writes on the wire (its protobuf AppendRequests), captured without a server. */
async function encodeWithRealClient(requests: AppendStreamRequest[]) {
  const written: Array<{ stream: string; expectedRevision: string; records: Array<{ id: string; type: string; properties: Record<string, string>; data: unknown }> }> = [];
  const emitter = new EventEmitter();
  const sink = Object.assign(emitter, {
    write(message: { getStream(): string; getExpectedRevision(): string; getRecordsList(): Array<{ getRecordId(): string; getSchema(): { getName(): string }; getPropertiesMap(): { forEach(f: (value: { getStringValue(): string }, key: string) => void): void }; getData_asB64(): string }> }) {
      written.push({
        stream: message.getStream(),
        expectedRevision: message.getExpectedRevision(),
        records: message.getRecordsList().map((r) => ({
          id: r.getRecordId(),
          type: r.getSchema().getName(),
          properties: propertiesOf(r.getPropertiesMap()),
          data: JSON.parse(Buffer.from(r.getData_asB64(), 'base64').toString('utf8')),
        })),
      });
      return true;
    },
    end() {
      emitter.emit('ended');
    },
  });
  const fakeThis = {
    supports: async () => true,
    callArguments: () => [],
    execute: (_client: unknown, _name: string, action: (client: unknown) => Promise<unknown>) =>
      action({
        appendSession: (...args: unknown[]) => {
          const done = args[args.length - 1] as (error: null, response: unknown) => void;
          sink.once('ended', () => done(null, { getOutputList: () => [], getPosition: () => '0' }));
          return sink;
        },
      }),
  };
  await (KurrentDBClient.prototype.multiStreamAppend as (this: unknown, r: AppendStreamRequest[]) => Promise<unknown>).call(fakeThis, requests);
  return written;
}

describe('KurrentDB mapping: one port append → one multiStreamAppend', () => {
  const written = [newEvent({ n: 1 }), newEvent({ n: 2 })];
  const chained = chainEvents('organ-a', { revision: 4, hash: 'ab'.repeat(32) }, written);
  const requests = buildMultiStreamAppend(
    [
      { streamId: 'organ-a', chained, head: { revision: 4, hash: 'ab'.repeat(32) }, guardRevision: 4 },
      { streamId: 'person-p', chained: [], head: { revision: 2, hash: 'cd'.repeat(32) }, guardRevision: 2 },
      { streamId: 'command-c', chained: chainEvents('command-c', EMPTY_STREAM, [newEvent()]), head: EMPTY_STREAM, guardRevision: 'no_stream' },
    ],
    ids,
  );

  it('writes each stream with events at the exact head its chain was built on (bigint revision or the client’s NO_STREAM)', () => {
    expect(requests[0]).toMatchObject({ streamName: 'organ-a', expectedState: 4n });
    expect(requests[0]?.events.map((e) => e.id)).toEqual(written.map((e) => e.eventId));
    expect(requests[1]).toMatchObject({ streamName: 'command-c', expectedState: NO_STREAM });
    expect(requests.some((r) => r.streamName === 'person-p')).toBe(false); // a check-only entry writes nothing to its stream…
  });

  it('…and checks every entry through a guard check-point recording the stream’s revision after the append', () => {
    const guards = requests.filter((r) => r.streamName.startsWith('auxledger$guard-'));
    expect(guards.map((g) => [g.streamName, g.expectedState, g.events[0]?.type, (g.events[0]?.data as { streamRevision: number }).streamRevision])).toEqual([
      [guardStreamId('organ-a'), 4n, GUARD_EVENT_TYPE, 6],
      [guardStreamId('person-p'), 2n, GUARD_EVENT_TYPE, 2],
      [guardStreamId('command-c'), NO_STREAM, GUARD_EVENT_TYPE, 0],
    ]);
  });

  it('reserves every event id in the same transaction, expecting no stream', () => {
    const reservations = requests.filter((r) => r.streamName.startsWith('auxledger$event-id-'));
    expect(reservations).toHaveLength(3);
    expect(reservations[0]).toMatchObject({ streamName: reservationStreamId(written[0]?.eventId as string), expectedState: NO_STREAM });
    expect(reservations[0]?.events[0]).toMatchObject({ type: RESERVATION_EVENT_TYPE, data: { streamId: 'organ-a', streamRevision: 5 } });
  });

  it('every stream appears once and takes at least one record (the server refuses an empty stream request)', () => {
    expect(new Set(requests.map((r) => r.streamName)).size).toBe(requests.length);
    expect(requests.every((r) => r.events.length > 0)).toBe(true);
  });

  it('passes the real client’s metadata rule (string → string) and encodes as expected revisions -1 / n', async () => {
    const wire = await encodeWithRealClient(requests);
    expect(wire.map((m) => [m.stream, m.expectedRevision])).toEqual(requests.map((r) => [r.streamName, r.expectedState === NO_STREAM ? '-1' : String(r.expectedState)]));
    const first = wire[0]?.records[0];
    expect(first?.properties[SCHEMA_VERSION_PROPERTY]).toBe('1');
    expect(JSON.parse(first?.properties[METADATA_PROPERTY] as string)).toMatchObject({ hash: chained[0]?.metadata.hash, prevHash: 'ab'.repeat(32), commandId: written[0]?.metadata.commandId });
    expect(first?.data).toEqual({ n: 1 });
  });
});

/** A resolved event as a v1 read hands out a record written by multi-stream append: properties as JSON metadata beside `$schema.*`. */
function resolvedAs(request: AppendStreamRequest, index: number, revision: bigint, position: { commit: bigint; prepare: bigint }): AllStreamResolvedEvent {
  const data = request.events[index] as ReturnType<typeof jsonEvent>;
  return {
    event: {
      streamId: request.streamName,
      id: data.id,
      revision,
      type: data.type,
      data: data.data,
      metadata: { '$schema.format': 'Json', '$schema.name': data.type, ...(data.metadata as Record<string, string>) },
      isJson: true,
      created: new Date(),
      position,
    },
    commitPosition: position.commit,
  } as unknown as AllStreamResolvedEvent;
}

describe('KurrentDB mapping: reading back', () => {
  const chained = chainEvents('auxiliary-1', EMPTY_STREAM, [newEvent({ a: 1 }), newEvent({ a: 2 })]);
  const [request] = buildMultiStreamAppend([{ streamId: 'auxiliary-1', chained, head: EMPTY_STREAM, guardRevision: 'no_stream' }], ids);

  it('turns the stored record back into the event as chained, the prepare position as global position', () => {
    const event = toRecordedEvent(resolvedAs(request as AppendStreamRequest, 1, 1n, { commit: 900n, prepare: 1024n }));
    expect(event).toMatchObject({ eventId: chained[1]?.eventId, streamId: 'auxiliary-1', streamRevision: 1, globalPosition: 1024, schemaVersion: 1, data: { a: 2 } });
    expect(event.metadata).toEqual(chained[1]?.metadata);
  });

  it('two events of one transaction sharing a commit position keep distinct, ordered global positions', () => {
    const a = toRecordedEvent(resolvedAs(request as AppendStreamRequest, 0, 0n, { commit: 900n, prepare: 900n }));
    const b = toRecordedEvent(resolvedAs(request as AppendStreamRequest, 1, 1n, { commit: 900n, prepare: 1024n }));
    expect(a.globalPosition).toBeLessThan(b.globalPosition);
  });

  it('refuses a foreign event, keeps guards and reservations out of the log', () => {
    const foreign = { event: { streamId: 's', id: 'x', revision: 0n, type: 'T', data: {}, metadata: {}, isJson: true, position: { commit: 1n, prepare: 1n } } } as unknown as AllStreamResolvedEvent;
    expect(() => toRecordedEvent(foreign)).toThrow('not an AuxLedger event');
    const guard = { event: { ...foreign.event, streamId: guardStreamId('s'), type: GUARD_EVENT_TYPE, data: { streamRevision: 3 } } } as unknown as AllStreamResolvedEvent;
    expect(isLogEvent(guard)).toBe(false);
    expect(parseGuard(guard)).toBe(3);
    expect(isLogEvent({ event: { ...foreign.event, streamId: reservationStreamId('x') } } as unknown as AllStreamResolvedEvent)).toBe(false);
    expect(isLogEvent(foreign)).toBe(true);
  });

  it('reads $all from START for 0, else from the event at the checkpoint', () => {
    expect(readPositionAt(0)).toBe(START);
    expect(readPositionAt(1024)).toEqual({ commit: 1024n, prepare: 1024n });
  });

  it('refuses writes to the adapter’s own streams', () => {
    expect(() => validateKurrentAppend(guardStreamId('x'), [])).toThrow('reserved by the KurrentDB adapter');
  });
});

describe('KurrentDB mapping: server versions and errors', () => {
  it('multi-stream append from KurrentDB 25.1', () => {
    expect(versionAtLeast('25.1.0.1789', '25.1')).toBe(true);
    expect(versionAtLeast('26.1.1', '25.1')).toBe(true);
    expect(versionAtLeast('25.0.1', '25.1')).toBe(false);
    expect(versionAtLeast('24.10.0', '25.1')).toBe(false);
    expect(versionAtLeast('unknown', '25.1')).toBe(false);
  });

  it('refuses the command path in both languages, naming the version it needs', () => {
    const error = commandPathUnsupported('24.10.0');
    expect(isEventStoreError(error, 'UNSUPPORTED')).toBe(true);
    expect(error.message).toContain('KurrentDB 25.1 or later');
    expect(error.messages.zh).toContain('KurrentDB 25.1 或更高版本');
    expect(error.message).toContain('24.10.0');
  });

  it('maps the client’s UnsupportedError and recognises its WrongExpectedVersionError', () => {
    expect(isEventStoreError(mapKurrentError(new UnsupportedError('multiStreamAppend', '25.1')), 'UNSUPPORTED')).toBe(true);
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 'organ-a', expected: 4n, current: 5n } as never);
    expect(isWrongExpectedVersion(conflict)).toBe(true);
    expect(isWrongExpectedVersion(new Error('x'))).toBe(false);
  });

  it('the installed client still has the capabilities getter the adapter reads the server version from', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(KurrentDBClient.prototype), 'capabilities') ?? Object.getOwnPropertyDescriptor(KurrentDBClient.prototype, 'capabilities');
    expect(typeof descriptor?.get).toBe('function');
  });
});
