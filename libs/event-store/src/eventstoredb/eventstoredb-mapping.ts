import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
  ErrorType,
  NO_STREAM,
  START,
  convertToCommandError,
  isCommandError,
  jsonEvent,
} from '@eventstore/db-client';
import type { ChainedEvent } from '../append-plan';
import { type ActualRevision, EventStoreError, invalidEvent, storeUnavailable, wrongExpectedRevision } from '../errors';
import type { EventMetadata, ExpectedRevision, JsonObject, NewEvent, RecordedEvent } from '../port';

/**
 * Pure conversions between the port's shapes and @eventstore/db-client 6.x's:
 * revisions, positions, expected revisions, events and errors. No I/O here, so
 * all of it is unit-tested without a server.
 *
 * What this relies on about EventStoreDB positions (server ≥ 22.6, gRPC API):
 * - Every event we write is an implicit transaction (one gRPC append), for
 *   which `$all` reports commit position = prepare position = the event's own
 *   log position: unique per event and strictly increasing in commit order.
 *   `globalPosition` is that commit position as a number. (Events written by
 *   explicit transactions of the legacy TCP API share one commit position; we
 *   never write those and refuse to read foreign events.)
 * - Reading `$all` forwards from `{ commit: p, prepare: p }` is inclusive: the
 *   event at exactly p comes first, so `readAll({ after: p })` skips every
 *   event at a position ≤ p. A catch-up subscription from a position is
 *   exclusive; the adapter still skips ≤ p so that either behaviour is safe.
 * - Stream reads carry the event's position (`RecordedEvent.position`) only on
 *   servers later than 22.6.0; older servers are refused with a clear error.
 * - Positions fit a JS number until 2^53 bytes of transaction log (8 PiB);
 *   past that, conversions throw instead of rounding.
 */

/** The schema version rides in the ESDB metadata next to the caller's metadata and the chain link. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

/**
 * EventStoreDB has no index by event id, so the adapter keeps one: before an
 * append, each event id is reserved in a stream of its own naming where the
 * event goes. These streams are the adapter's, never part of the log.
 */
export const RESERVATION_STREAM_PREFIX = 'auxledger$event-id-';
export const RESERVATION_EVENT_TYPE = 'AuxLedgerEventIdReserved';

export const reservationStreamId = (eventId: string): string => `${RESERVATION_STREAM_PREFIX}${eventId}`;

/** Where a reservation says an event id was (or is being) stored. */
export interface Reservation {
  streamId: string;
  streamRevision: number;
}

// ---------------------------------------------------------------- revisions

function checkSafe(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`EventStoreDB ${what} ${value} does not fit a safe JavaScript integer (0 … ${Number.MAX_SAFE_INTEGER})`);
  }
  return n;
}

function checkNumber(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${what} must be a non-negative safe integer, got ${value}`);
  return BigInt(value);
}

/** Our 0-based stream revision → the ESDB stream revision. */
export const toEsdbRevision = (revision: number): bigint => checkNumber(revision, 'stream revision');

/** The ESDB stream revision → our stream revision. */
export const fromEsdbRevision = (revision: bigint): number => checkSafe(revision, 'stream revision');

/** The revision ESDB reports in a conflict → ours. */
export const toActualRevision = (current: CurrentRevision): ActualRevision =>
  current === NO_STREAM ? 'no_stream' : fromEsdbRevision(current);

/** Our expectation → ESDB's. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  return toEsdbRevision(expected);
}

/** The exact revision an append expects after reading the head: the chain is built on it. */
export const headExpectedRevision = (head: ActualRevision): AppendExpectedRevision =>
  head === 'no_stream' ? NO_STREAM : toEsdbRevision(head);

// ---------------------------------------------------------------- positions

/** An ESDB commit position → our global position. */
export const toGlobalPosition = (commit: bigint): number => checkSafe(commit, 'commit position');

/** Where to start reading `$all` to see everything after `after` (0 = from the start). */
export function readPositionAfter(after: number): ReadPosition {
  const commit = checkNumber(after, 'global position');
  return commit === 0n ? START : { commit, prepare: commit };
}

/** The commit position of a resolved event, whichever of its fields carries it. */
export function commitPositionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint | undefined {
  const position: Position | undefined = resolved.event?.position;
  return position?.commit ?? resolved.commitPosition;
}

// ---------------------------------------------------------------- events

/** A written event as ESDB takes it: a JSON event whose id is our event id. */
export function toEventData(event: ChainedEvent): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion },
  });
}

export function toReservationEventData(id: string, reservation: Reservation): EventData {
  return jsonEvent({
    id,
    type: RESERVATION_EVENT_TYPE,
    data: { streamId: reservation.streamId, streamRevision: reservation.streamRevision },
  });
}

/** The reservation an event of a reservation stream records, or undefined if it is not one. */
export function parseReservation(resolved: ResolvedEvent): Reservation | undefined {
  const data = resolved.event?.data;
  if (resolved.event?.type !== RESERVATION_EVENT_TYPE || !isObject(data)) return undefined;
  const { streamId, streamRevision } = data;
  if (typeof streamId !== 'string' || !Number.isSafeInteger(streamRevision)) return undefined;
  return { streamId, streamRevision: streamRevision as number };
}

/** Bytes ESDB counts toward its maximum append size: data and metadata of every event. */
export function appendBytes(events: readonly ChainedEvent[]): number {
  return events.reduce(
    (sum, e) =>
      sum +
      Buffer.byteLength(JSON.stringify(e.data), 'utf8') +
      Buffer.byteLength(JSON.stringify({ ...e.metadata, [SCHEMA_VERSION_KEY]: e.schemaVersion }), 'utf8'),
    0,
  );
}

/** System events (`$`-prefixed stream or type) and the adapter's reservations are not part of the log. */
export function isLogEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  if (!event) return false;
  return !event.streamId.startsWith('$') && !event.type.startsWith('$') && !event.streamId.startsWith(RESERVATION_STREAM_PREFIX);
}

/** Thrown when the store holds an event AuxLedger did not write: its log cannot be trusted as is. */
export class ForeignEventError extends Error {
  constructor(
    readonly streamId: string | undefined,
    readonly revision: bigint | undefined,
    reason: string,
  ) {
    super(`EventStoreDB event ${streamId ?? '?'}@${revision ?? '?'} is not an AuxLedger event: ${reason}`);
    this.name = 'ForeignEventError';
  }
}

/** A resolved ESDB event → our RecordedEvent. Refuses anything AuxLedger did not write. */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  const fail = (reason: string): never => {
    throw new ForeignEventError(event?.streamId, event?.revision, reason);
  };
  if (!event) return fail('the resolved event holds no event (an unresolved link)');
  if (!event.isJson) fail('its content type is not application/json');
  if (!isObject(event.data)) fail('its data is not a JSON object');
  const metadata = event.metadata;
  if (!isObject(metadata)) return fail('its metadata is not a JSON object');
  const { [SCHEMA_VERSION_KEY]: schemaVersion, ...stored } = metadata;
  if (!Number.isSafeInteger(schemaVersion) || (schemaVersion as number) < 1) fail('its metadata has no schemaVersion');
  if (typeof stored['hash'] !== 'string') fail('its metadata has no hash');
  if (stored['prevHash'] !== null && typeof stored['prevHash'] !== 'string') fail('its metadata has no prevHash');
  const commit = commitPositionOf(resolved);
  if (commit === undefined) {
    return fail('the server returned no position for it (EventStoreDB later than 22.6.0 is required)');
  }
  return {
    eventId: event.id.toLowerCase(),
    type: event.type,
    schemaVersion: schemaVersion as number,
    data: event.data as JsonObject,
    metadata: stored as unknown as EventMetadata,
    streamId: event.streamId,
    streamRevision: fromEsdbRevision(event.revision),
    globalPosition: toGlobalPosition(commit),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

// ---------------------------------------------------------------- validation

/**
 * What only this adapter cannot store faithfully, checked after the shared
 * `validateAppend`: `$` event types (ESDB system events, filtered out of the
 * log), the reservation stream prefix, and a caller metadata key that would
 * collide with the stored schema version.
 */
export function validateEsdbAppend(streamId: string, events: readonly NewEvent[]): void {
  if (streamId.startsWith(RESERVATION_STREAM_PREFIX)) {
    throw invalidEvent(
      `stream ids starting with "${RESERVATION_STREAM_PREFIX}" are reserved by the EventStoreDB adapter`,
      `以“${RESERVATION_STREAM_PREFIX}”开头的事件流标识为 EventStoreDB 适配器保留`,
      { streamId },
    );
  }
  for (const event of events) {
    if (event.type.startsWith('$')) {
      throw invalidEvent('event type must not start with "$" (EventStoreDB system events)', '事件类型不得以“$”开头（EventStoreDB 系统事件）', {
        eventId: event.eventId,
      });
    }
    if (Object.prototype.hasOwnProperty.call(event.metadata, SCHEMA_VERSION_KEY)) {
      throw invalidEvent(`metadata.${SCHEMA_VERSION_KEY} is reserved by the store`, `元数据 ${SCHEMA_VERSION_KEY} 为存储保留字段`, {
        eventId: event.eventId,
      });
    }
  }
}

export const appendTooLarge = (streamId: string, bytes: number, limit: number) =>
  new EventStoreError(
    'EVENT_TOO_LARGE',
    { zh: `向事件流 ${streamId} 的追加共 ${bytes} 字节，超过单次追加上限 ${limit} 字节`, en: `The append to ${streamId} is ${bytes} bytes; the limit is ${limit} bytes for one append` },
    { streamId, bytes, limit },
  );

// ---------------------------------------------------------------- errors

export interface ErrorContext {
  streamId?: string;
  expected?: ExpectedRevision;
  /** Bytes of the append, for EVENT_TOO_LARGE. */
  bytes?: number;
}

/** The client's errors that mean the server cannot be reached (a function: the client loads on first use, not with this module). */
const isUnavailable = (type: string): boolean => [ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.NOT_LEADER].includes(type as ErrorType);

/**
 * A client error → ours: WrongExpectedVersion → WRONG_EXPECTED_REVISION,
 * MaxAppendSizeExceeded → EVENT_TOO_LARGE, unavailable / deadline / timeout /
 * not-leader → STORE_UNAVAILABLE. Anything else is returned unchanged.
 */
export function mapEsdbError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof EventStoreError || !(error instanceof Error)) return error;
  const converted = convertToCommandError(error);
  if (!isCommandError(converted)) return error;
  switch (converted.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return wrongExpectedRevision(
        context.streamId ?? converted.streamName,
        context.expected ?? fromEsdbExpected(converted.expectedVersion),
        toActualRevision(converted.actualVersion),
      );
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return appendTooLarge(context.streamId ?? '?', context.bytes ?? -1, converted.maxAppendSize);
    default:
      return isUnavailable(converted.type) ? storeUnavailable(converted) : error;
  }
}

function fromEsdbExpected(expected: AppendExpectedRevision): ExpectedRevision {
  return typeof expected === 'bigint' ? fromEsdbRevision(expected) : expected;
}
