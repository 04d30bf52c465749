import {
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  type WrongExpectedVersionError,
  excludeSystemEvents,
  isCommandError,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EMPTY_STREAM, type StreamHead, chainEvents, checkExpectedRevision, resolveReappend, validateAppend, validateAppends } from '../append-plan';
import { type EventStoreError, duplicateEventId, unsupported, wrongExpectedRevision } from '../errors';
import type {
  StreamAppend,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../port';
import {
  type Reservation,
  appendBytes,
  appendTooLarge,
  headExpectedRevision,
  isLogEvent,
  mapEsdbError,
  parseReservation,
  readPositionAfter,
  reservationStreamId,
  toActualRevision,
  toEsdbRevision,
  toEventData,
  toRecordedEvent,
  toReservationEventData,
  validateEsdbAppend,
} from './eventstoredb-mapping';
import { untilAborted } from './eventstoredb-subscription';

/** How many `$all` entries one backwards read for the log head takes. */
const HEAD_PAGE = 32;

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://127.0.0.1:2113?tls=false` */
  connectionString: string;
  /** A client to use instead of one built from the connection string (tests). */
  client?: EventStoreDBClient;
  /** Attempts of one append under contention (another writer moved the stream's head); default 5. */
  maxAttempts?: number;
  /** The server's maximum append size (EVENTSTORE_MAX_APPEND_SIZE); default 1 MiB. Checked before anything is written. */
  maxAppendBytes?: number;
  /**
   * How long an event-id reservation whose append never landed still blocks
   * the id for other streams (it may be an append in flight); default 5 minutes.
   */
  reservationTimeoutMs?: number;
}

type ResolvedAny = ResolvedEvent | AllStreamResolvedEvent;

/** What the event-id index says about one id. */
type IdLookup =
  | { kind: 'free'; reservationRevision: bigint | typeof NO_STREAM }
  | { kind: 'stored'; event: RecordedEvent }
  /** A reservation whose event never landed where it says, and never can: the slot holds another event. */
  | { kind: 'stale'; reservationRevision: bigint }
  /** A reservation whose slot is still free: an append in flight, or one that failed. */
  | { kind: 'pending'; reservationRevision: bigint; reservation: Reservation; reservedAt: Date };

/** A conflict with another writer after which the append may be tried again from the top. */
class Contention extends Error {
  constructor(readonly final: EventStoreError) {
    super(final.message);
  }
}

/**
 * The EventStoreDB adapter (server ≥ 22.6, gRPC). Appends share the SQL
 * adapters' semantics through append-plan.ts:
 *
 * 1. read the stream's head (last event, backwards 1);
 * 2. look every event id up in the adapter's event-id index (below); if any
 *    is stored, `resolveReappend` answers the idempotent re-append or refuses
 *    the duplicate, writing nothing;
 * 3. check the caller's expectation against the head, chain the events on it;
 * 4. reserve each id in the index, then append with the exact revision read
 *    in 1, so the hash chain cannot fork: a concurrent writer makes the
 *    server refuse, and when the caller's own expectation still holds (e.g.
 *    'any') the append is tried again from 1, a bounded number of times;
 * 5. read the written events back, for their positions.
 *
 * The event-id index: ESDB enforces no uniqueness of event ids across
 * streams (its own idempotence only compares an append with the stream's
 * recent events), but the port promises ids unique across the store. Each id
 * therefore gets a reservation stream `auxledger$event-id-<id>` recording
 * the stream and revision its event goes to, written with an exact expected
 * revision so two writers cannot both claim it. A reservation counts only if
 * the event is really there; one whose slot went to another event is stale
 * and is overwritten. These streams are filtered out of the log. Cost: one
 * extra read and one extra write per event.
 *
 * Subscriptions use the server's native catch-up subscription to `$all` with
 * the `excludeSystemEvents` filter rather than `pollingSubscription`: events
 * are pushed as they commit (no poll interval between a write in another
 * process and its delivery, no repeated reads of `$all` against a shared
 * server), the server filters system events, and ordering and the switch from
 * catch-up to live are the server's. `batchSize` does not apply to it.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly maxAttempts: number;
  private readonly maxAppendBytes: number;
  private readonly reservationTimeoutMs: number;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = options.client ?? EventStoreDBClient.connectionString(options.connectionString);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.maxAppendBytes = options.maxAppendBytes ?? 1024 * 1024;
    this.reservationTimeoutMs = options.reservationTimeoutMs ?? 5 * 60 * 1000;
  }

  /**
   * EventStoreDB 6.x offers no transaction across streams: an append to one
   * stream is passed through; anything more is refused (docs/adr/0004).
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateAppends(appends);
    const [only] = appends;
    if (appends.length !== 1 || !only) {
      throw unsupported('atomic appends to several streams (EventStoreDB 6.x has no multi-stream transaction)', '跨多个事件流的原子追加（EventStoreDB 6.x 不支持多流事务）');
    }
    return [await this.appendToStream(only.streamId, only.events, only.expectedRevision)];
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    validateEsdbAppend(streamId, events);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryAppend(streamId, events, expectedRevision);
      } catch (error) {
        if (!(error instanceof Contention)) throw mapEsdbError(error, { streamId, expected: expectedRevision });
        if (attempt >= this.maxAttempts) throw error.final;
      }
    }
  }

  private async tryAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const head = await this.readHead(streamId);
    const lookups = await Promise.all(events.map((event) => this.lookUpEventId(event.eventId)));

    const stored = lookups.map((lookup) => (lookup.kind === 'stored' ? lookup.event : undefined));
    if (stored.some((event) => event !== undefined)) return resolveReappend(streamId, events, expected, stored);
    const busy = lookups.findIndex(
      (lookup) =>
        lookup.kind === 'pending' &&
        lookup.reservation.streamId !== streamId &&
        Date.now() - lookup.reservedAt.getTime() < this.reservationTimeoutMs,
    );
    if (busy >= 0) throw duplicateEventId((events[busy] as NewEvent).eventId, streamId);

    checkExpectedRevision(streamId, expected, head.revision);
    const chained = chainEvents(streamId, head, events);
    const bytes = appendBytes(chained);
    if (bytes > this.maxAppendBytes) throw appendTooLarge(streamId, bytes, this.maxAppendBytes);

    await Promise.all(
      chained.map(async (event, index) => {
        const lookup = lookups[index] as IdLookup;
        const expectedReservation = 'reservationRevision' in lookup ? lookup.reservationRevision : NO_STREAM;
        try {
          await this.client.appendToStream(
            reservationStreamId(event.eventId),
            toReservationEventData(randomUUID(), { streamId, streamRevision: event.streamRevision }),
            { expectedRevision: expectedReservation },
          );
        } catch (error) {
          // Another writer claimed the id between our look-up and now: look again.
          if (isWrongExpectedVersion(error)) throw new Contention(duplicateEventId(event.eventId, streamId));
          throw error;
        }
      }),
    );

    try {
      await this.client.appendToStream(streamId, chained.map(toEventData), { expectedRevision: headExpectedRevision(head.revision) });
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw mapEsdbError(error, { streamId, expected, bytes });
      const actual = toActualRevision(error.actualVersion);
      // Throws the caller's conflict when their own expectation no longer holds.
      checkExpectedRevision(streamId, expected, actual);
      throw new Contention(wrongExpectedRevision(streamId, expected, actual));
    }

    const first = chained[0] as (typeof chained)[number];
    const written = await this.readStream(streamId, { fromRevision: first.streamRevision, maxCount: chained.length });
    if (written.length !== chained.length || written.some((event, index) => event.eventId !== chained[index]?.eventId)) {
      throw new Error(`EventStoreDB: the events just appended to ${streamId} at revision ${first.streamRevision} do not read back`);
    }
    const last = written[written.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.streamRevision, events: written, alreadyStored: false };
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    const [last] = await this.read(() => this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    if (!last) return EMPTY_STREAM;
    const event = toRecordedEvent(last);
    return { revision: event.streamRevision, hash: event.metadata.hash };
  }

  private async lookUpEventId(eventId: string): Promise<IdLookup> {
    const [last] = await this.read(() =>
      this.client.readStream(reservationStreamId(eventId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    if (!last?.event) return { kind: 'free', reservationRevision: NO_STREAM };
    const reservationRevision = last.event.revision;
    const reservation = parseReservation(last);
    if (!reservation) return { kind: 'stale', reservationRevision };
    const [atSlot] = await this.read(() =>
      this.client.readStream(reservation.streamId, { fromRevision: toEsdbRevision(reservation.streamRevision), maxCount: 1 }),
    );
    if (!atSlot?.event) return { kind: 'pending', reservationRevision, reservation, reservedAt: last.event.created };
    const here = atSlot.event.revision === toEsdbRevision(reservation.streamRevision) && atSlot.event.id.toLowerCase() === eventId;
    return here ? { kind: 'stored', event: toRecordedEvent(atSlot) } : { kind: 'stale', reservationRevision };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    const fromRevision = options.fromRevision === undefined ? (backwards ? END : START) : toEsdbRevision(options.fromRevision);
    const resolved = await this.read(() =>
      this.client.readStream(streamId, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount }),
    );
    return resolved.map(toRecordedEvent);
  }

  /**
   * `$all` after a position, without system events and reservations. The
   * client offers no server-side filter on reads, so this reads on until it
   * has `maxCount` log events or reaches the end. A resumed read starts at
   * the last position seen, inclusive, hence one more than needed and the
   * skip of every position up to the cursor.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const after = options.after ?? 0;
    let from: ReadPosition = readPositionAfter(after);
    let cursor: Position | undefined = typeof from === 'object' ? from : undefined;
    const events: RecordedEvent[] = [];
    if (maxCount <= 0) return events;
    try {
      for (;;) {
        const want = maxCount - events.length + 1;
        const batch = await this.read<AllStreamResolvedEvent>(() => this.client.readAll({ fromPosition: from, maxCount: want }));
        for (const resolved of batch) {
          const position = resolved.event?.position;
          if (!position || (cursor && comparePositions(position, cursor) <= 0)) continue;
          cursor = position;
          if (!isLogEvent(resolved)) continue;
          events.push(toRecordedEvent(resolved));
          if (events.length === maxCount) return events;
        }
        if (batch.length < want || !cursor) return events;
        from = cursor;
      }
    } catch (error) {
      throw mapEsdbError(error);
    }
  }

  /** `$all` backwards from its end, past system events and event-id reservations, to the last event of the log. */
  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    try {
      for (;;) {
        const batch = await this.read<AllStreamResolvedEvent>(() => this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_PAGE }));
        const last = batch.find(isLogEvent);
        if (last) return toRecordedEvent(last).globalPosition;
        const oldest = batch.at(-1)?.event?.position;
        if (batch.length < HEAD_PAGE || !oldest) return 0;
        from = oldest;
      }
    } catch (error) {
      throw mapEsdbError(error);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return this.follow(options);
  }

  private async *follow(options: SubscribeOptions): AsyncGenerator<RecordedEvent> {
    const after = options.after ?? 0;
    const fromPosition = readPositionAfter(after);
    if (options.signal?.aborted) return;
    const subscription = this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() });
    try {
      for await (const resolved of untilAborted(subscription, options.signal)) {
        if (!isLogEvent(resolved)) continue;
        const event = toRecordedEvent(resolved);
        // Catch-up subscriptions start after the position; skip ≤ it regardless.
        if (event.globalPosition <= after) continue;
        yield event;
      }
    } catch (error) {
      throw mapEsdbError(error);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** Drains one read; a stream that does not exist reads as empty. */
  private async read<E extends ResolvedAny = ResolvedEvent>(open: () => AsyncIterable<E>): Promise<E[]> {
    const events: E[] = [];
    try {
      for await (const event of open()) events.push(event);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw mapEsdbError(error);
    }
    return events;
  }
}

function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION;
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
}

function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
