import {
  type AllStreamResolvedEvent,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { chainEvents, EMPTY_STREAM } from '../append-plan';
import { EventStoreError, isEventStoreError } from '../errors';
import { eventHash, metadataInput } from '../hash-chain';
import { newEvent } from '../testing/contract';
import {
  ForeignEventError,
  RESERVATION_STREAM_PREFIX,
  appendBytes,
  commitPositionOf,
  fromEsdbRevision,
  headExpectedRevision,
  isLogEvent,
  mapEsdbError,
  parseReservation,
  readPositionAfter,
  reservationStreamId,
  toActualRevision,
  toEsdbExpectedRevision,
  toEsdbRevision,
  toEventData,
  toGlobalPosition,
  toRecordedEvent,
  toReservationEventData,
  validateEsdbAppend,
} from './eventstoredb-mapping';

/** A resolved event shaped as the client hands it out after a JSON append of `data`. */
function resolvedFromEventData(
  eventData: ReturnType<typeof toEventData>,
  place: { streamId: string; revision: bigint; commit?: bigint },
): AllStreamResolvedEvent {
  // Round-trip through JSON as the wire does.
  const data = JSON.parse(JSON.stringify(eventData.data));
  const metadata = eventData.metadata === undefined ? undefined : JSON.parse(JSON.stringify(eventData.metadata));
  const commit = place.commit ?? 1000n;
  return {
    event: {
      streamId: place.streamId,
      id: eventData.id,
      isJson: true,
      revision: place.revision,
      type: eventData.type,
      created: new Date(0),
      data,
      metadata,
      position: { commit, prepare: commit },
    },
    commitPosition: commit,
  } as AllStreamResolvedEvent;
}

describe('EventStoreDB mapping', () => {
  describe('revisions', () => {
    it('maps our 0-based revision to a bigint and back', () => {
      expect(toEsdbRevision(0)).toBe(0n);
      expect(toEsdbRevision(41)).toBe(41n);
      expect(fromEsdbRevision(41n)).toBe(41);
      expect(fromEsdbRevision(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('refuses revisions that are negative, fractional or beyond safe integers', () => {
      expect(() => toEsdbRevision(-1)).toThrow(/non-negative safe integer/);
      expect(() => toEsdbRevision(1.5)).toThrow(/non-negative safe integer/);
      expect(() => fromEsdbRevision(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(/does not fit a safe JavaScript integer/);
    });

    it('maps the revision reported in a conflict', () => {
      expect(toActualRevision(NO_STREAM)).toBe('no_stream');
      expect(toActualRevision(7n)).toBe(7);
    });

    it('maps every expected revision', () => {
      expect(toEsdbExpectedRevision('any')).toBe('any');
      expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
      expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
      expect(toEsdbExpectedRevision(0)).toBe(0n);
      expect(toEsdbExpectedRevision(12)).toBe(12n);
    });

    it('appends with the exact revision of the head it chained on', () => {
      expect(headExpectedRevision('no_stream')).toBe('no_stream');
      expect(headExpectedRevision(3)).toBe(3n);
    });
  });

  describe('positions', () => {
    it('maps a commit position to a global position, refusing unsafe ones with a clear error', () => {
      expect(toGlobalPosition(0n)).toBe(0);
      expect(toGlobalPosition(123_456_789n)).toBe(123_456_789);
      expect(() => toGlobalPosition(2n ** 53n)).toThrow('EventStoreDB commit position 9007199254740992 does not fit a safe JavaScript integer');
    });

    it('reads from the start after 0, and from {commit: p, prepare: p} after p', () => {
      expect(readPositionAfter(0)).toBe(START);
      expect(readPositionAfter(4242)).toEqual({ commit: 4242n, prepare: 4242n });
      expect(() => readPositionAfter(-1)).toThrow(/non-negative safe integer/);
    });

    it('takes the commit position from the recorded event, else from the resolved event', () => {
      expect(commitPositionOf({ event: { position: { commit: 5n, prepare: 5n } }, commitPosition: 9n } as never)).toBe(5n);
      expect(commitPositionOf({ event: {}, commitPosition: 9n } as never)).toBe(9n);
      expect(commitPositionOf({ event: {} } as never)).toBeUndefined();
    });
  });

  describe('events', () => {
    const [chained] = chainEvents('case-1', EMPTY_STREAM, [newEvent({ name: '乌兰察布 👮', n: [1, 1e21, -1.5] })]);
    if (!chained) throw new Error('unreachable');

    it('writes a JSON event whose id is the event id, with the chain link and schema version in its metadata', () => {
      const data = toEventData(chained);
      expect(data).toMatchObject({ id: chained.eventId, contentType: 'application/json', type: chained.type, data: chained.data });
      expect(data.metadata).toEqual({ ...chained.metadata, schemaVersion: 1 });
    });

    it('reads it back as the RecordedEvent it was, with its place and a hash that still verifies', () => {
      const resolved = resolvedFromEventData(toEventData(chained), { streamId: 'case-1', revision: 0n, commit: 777n });
      const recorded = toRecordedEvent(resolved);
      expect(recorded).toEqual({
        eventId: chained.eventId,
        type: chained.type,
        schemaVersion: 1,
        data: chained.data,
        metadata: chained.metadata,
        streamId: 'case-1',
        streamRevision: 0,
        globalPosition: 777,
      });
      expect(eventHash({ ...recorded, metadata: metadataInput(recorded.metadata) }, recorded.metadata.prevHash)).toBe(recorded.metadata.hash);
    });

    it('refuses events AuxLedger did not write, and events without a position', () => {
      const good = resolvedFromEventData(toEventData(chained), { streamId: 'case-1', revision: 0n });
      const variants: Array<[string, AllStreamResolvedEvent, RegExp]> = [
        ['no event', { commitPosition: 1n } as AllStreamResolvedEvent, /unresolved link/],
        ['binary', { ...good, event: { ...good.event, isJson: false } } as AllStreamResolvedEvent, /not application\/json/],
        ['no metadata', { ...good, event: { ...good.event, metadata: undefined } } as unknown as AllStreamResolvedEvent, /metadata is not a JSON object/],
        ['no hash', { ...good, event: { ...good.event, metadata: { schemaVersion: 1, prevHash: null } } } as AllStreamResolvedEvent, /no hash/],
        ['no schema', { ...good, event: { ...good.event, metadata: { hash: 'h', prevHash: null } } } as AllStreamResolvedEvent, /no schemaVersion/],
        ['no position', { event: { ...good.event, position: undefined } } as unknown as AllStreamResolvedEvent, /later than 22\.6\.0/],
      ];
      for (const [, resolved, message] of variants) {
        expect(() => toRecordedEvent(resolved)).toThrow(ForeignEventError);
        expect(() => toRecordedEvent(resolved)).toThrow(message);
      }
    });

    it('keeps system events and reservations out of the log', () => {
      const of = (streamId: string, type: string) => ({ event: { streamId, type } }) as AllStreamResolvedEvent;
      expect(isLogEvent(of('case-1', 'TestRecorded'))).toBe(true);
      expect(isLogEvent(of('$stats-127.0.0.1:2113', '$statsCollected'))).toBe(false);
      expect(isLogEvent(of('$$case-1', '$metadata'))).toBe(false);
      expect(isLogEvent(of('case-1', '$streamDeleted'))).toBe(false);
      expect(isLogEvent(of(reservationStreamId(chained.eventId), 'AuxLedgerEventIdReserved'))).toBe(false);
      expect(isLogEvent({ commitPosition: 1n } as AllStreamResolvedEvent)).toBe(false);
    });

    it('writes and parses event-id reservations', () => {
      expect(reservationStreamId('abc')).toBe(`${RESERVATION_STREAM_PREFIX}abc`);
      const data = toReservationEventData('00000000-0000-4000-8000-000000000000', { streamId: 'case-1', streamRevision: 3 });
      const resolved = resolvedFromEventData(data, { streamId: reservationStreamId('x'), revision: 0n });
      expect(parseReservation(resolved)).toEqual({ streamId: 'case-1', streamRevision: 3 });
      expect(parseReservation({ ...resolved, event: { ...resolved.event, type: 'Other' } } as AllStreamResolvedEvent)).toBeUndefined();
      expect(parseReservation({ ...resolved, event: { ...resolved.event, data: { streamId: 1 } } } as AllStreamResolvedEvent)).toBeUndefined();
    });

    it('counts the bytes of data and metadata an append sends', () => {
      const data = toEventData(chained);
      const expected = Buffer.byteLength(JSON.stringify(data.data)) + Buffer.byteLength(JSON.stringify(data.metadata));
      expect(appendBytes([chained])).toBe(expected);
      expect(appendBytes([chained, chained])).toBe(2 * expected);
    });
  });

  describe('adapter-specific validation', () => {
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return isEventStoreError(error) ? error.code : String(error);
      }
      return 'accepted';
    };

    it('refuses $ event types, the reservation prefix and a metadata key colliding with the schema version', () => {
      expect(code(() => validateEsdbAppend('case-1', [newEvent()]))).toBe('accepted');
      expect(code(() => validateEsdbAppend('case-1', [newEvent({}, { type: '$metadata' })]))).toBe('INVALID_EVENT');
      expect(code(() => validateEsdbAppend(`${RESERVATION_STREAM_PREFIX}x`, [newEvent()]))).toBe('INVALID_EVENT');
      const clash = newEvent();
      (clash.metadata as unknown as Record<string, unknown>)['schemaVersion'] = 2;
      expect(code(() => validateEsdbAppend('case-1', [clash]))).toBe('INVALID_EVENT');
    });
  });

  describe('errors', () => {
    const mapped = (error: unknown, context = {}) => mapEsdbError(error, context) as EventStoreError;

    it('maps WrongExpectedVersion to WRONG_EXPECTED_REVISION with the actual revision', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected: 1n, current: 3n });
      const ours = mapped(error);
      expect(ours).toBeInstanceOf(EventStoreError);
      expect(ours.code).toBe('WRONG_EXPECTED_REVISION');
      expect(ours.details).toEqual({ streamId: 'case-1', expected: 1, actual: 3 });
      expect(mapped(error, { streamId: 'case-1', expected: 'stream_exists' }).details).toEqual({
        streamId: 'case-1',
        expected: 'stream_exists',
        actual: 3,
      });
      const none = new WrongExpectedVersionError(undefined, { streamName: 'case-2', expected: 'stream_exists', current: NO_STREAM });
      expect(mapped(none).details).toEqual({ streamId: 'case-2', expected: 'stream_exists', actual: 'no_stream' });
    });

    it('maps MaxAppendSizeExceeded to EVENT_TOO_LARGE with the limit', () => {
      const ours = mapped(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), { streamId: 'case-1', bytes: 2_000_000 });
      expect(ours.code).toBe('EVENT_TOO_LARGE');
      expect(ours.message).toMatch(/limit is 1048576 bytes/);
      expect(ours.messages.zh).toContain('超过单次追加上限');
      expect(ours.details).toEqual({ streamId: 'case-1', bytes: 2_000_000, limit: 1_048_576 });
    });

    it('maps unavailable, deadline and timeout errors to STORE_UNAVAILABLE', () => {
      for (const error of [new UnavailableError(undefined, 'down'), new DeadlineExceededError(), new TimeoutError()]) {
        expect(mapped(error).code).toBe('STORE_UNAVAILABLE');
      }
      expect(mapped(new UnavailableError(undefined, 'connect ECONNREFUSED')).details).toEqual({ cause: 'connect ECONNREFUSED' });
    });

    it('maps raw gRPC service errors through the client first', () => {
      const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established' });
      expect(mapped(raw).code).toBe('STORE_UNAVAILABLE');
    });

    it('passes our own errors and anything else through unchanged', () => {
      const ours = new EventStoreError('INVALID_EVENT', { zh: 'x', en: 'x' });
      expect(mapEsdbError(ours)).toBe(ours);
      const other = new Error('boom');
      expect(mapEsdbError(other)).toBe(other);
      const notFound = new StreamNotFoundError(undefined, 'case-1');
      expect(mapEsdbError(notFound)).toBe(notFound);
      expect(mapEsdbError('string')).toBe('string');
    });
  });
});
