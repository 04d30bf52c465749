import {
  type ActualRevision,
  duplicateEventId,
  eventTooLarge,
  invalidEvent,
  wrongExpectedRevision,
} from './errors';
import { JsonProblem, canonicalJson } from './canonical-json';
import { composeCanonicalEncoding, linkHash, sha256Hex } from './hash-chain';
import type { AppendResult, EventMetadata, ExpectedRevision, JsonValue, NewEvent, RecordedEvent, StreamAppend } from './port';
import { MAX_EVENT_BYTES } from './port';

/**
 * The append semantics every adapter shares, so that they differ only in how
 * they read a stream's head and write rows: validation, the expected-revision
 * check, idempotent re-appends and the hash chain.
 */

/** The last event of a stream, as an append needs it. */
export interface StreamHead {
  revision: ActualRevision;
  hash: string | null;
}

export const EMPTY_STREAM: StreamHead = { revision: 'no_stream', hash: null };

/** An event ready to be written: its stream place and chain link are fixed. */
export interface ChainedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: NewEvent['data'];
  metadata: EventMetadata;
  streamId: string;
  streamRevision: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_STREAM_ID_LENGTH = 200;
const MAX_TYPE_LENGTH = 200;

/** Refuses a multi-stream append no adapter could store faithfully: each entry as below, no stream twice, some event. */
export function validateAppends(appends: readonly StreamAppend[]): void {
  if (!Array.isArray(appends) || appends.length === 0) throw invalidEvent('an append needs at least one stream', '追加至少需要一个事件流');
  const streams = new Set<string>();
  const ids = new Set<string>();
  for (const { streamId, events, expectedRevision } of appends) {
    if (streams.has(streamId)) throw invalidEvent(`stream ${streamId} appears twice in one append`, `同一次追加中事件流 ${streamId} 重复`);
    streams.add(streamId);
    validateAppend(streamId, events, expectedRevision, { allowEmpty: true });
    for (const event of events) {
      if (ids.has(event.eventId)) throw invalidEvent(`event id ${event.eventId} appears twice in one append`, `同一次追加中事件编号 ${event.eventId} 重复`);
      ids.add(event.eventId);
    }
  }
  if (ids.size === 0) throw invalidEvent('an append needs at least one event', '追加至少需要一个事件');
}

/** Refuses what no adapter could store faithfully, before any store is touched. */
export function validateAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  options: { allowEmpty?: boolean } = {},
): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > MAX_STREAM_ID_LENGTH || streamId.startsWith('$')) {
    throw invalidEvent(
      `stream id must be 1–${MAX_STREAM_ID_LENGTH} characters and not start with "$"`,
      `事件流标识须为 1–${MAX_STREAM_ID_LENGTH} 个字符，且不以“$”开头`,
      { streamId },
    );
  }
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw invalidEvent('expected revision must be a non-negative integer', '预期版本须为非负整数', { expected });
  }
  if (!Array.isArray(events) || (events.length === 0 && !options.allowEmpty)) throw invalidEvent('an append needs at least one event', '追加至少需要一个事件');
  const ids = new Set<string>();
  for (const event of events) {
    validateEvent(event);
    if (ids.has(event.eventId)) {
      throw invalidEvent(`event id ${event.eventId} appears twice in one append`, `同一次追加中事件编号 ${event.eventId} 重复`);
    }
    ids.add(event.eventId);
  }
}

function validateEvent(event: NewEvent): void {
  const fail = (reason: string, reasonZh: string) => {
    throw invalidEvent(reason, reasonZh, { eventId: event?.eventId });
  };
  if (typeof event !== 'object' || event === null) fail('an event must be an object', '事件须为对象');
  if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) fail('event id must be a lower-case UUID', '事件编号须为小写 UUID');
  if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > MAX_TYPE_LENGTH || event.type.startsWith('$')) {
    fail(`event type must be 1–${MAX_TYPE_LENGTH} characters and not start with "$"`, `事件类型须为 1–${MAX_TYPE_LENGTH} 个字符，且不以“$”开头`);
  }
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) fail('schema version must be a positive integer', '模式版本须为正整数');
  if (!isPlainObject(event.data)) fail('event data must be a JSON object', '事件数据须为 JSON 对象');
  const m = event.metadata;
  if (!isPlainObject(m)) fail('metadata must be an object', '元数据须为对象');
  for (const reserved of ['prevHash', 'hash'] as const) {
    if (reserved in m) fail(`metadata.${reserved} is set by the store, not the writer`, `元数据 ${reserved} 由存储设置，写入方不得提供`);
  }
  for (const key of ['commandId', 'correlationId', 'causationId', 'recordedAt'] as const) {
    if (typeof m[key] !== 'string' || m[key].length === 0) fail(`metadata.${key} is required`, `元数据 ${key} 为必填项`);
  }
  if (typeof m.effectiveDate !== 'string' || !DATE.test(m.effectiveDate)) fail('metadata.effectiveDate must be YYYY-MM-DD', '元数据 effectiveDate 须为 YYYY-MM-DD 格式');
  if (Number.isNaN(Date.parse(m.recordedAt))) fail('metadata.recordedAt must be an ISO-8601 instant', '元数据 recordedAt 须为 ISO-8601 时间');
  if (m.ruleSetRevision !== null && typeof m.ruleSetRevision !== 'string') fail('metadata.ruleSetRevision must be a string or null', '元数据 ruleSetRevision 须为字符串或 null');
  if (!isPlainObject(m.actor) || typeof m.actor.id !== 'string' || typeof m.actor.role !== 'string') {
    fail('metadata.actor needs an id and a role', '元数据 actor 须含 id 与 role');
  }
}

function isPlainObject(value: unknown): value is Record<string, JsonValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null; // any realm's Object.prototype
}

export function expectationHolds(expected: ExpectedRevision, actual: ActualRevision): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    expected === actual
  );
}

/** Throws the conflict when the stream is not where the writer expects it. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, actual: ActualRevision): void {
  if (!expectationHolds(expected, actual)) throw wrongExpectedRevision(streamId, expected, actual);
}

/** The id of the first event of a multi-stream append (validated: there is one). */
export function firstEventId(appends: readonly StreamAppend[]): string {
  const entry = appends.find((a) => a.events.length > 0);
  return (entry?.events[0] as NewEvent).eventId;
}

/** The result of an entry that only asserted its stream's revision. */
export function checkOnlyResult(actual: ActualRevision): AppendResult {
  return { nextExpectedRevision: actual === 'no_stream' ? -1 : actual, events: [], alreadyStored: false };
}

/** An event encoded and digested once, before its place in the stream is known. */
export interface DigestedEvent extends NewEvent {
  streamId: string;
  contentDigest: string;
  /** Canonical JSON of `data` and of `metadata`: what a store keeps, byte for byte. */
  dataJson: string;
  metadataJson: string;
}

/**
 * Encodes and digests each event's content, refusing one whose canonical
 * encoding exceeds MAX_EVENT_BYTES. Needs no stream head, so it runs before
 * any lock is taken.
 */
export function digestEvents(streamId: string, events: readonly NewEvent[]): DigestedEvent[] {
  return events.map((event) => {
    const dataJson = encodeStorable(event, 'data');
    const metadataJson = encodeStorable(event, 'metadata');
    const { eventId, type, schemaVersion, data, metadata } = event;
    const encoded = composeCanonicalEncoding({ eventId, type, schemaVersion, streamId }, dataJson, metadataJson);
    // A UTF-16 code unit is at most 3 bytes of UTF-8: count them only when that could be too many.
    if (encoded.length * 3 > MAX_EVENT_BYTES) {
      const bytes = Buffer.byteLength(encoded, 'utf8');
      if (bytes > MAX_EVENT_BYTES) throw eventTooLarge(eventId, bytes, MAX_EVENT_BYTES);
    }
    return { eventId, type, schemaVersion, data, metadata, streamId, contentDigest: sha256Hex(encoded), dataJson, metadataJson };
  });
}

/** Canonical JSON of the event's data or metadata, refusing what no store keeps exactly (canonical-json.ts). */
function encodeStorable(event: NewEvent, part: 'data' | 'metadata'): string {
  try {
    return canonicalJson(event[part]);
  } catch (error) {
    if (!(error instanceof JsonProblem)) throw error;
    const where = `${part}${error.where}`;
    throw invalidEvent(`${where} ${error.reason}`, `${where} ${error.reasonZh}`, { eventId: event.eventId });
  }
}

/** A digested event placed after the stream's head and linked to the one before. */
export interface LinkedEvent extends DigestedEvent {
  streamRevision: number;
  prevHash: string | null;
  hash: string;
}

/** Places digested events after the stream's head and links each to the one before. */
export function linkEvents(head: StreamHead, events: readonly DigestedEvent[]): LinkedEvent[] {
  let revision = head.revision === 'no_stream' ? -1 : head.revision;
  let prevHash = head.hash;
  return events.map((event) => {
    revision += 1;
    const hash = linkHash(event.contentDigest, revision, prevHash);
    const linked: LinkedEvent = { ...event, streamRevision: revision, prevHash, hash };
    prevHash = hash;
    return linked;
  });
}

/** The event as stored, once the log has given it a position. */
export function toRecordedEvent(event: LinkedEvent, globalPosition: number, logDigest?: string): RecordedEvent {
  const recorded: RecordedEvent = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: { ...event.metadata, prevHash: event.prevHash, hash: event.hash },
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    globalPosition,
  };
  if (logDigest !== undefined) recorded.logDigest = logDigest;
  return recorded;
}

/** Digests and links in one step, for adapters that hold the head already. */
export function chainEvents(streamId: string, head: StreamHead, events: readonly NewEvent[]): ChainedEvent[] {
  return linkEvents(head, digestEvents(streamId, events)).map((e) => ({
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: { ...e.metadata, prevHash: e.prevHash, hash: e.hash },
    streamId: e.streamId,
    streamRevision: e.streamRevision,
  }));
}

/**
 * An append whose event ids are already stored. When all of them sit, in
 * order, consecutively in this stream where the expected revision puts them,
 * it is the same append retried after a lost acknowledgement: answer as the
 * first time and write nothing. Anything else reusing an id is refused.
 *
 * `stored[i]` is the stored event with `events[i]`'s id, if any.
 */
export function resolveReappend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  stored: readonly (RecordedEvent | undefined)[],
): AppendResult {
  const first = stored[0];
  const consecutive =
    first !== undefined &&
    stored.every(
      (event, index) => event !== undefined && event.streamId === streamId && event.streamRevision === first.streamRevision + index,
    );
  const placedAsExpected =
    first !== undefined &&
    (expected === 'any' ||
      expected === 'stream_exists' ||
      (expected === 'no_stream' && first.streamRevision === 0) ||
      (typeof expected === 'number' && first.streamRevision === expected + 1));
  if (!consecutive || !placedAsExpected) {
    const clash = events.find((_, index) => stored[index] !== undefined) ?? events[0];
    throw duplicateEventId(clash?.eventId ?? '', streamId);
  }
  const storedEvents = stored as RecordedEvent[];
  const last = storedEvents[storedEvents.length - 1] as RecordedEvent;
  return { nextExpectedRevision: last.streamRevision, events: storedEvents, alreadyStored: true };
}
