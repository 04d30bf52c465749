import { LedgerError } from '@auxledger/errors';
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

  /** Made with the English message first, then the Chinese one. */
  constructor(code: EventStoreErrorCode, message: string, messageZh: string, details: Record<string, unknown> = {}) {
    super(code, { zh: messageZh, en: message }, details);
    this.name = 'EventStoreError';
  }

  /** `messages.zh`, for callers not yet reading `messages`. */
  get messageZh(): string {
    return this.messages.zh;
  }
}

/** The stream's actual revision: the last event's revision, or `no_stream`. */
export type ActualRevision = number | 'no_stream';

export const wrongExpectedRevision = (streamId: string, expected: ExpectedRevision, actual: ActualRevision) =>
  new EventStoreError(
    'WRONG_EXPECTED_REVISION',
    `Stream ${streamId}: expected revision ${expected}, but it is at ${actual}`,
    `事件流 ${streamId} 的版本已变化：预期 ${expected}，实际 ${actual}`,
    { streamId, expected, actual },
  );

export const duplicateEventId = (eventId: string, streamId: string) =>
  new EventStoreError(
    'DUPLICATE_EVENT_ID',
    `Event id ${eventId} is already stored elsewhere than this append to ${streamId} would put it`,
    `事件编号 ${eventId} 已被其他位置的事件使用`,
    { eventId, streamId },
  );

export const eventTooLarge = (eventId: string, bytes: number, limit: number) =>
  new EventStoreError(
    'EVENT_TOO_LARGE',
    `Event ${eventId} is ${bytes} bytes encoded; the limit is ${limit} bytes`,
    `事件 ${eventId} 编码后为 ${bytes} 字节，超过上限 ${limit} 字节`,
    { eventId, bytes, limit },
  );

export const invalidEvent = (reason: string, reasonZh: string, details: Record<string, unknown> = {}) =>
  new EventStoreError('INVALID_EVENT', `Invalid event: ${reason}`, `事件无效：${reasonZh}`, details);

export const unsupported = (what: string, whatZh: string) =>
  new EventStoreError('UNSUPPORTED', `This event store does not support ${what}`, `此事件存储不支持${whatZh}`, { what });

export const notALog = (where: string) =>
  new EventStoreError('NOT_A_LOG', `${where} holds no AuxLedger event log`, `${where} 中没有 AuxLedger 事件日志`, { where });

export const storeUnavailable = (cause: unknown) =>
  new EventStoreError('STORE_UNAVAILABLE', 'The event store cannot be reached', '无法连接事件存储', {
    cause: cause instanceof Error ? cause.message : String(cause),
  });

export const isEventStoreError = (error: unknown, code?: EventStoreErrorCode): error is EventStoreError =>
  error instanceof EventStoreError && (code === undefined || error.code === code);
