/**
 * The event-store port: what every adapter (SQLite, PostgreSQL, EventStoreDB)
 * offers, and the shape of what it keeps. Semantics are pinned down by the
 * contract suite in `testing/contract.ts`, run once per adapter.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who issued the command that produced an event. */
export interface Actor {
  id: string;
  role: string;
  /** The organ the actor acted for, when the role is organ-scoped. */
  organId?: string | null;
}

/** Metadata the caller supplies; the store adds the hash-chain link. */
export interface EventMetadataInput {
  commandId: string;
  /** The command that wrote the event (absent on events recorded before it was kept). */
  commandType?: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** Valid time: the date the fact takes effect (YYYY-MM-DD), chosen by the operator. */
  effectiveDate: string;
  /** Transaction time: when the system recorded it (ISO-8601 instant), from the injected clock. */
  recordedAt: string;
  /** The rule-set revision that admitted the command, or null for facts no rule judges. */
  ruleSetRevision: string | null;
}

/** Metadata as stored: the input plus the per-stream hash-chain link. */
export interface EventMetadata extends EventMetadataInput {
  /** Hash of the previous event in the same stream; null for a stream's first event. */
  prevHash: string | null;
  /** SHA-256 over this event's canonical encoding and `prevHash` (see hash-chain.ts). */
  hash: string;
}

export interface NewEvent {
  /** Unique across the store; re-appending the same ids is idempotent. */
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadataInput;
}

export interface RecordedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
  streamId: string;
  /** 0-based position of the event inside its stream. */
  streamRevision: number;
  /** Position in the global log: strictly increasing in commit order (not necessarily dense). */
  globalPosition: number;
  /**
   * Running digest of the global log up to and including this event, where the
   * adapter keeps one inline (SQLite, PostgreSQL). EventStoreDB assigns global
   * positions itself, so there the digest is only computed by `digestLog`.
   */
  logDigest?: string;
}

/**
 * What the writer expects the stream to be before its append:
 * - `any`: no expectation;
 * - `no_stream`: the stream has no events;
 * - `stream_exists`: the stream has at least one event;
 * - a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** One stream's part of an atomic multi-stream append. */
export interface StreamAppend {
  streamId: string;
  /** May be empty: the entry then only asserts that the stream is still at `expectedRevision`. */
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append (-1 for a stream that has none: a check-only entry). */
  nextExpectedRevision: number;
  /** The events as stored (on an idempotent re-append: as first stored). */
  events: RecordedEvent[];
  /** True when every event was already stored by an earlier identical append. */
  alreadyStored: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Inclusive revision to start from; default: the first (forwards) or last (backwards) event. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive global position to read after; 0 (the default) reads from the start. */
  after?: number;
  /** Batch size; default 1000. */
  maxCount?: number;
}

export interface SubscribeOptions {
  /** The checkpoint: the last global position already processed (exclusive); 0 for all. */
  after?: number;
  batchSize?: number;
  /** Ends the subscription; the iterator then returns. */
  signal?: AbortSignal;
}

export interface EventStore {
  /** Appends atomically: all events or none. */
  appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /**
   * Appends to several streams atomically: every entry's expected revision
   * holds and all events are written, or nothing is. Entries without events
   * only assert their stream's revision — how a decision that read facts from
   * other streams keeps them from changing underneath (cross-stream
   * invariants). One result per entry, in order. Adapters without multi-stream
   * transactions (EventStoreDB 6.x) refuse more than one entry with UNSUPPORTED.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** One batch of the global log after a position, in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from a checkpoint, then follow new events until aborted. */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** The global position of the log's last event; 0 for an empty log. How far a projection could be. */
  headPosition(): Promise<number>;
  /**
   * A count that moves whenever this store notices that someone else changed
   * the log (another process or connection committed), read without touching
   * the log's rows. While it stands still, what was read from this store and
   * kept (the command path's folded states) is still current, up to what this
   * process appended itself, so it need not be read again. A change made just
   * before an append may be noticed only after it: a reader that skips reads on
   * it must rely on the expected revision of its append, and read again on a
   * conflict. Absent: the store cannot tell, and every use reads.
   */
  changesByOthers?(): number;
  close(): Promise<void>;
}

/** The largest canonical encoding of one event the store accepts (512 KiB). */
export const MAX_EVENT_BYTES = 512 * 1024;
