import { type BilingualMessages, LedgerError } from '@auxledger/errors';
import type { ExpectedRevision } from './port';

/** Stable codes: callers branch on these, never on message text. */
export type EventStoreErrorCode =
  | 'WRONG_EXPECTED_REVISION'
  | 'DUPLICATE_EVENT_ID'
  | 'EVENT_TOO_LARGE'
  | 'INVALID_EVENT'
  | 'UNSUPPORTED'
  | 'STORE_UNAVAILABLE'
  | 'NOT_A_LOG'
  /** A checkpoint that is not a signed note of the tlog-checkpoint form (checkpoint.ts). */
  | 'CHECKPOINT_MALFORMED'
  /** A checkpoint whose signature by the given key does not verify: it was altered after signing. */
  | 'CHECKPOINT_BAD_SIGNATURE'
  /** A checkpoint signed by none of the keys given. */
  | 'CHECKPOINT_UNKNOWN_KEY'
  /** A signing or verifier key that cannot be read. */
  | 'SIGNING_KEY_INVALID'
  /** A proof asked for leaves or sizes the tree does not have. */
  | 'PROOF_OUT_OF_RANGE';

/** What the event store refuses or cannot do: a `LedgerError` with the codes above. */
export class EventStoreError extends LedgerError<EventStoreErrorCode> {
  declare readonly details: Record<string, unknown>;

  constructor(code: EventStoreErrorCode, messages: BilingualMessages, details: Record<string, unknown> = {}) {
    super(code, messages, details);
    this.name = 'EventStoreError';
  }
}

/** The stream's actual revision: the last event's revision, or `no_stream`. */
export type ActualRevision = number | 'no_stream';

export const wrongExpectedRevision = (streamId: string, expected: ExpectedRevision, actual: ActualRevision) =>
  new EventStoreError(
    'WRONG_EXPECTED_REVISION',
    { zh: `事件流 ${streamId} 的版本已变化：预期 ${expected}，实际 ${actual}`, en: `Stream ${streamId}: expected revision ${expected}, but it is at ${actual}` },
    { streamId, expected, actual },
  );

export const duplicateEventId = (eventId: string, streamId: string) =>
  new EventStoreError(
    'DUPLICATE_EVENT_ID',
    { zh: `事件编号 ${eventId} 已被其他位置的事件使用`, en: `Event id ${eventId} is already stored elsewhere than this append to ${streamId} would put it` },
    { eventId, streamId },
  );

export const eventTooLarge = (eventId: string, bytes: number, limit: number) =>
  new EventStoreError(
    'EVENT_TOO_LARGE',
    { zh: `事件 ${eventId} 编码后为 ${bytes} 字节，超过上限 ${limit} 字节`, en: `Event ${eventId} is ${bytes} bytes encoded; the limit is ${limit} bytes` },
    { eventId, bytes, limit },
  );

export const invalidEvent = (reason: string, reasonZh: string, details: Record<string, unknown> = {}) =>
  new EventStoreError('INVALID_EVENT', { zh: `事件无效：${reasonZh}`, en: `Invalid event: ${reason}` }, details);

export const unsupported = (what: string, whatZh: string) =>
  new EventStoreError('UNSUPPORTED', { zh: `此事件存储不支持${whatZh}`, en: `This event store does not support ${what}` }, { what });

export const notALog = (where: string) =>
  new EventStoreError('NOT_A_LOG', { zh: `${where} 中没有 AuxLedger 事件日志`, en: `${where} holds no AuxLedger event log` }, { where });

export const storeUnavailable = (cause: unknown) =>
  new EventStoreError('STORE_UNAVAILABLE', { zh: '无法连接事件存储', en: 'The event store cannot be reached' }, {
    cause: cause instanceof Error ? cause.message : String(cause),
  });

export const isEventStoreError = (error: unknown, code?: EventStoreErrorCode): error is EventStoreError =>
  error instanceof EventStoreError && (code === undefined || error.code === code);
