import {
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  KurrentDBClient,
  START,
  excludeSystemEvents,
  isCommandError,
} from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import {
  EMPTY_STREAM,
  type StreamHead,
  checkOnlyResult,
  resolveReappend,
  validateAppend,
  validateAppends,
} from '../append-plan';
import { EventStoreError, wrongExpectedRevision } from '../errors';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, StreamAppend, SubscribeOptions } from '../port';
import { untilAborted } from '../eventstoredb/eventstoredb-subscription';
import {
  MULTI_STREAM_APPEND_MIN_VERSION,
  buildMultiStreamAppend,
  commandPathUnsupported,
  globalPositionOf,
  guardStreamId,
  isLogEvent,
  isWrongExpectedVersion,
  type GuardHead,
  mapKurrentError,
  parseGuard,
  parseReservation,
  planEntries,
  readPositionAt,
  reservationStreamId,
  toKurrentRevision,
  toRecordedEvent,
  validateKurrentAppend,
  versionAtLeast,
} from './kurrentdb-mapping';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://127.0.0.1:2113?tls=false` */
  connectionString: string;
  /** A client to use instead of one built from the connection string (the simulated server of the unit tests). */
  client?: KurrentDBClient;
  /** Attempts of one append when another writer moved a stream but the caller's expectations still hold; default 5. */
  maxAttempts?: number;
}

/** What the server can do, from its supported-methods service. */
export interface KurrentServerSupport {
  serverVersion: string;
  multiStreamAppend: boolean;
}

/** The client's protected `capabilities` getter (ServerFeatures); a unit test pins that the installed client has it. */
interface WithCapabilities {
  capabilities: Promise<{ serverVersion: string }>;
}

/**
 * The KurrentDB adapter (server ≥ 25.1 for appends, any gRPC server for
 * reads): every append of the port is one atomic `multiStreamAppend` built
 * by `buildMultiStreamAppend` (kurrentdb-mapping.ts, docs/adr/0004): the
 * events with the exact heads the hash chain was built on, a guard
 * check-point for every entry (so check-only entries are checked), and an
 * event-id reservation per event. A conflict re-reads and is tried again
 * while the caller's own expectations still hold.
 *
 * NOT YET RUN AGAINST A REAL SERVER: its contract and concurrency suites
 * run when AUXLEDGER_ESDB_URL is set, and are reported skipped otherwise.
 */
export class KurrentDbEventStore implements EventStore {
  readonly client: KurrentDBClient;
  private readonly maxAttempts: number;
  private support: Promise<KurrentServerSupport> | undefined;

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = options.client ?? KurrentDBClient.connectionString(options.connectionString);
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** The server's version and whether it takes multi-stream appends (asked once). */
  serverSupport(): Promise<KurrentServerSupport> {
    this.support ??= (this.client as unknown as WithCapabilities).capabilities.then(({ serverVersion }) => ({
      serverVersion,
      multiStreamAppend: versionAtLeast(serverVersion, MULTI_STREAM_APPEND_MIN_VERSION),
    }));
    return this.support;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expectedRevision);
    const [result] = await this.appendToStreams([{ streamId, events, expectedRevision }]);
    return result as AppendResult;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateAppends(appends);
    for (const a of appends) validateKurrentAppend(a.streamId, a.events);
    const support = await this.serverSupport().catch((error: unknown) => {
      throw mapKurrentError(error);
    });
    if (!support.multiStreamAppend) throw commandPathUnsupported(support.serverVersion);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.tryAppend(appends).catch((error: unknown) => {
        if (error instanceof ContentionSignal) return { kind: 'contention' as const, error: error.conflict };
        throw error;
      });
      if (outcome.kind === 'done') return outcome.results;
      if (attempt >= this.maxAttempts) throw outcome.error;
    }
  }

  private async tryAppend(appends: readonly StreamAppend[]): Promise<{ kind: 'done'; results: AppendResult[] } | { kind: 'contention'; error: EventStoreError }> {
    const heads = await Promise.all(appends.map((a) => Promise.all([this.readHead(a.streamId), this.readGuard(a.streamId)])));
    const lookups = await Promise.all(appends.map((a) => Promise.all(a.events.map((e) => this.lookUpEventId(e.eventId)))));

    if (lookups.some((entry) => entry.some((stored) => stored !== undefined))) {
      // An idempotent re-append (or a duplicate id): answered from what is stored, nothing written.
      return {
        kind: 'done',
        results: appends.map((a, i) =>
          a.events.length === 0 ? checkOnlyResult((heads[i] as [StreamHead, unknown])[0].revision) : resolveReappend(a.streamId, a.events, a.expectedRevision, lookups[i] as RecordedEvent[]),
        ),
      };
    }

    const entries = planEntries(appends, heads.map(([head, guard]) => ({ head, guard })));
    if (!entries) throw new ContentionSignal(wrongExpectedRevision(appends[0]?.streamId ?? '?', appends[0]?.expectedRevision ?? 'any', 'no_stream'));
    const requests = buildMultiStreamAppend(entries, { guardEventId: () => randomUUID(), reservationEventId: () => randomUUID() });
    try {
      await this.client.multiStreamAppend(requests);
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw mapKurrentError(error);
      // Someone moved a stream, a guard or claimed an id: re-read; the caller's conflict is thrown on the next attempt if theirs.
      return { kind: 'contention', error: wrongExpectedRevision(appends[0]?.streamId ?? '?', appends[0]?.expectedRevision ?? 'any', 'no_stream') };
    }

    const results = await Promise.all(
      entries.map(async (entry): Promise<AppendResult> => {
        const first = entry.chained[0];
        if (!first) return checkOnlyResult(entry.head.revision);
        const written = await this.readStream(entry.streamId, { fromRevision: first.streamRevision, maxCount: entry.chained.length });
        if (written.length !== entry.chained.length || written.some((e, i) => e.eventId !== entry.chained[i]?.eventId)) {
          throw new Error(`KurrentDB: the events just appended to ${entry.streamId} at revision ${first.streamRevision} do not read back`);
        }
        return { nextExpectedRevision: (written[written.length - 1] as RecordedEvent).streamRevision, events: written, alreadyStored: false };
      }),
    );
    return { kind: 'done', results };
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    const [last] = await this.read(() => this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    if (!last) return EMPTY_STREAM;
    const event = toRecordedEvent(last);
    return { revision: event.streamRevision, hash: event.metadata.hash };
  }

  private async readGuard(streamId: string): Promise<GuardHead> {
    const [last] = await this.read(() => this.client.readStream(guardStreamId(streamId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    if (!last?.event) return { revision: 'no_stream', records: undefined };
    return { revision: Number(last.event.revision), records: parseGuard(last) };
  }

  /** The stored event of an id, if any (a reservation is written atomically with its event). */
  private async lookUpEventId(eventId: string): Promise<RecordedEvent | undefined> {
    const [reserved] = await this.read(() => this.client.readStream(reservationStreamId(eventId), { maxCount: 1 }));
    const where = reserved ? parseReservation(reserved) : undefined;
    if (!where) return undefined;
    const [atSlot] = await this.read(() => this.client.readStream(where.streamId, { fromRevision: toKurrentRevision(where.streamRevision), maxCount: 1 }));
    return atSlot ? toRecordedEvent(atSlot) : undefined;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    const fromRevision = options.fromRevision === undefined ? (backwards ? END : START) : toKurrentRevision(options.fromRevision);
    const resolved = await this.read(() => this.client.readStream(streamId, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount }));
    return resolved.map(toRecordedEvent);
  }

  /**
   * `$all` after a position, log events only. The events of the transaction
   * holding `after` that follow it may sort before `{after, after}` (they
   * share its commit position), so they are taken first, by a backwards read.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const after = options.after ?? 0;
    if (maxCount <= 0) return [];
    try {
      const events = after === 0 ? [] : await this.restOfTransaction(after);
      let from: ReadPosition = readPositionAt(after);
      let cursor: Position | undefined;
      for (;;) {
        if (events.length >= maxCount) return events.slice(0, maxCount);
        const want = maxCount - events.length + 1;
        const batch = await this.read<AllStreamResolvedEvent>(() => this.client.readAll({ fromPosition: from, maxCount: want }));
        for (const resolved of batch) {
          const position = resolved.event?.position;
          if (!position || (cursor && comparePositions(position, cursor) <= 0)) continue;
          cursor = position;
          if (!isLogEvent(resolved) || (globalPositionOf(resolved) ?? 0) <= after) continue;
          if (events.some((e) => e.globalPosition === globalPositionOf(resolved))) continue;
          events.push(toRecordedEvent(resolved));
          if (events.length === maxCount) return events;
        }
        if (batch.length < want || !cursor) return events;
        from = cursor;
      }
    } catch (error) {
      throw mapKurrentError(error);
    }
  }

  /** Log events after `after` that sort before `{after, after}` in `$all`: the rest of its transaction, in order. */
  private async restOfTransaction(after: number): Promise<RecordedEvent[]> {
    const rest: RecordedEvent[] = [];
    let from: ReadPosition = readPositionAt(after);
    for (;;) {
      const batch = await this.read<AllStreamResolvedEvent>(() => this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: 32 }));
      for (const resolved of batch) {
        const position = globalPositionOf(resolved);
        if (position === undefined) continue;
        if (position <= after) return rest.reverse();
        if (isLogEvent(resolved)) rest.push(toRecordedEvent(resolved));
      }
      const oldest = batch.at(-1)?.event?.position;
      if (batch.length < 32 || !oldest) return rest.reverse();
      from = oldest;
    }
  }

  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    try {
      for (;;) {
        const batch = await this.read<AllStreamResolvedEvent>(() => this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: 32 }));
        const last = batch.filter(isLogEvent).map((e) => globalPositionOf(e) ?? 0);
        if (last.length > 0) return Math.max(...last);
        const oldest = batch.at(-1)?.event?.position;
        if (batch.length < 32 || !oldest) return 0;
        from = oldest;
      }
    } catch (error) {
      throw mapKurrentError(error);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return this.follow(options);
  }

  /** The rest of the checkpoint's transaction, then the server's catch-up subscription to `$all` (system events filtered by the server). */
  private async *follow(options: SubscribeOptions): AsyncGenerator<RecordedEvent> {
    let after = options.after ?? 0;
    if (options.signal?.aborted) return;
    if (after > 0) {
      for (const event of await this.restOfTransaction(after)) {
        yield event;
        after = event.globalPosition;
      }
    }
    const subscription = this.client.subscribeToAll({ fromPosition: readPositionAt(options.after ?? 0), filter: excludeSystemEvents() });
    try {
      for await (const resolved of untilAborted(subscription as never, options.signal) as AsyncIterable<AllStreamResolvedEvent>) {
        if (!isLogEvent(resolved)) continue;
        const event = toRecordedEvent(resolved);
        if (event.globalPosition <= after) continue;
        after = event.globalPosition;
        yield event;
      }
    } catch (error) {
      throw mapKurrentError(error);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async read<E extends ResolvedEvent | AllStreamResolvedEvent = ResolvedEvent>(open: () => AsyncIterable<E>): Promise<E[]> {
    const events: E[] = [];
    try {
      for await (const event of open()) events.push(event);
    } catch (error) {
      if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return [];
      throw mapKurrentError(error);
    }
    return events;
  }
}

/** A guard that does not match its stream's head: a write landed between the two reads; try again. */
class ContentionSignal extends Error {
  constructor(readonly conflict: EventStoreError) {
    super(conflict.message);
  }
}

function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
