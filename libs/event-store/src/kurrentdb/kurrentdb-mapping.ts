import {
  type AllStreamResolvedEvent,
  type AppendStreamRequest,
  type AppendStreamState,
  type CurrentStreamState,
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
} from '@kurrent/kurrentdb-client';
import { type ChainedEvent, type StreamHead, chainEvents, checkExpectedRevision } from '../append-plan';
import { type ActualRevision, EventStoreError, invalidEvent, storeUnavailable, wrongExpectedRevision } from '../errors';
import type { EventMetadata, ExpectedRevision, JsonObject, NewEvent, RecordedEvent, StreamAppend } from '../port';

/**
 * Pure conversions between the port and @kurrent/kurrentdb-client 1.3's
 * shapes for the KurrentDB adapter (docs/adr/0004): the one atomic
 * `multiStreamAppend` a command's append becomes, events, positions, server
 * versions and errors. No I/O, so all of it is unit-tested without a server
 * (kurrentdb-mapping.spec.ts) — which shows the mapping, not the server.
 *
 * One append of the port (several entries, some only checking a revision)
 * becomes one `multiStreamAppend` of:
 * - each entry with events: its chained events, expected revision = the
 *   exact head the chain was built on;
 * - each entry, written or check-only: one check-point event in the stream's
 *   **guard** `auxledger$guard-<stream>`, expected revision = the guard's head.
 *   Every append of this adapter to a stream also writes its guard, and the
 *   guard's event records the stream's revision after it, so "the guard is
 *   still at g" implies "the stream is still where guard event g says". A
 *   check-only entry thus fails, atomically with the rest, when its stream
 *   moved — what KurrentDB 25.1's multi-stream append cannot check directly
 *   (every stream in it must take at least one record);
 * - each event id: a reservation `auxledger$event-id-<id>`, expected
 *   `no_stream`: ids are unique across the store, in the same transaction.
 * Guards and reservations are the adapter's, never part of the log.
 */

/** KurrentDB with `multiStreamAppend` (the client checks the server's supported methods). */
export const MULTI_STREAM_APPEND_MIN_VERSION = '25.1';

/** Caller metadata rides as string properties: multi-stream append takes only string → string metadata. */
export const METADATA_PROPERTY = 'auxledger.metadata';
export const SCHEMA_VERSION_PROPERTY = 'auxledger.schemaVersion';

export const GUARD_STREAM_PREFIX = 'auxledger$guard-';
export const GUARD_EVENT_TYPE = 'AuxLedgerStreamGuarded';
export const RESERVATION_STREAM_PREFIX = 'auxledger$event-id-';
export const RESERVATION_EVENT_TYPE = 'AuxLedgerEventIdReserved';

export const guardStreamId = (streamId: string): string => `${GUARD_STREAM_PREFIX}${streamId}`;
export const reservationStreamId = (eventId: string): string => `${RESERVATION_STREAM_PREFIX}${eventId}`;

// ---------------------------------------------------------------- revisions

function toSafe(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`KurrentDB ${what} ${value} does not fit a safe JavaScript integer`);
  return n;
}

export const toKurrentRevision = (revision: number): bigint => {
  if (!Number.isSafeInteger(revision) || revision < 0) throw new Error(`stream revision must be a non-negative safe integer, got ${revision}`);
  return BigInt(revision);
};

/** The exact state an append expects after reading a head. */
export const headState = (revision: ActualRevision): AppendStreamState => (revision === 'no_stream' ? NO_STREAM : toKurrentRevision(revision));

/** The state KurrentDB reports in a conflict → ours (deleted / tombstoned streams read as no stream). */
export function toActualRevision(state: CurrentStreamState | undefined): ActualRevision {
  return typeof state === 'bigint' && state >= 0n ? toSafe(state, 'stream revision') : 'no_stream';
}

// ---------------------------------------------------------------- the append request

/** What a guard event records: the guarded stream's revision after the append (-1: none yet). */
export interface GuardRecord {
  streamRevision: number;
}

/** One entry of the port's append, with the heads the adapter read for it. */
export interface PlannedEntry {
  streamId: string;
  /** The entry's events, chained on `head` (empty: a check-only entry). */
  chained: readonly ChainedEvent[];
  head: StreamHead;
  /** The guard stream's last revision, or no_stream. */
  guardRevision: ActualRevision;
}

/** A guard stream's last revision and the guarded stream's revision its last event records. */
export interface GuardHead {
  revision: ActualRevision;
  records: number | undefined;
}

/**
 * Each entry checked against the heads just read and chained on its head.
 * Throws the caller's conflict when their expectation does not hold; null
 * when a guard does not match its stream (a write landed between the two
 * reads: read again).
 */
export function planEntries(appends: readonly StreamAppend[], heads: ReadonlyArray<{ head: StreamHead; guard: GuardHead }>): PlannedEntry[] | null {
  const entries: PlannedEntry[] = [];
  for (const [i, a] of appends.entries()) {
    const { head, guard } = heads[i] as { head: StreamHead; guard: GuardHead };
    checkExpectedRevision(a.streamId, a.expectedRevision, head.revision);
    const actual = head.revision === 'no_stream' ? -1 : head.revision;
    if ((guard.records ?? -1) !== actual) {
      if (guard.revision === 'no_stream') throw new Error(`KurrentDB: stream ${a.streamId} was written without its guard (not by this adapter); it cannot take part in a checked append`);
      return null;
    }
    entries.push({ streamId: a.streamId, chained: chainEvents(a.streamId, head, a.events), head, guardRevision: guard.revision });
  }
  return entries;
}

/**
 * The `multiStreamAppend` request of one port append: entries' events with
 * their exact heads, a guard check-point per entry, a reservation per event.
 * `guardEventId` and `reservationEventId` make the record ids (random in the adapter, fixed in tests).
 */
export function buildMultiStreamAppend(
  entries: readonly PlannedEntry[],
  ids: { guardEventId: (streamId: string) => string; reservationEventId: (eventId: string) => string },
): AppendStreamRequest[] {
  const requests: AppendStreamRequest[] = [];
  for (const entry of entries) {
    if (entry.chained.length > 0) requests.push({ streamName: entry.streamId, expectedState: headState(entry.head.revision), events: entry.chained.map(toEventData) });
  }
  for (const entry of entries) {
    const last = entry.chained[entry.chained.length - 1];
    const after = last ? last.streamRevision : entry.head.revision === 'no_stream' ? -1 : entry.head.revision;
    requests.push({
      streamName: guardStreamId(entry.streamId),
      expectedState: headState(entry.guardRevision),
      events: [jsonEvent({ id: ids.guardEventId(entry.streamId), type: GUARD_EVENT_TYPE, data: { streamRevision: after } satisfies GuardRecord })],
    });
  }
  for (const entry of entries) {
    for (const event of entry.chained) {
      requests.push({
        streamName: reservationStreamId(event.eventId),
        expectedState: NO_STREAM,
        events: [jsonEvent({ id: ids.reservationEventId(event.eventId), type: RESERVATION_EVENT_TYPE, data: { streamId: entry.streamId, streamRevision: event.streamRevision } })],
      });
    }
  }
  return requests;
}

/** A chained event as KurrentDB takes it: JSON data, the metadata as two string properties. */
export function toEventData(event: ChainedEvent): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: { [METADATA_PROPERTY]: JSON.stringify(event.metadata), [SCHEMA_VERSION_PROPERTY]: String(event.schemaVersion) },
  });
}

/** The stream revision a guard event says its stream had after the append, or undefined if it is not a guard event. */
export function parseGuard(resolved: ResolvedEvent): number | undefined {
  const event = resolved.event;
  if (!event || event.type !== GUARD_EVENT_TYPE || !isObject(event.data)) return undefined;
  const { streamRevision } = event.data;
  return Number.isSafeInteger(streamRevision) && (streamRevision as number) >= -1 ? (streamRevision as number) : undefined;
}

/** Where a reservation says its event is. */
export function parseReservation(resolved: ResolvedEvent): { streamId: string; streamRevision: number } | undefined {
  const event = resolved.event;
  if (!event || event.type !== RESERVATION_EVENT_TYPE || !isObject(event.data)) return undefined;
  const { streamId, streamRevision } = event.data;
  if (typeof streamId !== 'string' || !Number.isSafeInteger(streamRevision)) return undefined;
  return { streamId, streamRevision: streamRevision as number };
}

// ---------------------------------------------------------------- reading

/** System events, guards and reservations are not part of the log. */
export function isLogEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  if (!event) return false;
  const stream = event.streamId;
  return !stream.startsWith('$') && !event.type.startsWith('$') && !stream.startsWith(GUARD_STREAM_PREFIX) && !stream.startsWith(RESERVATION_STREAM_PREFIX);
}

export class ForeignEventError extends Error {
  constructor(streamId: string | undefined, revision: bigint | undefined, reason: string) {
    super(`KurrentDB event ${streamId ?? '?'}@${revision ?? '?'} is not an AuxLedger event: ${reason}`);
    this.name = 'ForeignEventError';
  }
}

/**
 * The global position of an event: its **prepare** position. Events of one
 * multi-stream append are one transaction and may share its commit position;
 * their prepare positions are distinct and, the transaction being written in
 * one piece, increase in `$all` order. (An assumption about the server that
 * only the contract suite against a real KurrentDB checks.)
 */
export function globalPositionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): number | undefined {
  const position: Position | undefined = resolved.event?.position;
  return position ? toSafe(position.prepare, 'prepare position') : undefined;
}

/** Where `$all` is read from to see what follows `after`: from the event at it (inclusive; skipped by the reader). */
export function readPositionAt(after: number): ReadPosition {
  if (!Number.isSafeInteger(after) || after < 0) throw new Error(`global position must be a non-negative safe integer, got ${after}`);
  return after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
}

/** A resolved KurrentDB event → our RecordedEvent; refuses anything AuxLedger did not write. */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  const fail = (reason: string): never => {
    throw new ForeignEventError(event?.streamId, event?.revision, reason);
  };
  if (!event) return fail('the resolved event holds no event');
  if (!event.isJson || !isObject(event.data)) fail('its data is not a JSON object');
  const properties = event.metadata;
  if (!isObject(properties)) return fail('its metadata is not an object');
  const rawMetadata = properties[METADATA_PROPERTY];
  const schemaVersion = Number(properties[SCHEMA_VERSION_PROPERTY]);
  if (typeof rawMetadata !== 'string') return fail(`its metadata has no ${METADATA_PROPERTY}`);
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) fail(`its metadata has no ${SCHEMA_VERSION_PROPERTY}`);
  let metadata: unknown;
  try {
    metadata = JSON.parse(rawMetadata);
  } catch {
    return fail(`its ${METADATA_PROPERTY} is not JSON`);
  }
  if (!isObject(metadata) || typeof metadata['hash'] !== 'string') return fail('its metadata has no hash');
  const globalPosition = globalPositionOf(resolved);
  if (globalPosition === undefined) return fail('the server returned no position for it');
  return {
    eventId: event.id.toLowerCase(),
    type: event.type,
    schemaVersion,
    data: event.data as JsonObject,
    metadata: metadata as unknown as EventMetadata,
    streamId: event.streamId,
    streamRevision: toSafe(event.revision, 'stream revision'),
    globalPosition,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Refuses what only this adapter cannot store: its own stream prefixes, `$` types. */
export function validateKurrentAppend(streamId: string, events: readonly NewEvent[]): void {
  for (const prefix of [GUARD_STREAM_PREFIX, RESERVATION_STREAM_PREFIX]) {
    if (streamId.startsWith(prefix)) {
      throw invalidEvent(`stream ids starting with "${prefix}" are reserved by the KurrentDB adapter`, `以“${prefix}”开头的事件流标识为 KurrentDB 适配器保留`, { streamId });
    }
  }
  for (const event of events) {
    if (event.type.startsWith('$')) throw invalidEvent('event type must not start with "$" (KurrentDB system events)', '事件类型不得以“$”开头（KurrentDB 系统事件）', { eventId: event.eventId });
  }
}

// ---------------------------------------------------------------- server version

/** True when a server version string ("25.1.0.1789", "26.1.1") is at least `minimum` ("25.1"). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => v.split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
  const [a, b] = [parse(version), parse(minimum)];
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The command path's refusal on a server without multi-stream append (EventStoreDB ≤ 24, KurrentDB < 25.1). */
export const commandPathUnsupported = (serverVersion: string) =>
  new EventStoreError(
    'UNSUPPORTED',
    { zh: `不支持：指令需要跨事件流原子追加，须使用 KurrentDB ${MULTI_STREAM_APPEND_MIN_VERSION} 或更高版本；当前服务器版本为 ${serverVersion}。读取与校验仍可使用。`, en: `Unsupported: commands need atomic multi-stream appends, which need KurrentDB ${MULTI_STREAM_APPEND_MIN_VERSION} or later; this server is ${serverVersion}. Reads and verify still work.` },
    { serverVersion, requiredVersion: MULTI_STREAM_APPEND_MIN_VERSION },
  );

// ---------------------------------------------------------------- errors

/** The client's errors that mean the server cannot be reached (a function: the client loads on first use, not with this module). */
const isUnavailable = (type: string): boolean => [ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.NOT_LEADER].includes(type as ErrorType);

/** True for a conflict on any stream of an append (the adapter then re-reads and decides whether to retry). */
export function isWrongExpectedVersion(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION;
}

/** A client error → ours: unsupported → UNSUPPORTED (with the version), unavailable → STORE_UNAVAILABLE; anything else unchanged. */
export function mapKurrentError(error: unknown, context: { streamId?: string; expected?: ExpectedRevision } = {}): unknown {
  if (error instanceof EventStoreError || !(error instanceof Error)) return error;
  const converted = isCommandError(error) ? error : convertToCommandError(error);
  if (!isCommandError(converted)) return error;
  if (converted.type === ErrorType.UNSUPPORTED) return commandPathUnsupported('older than 25.1');
  if (converted.type === ErrorType.WRONG_EXPECTED_VERSION && context.streamId) {
    return wrongExpectedRevision(context.streamId, context.expected ?? 'any', toActualRevision(converted.actualState));
  }
  return isUnavailable(converted.type) ? storeUnavailable(converted) : error;
}
