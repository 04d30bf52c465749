import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type Direction,
  type EventData,
  type EventStoreDBClient,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';

/**
 * TEST ONLY. An in-memory stand-in for the parts of EventStoreDB 22.6+ the
 * adapter uses, modelling exactly the behaviour the adapter relies on (see
 * eventstoredb-mapping.ts): per-stream revisions and expected-revision checks,
 * a `$all` whose positions are sparse and commit = prepare per event, an
 * inclusive read from a position, an exclusive catch-up subscription with an
 * event-type filter, system events interleaved with ours, StreamNotFound for
 * missing streams, a maximum append size, and a turn of the event loop
 * before each call so concurrent appends interleave. It checks the adapter's
 * logic against those assumptions; it is no substitute for running the
 * contract against a real server (AUXLEDGER_ESDB_URL).
 */
interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: true;
  created: Date;
  data: unknown;
  metadata: unknown;
  position: Position;
}

type Listener = (record: StoredRecord) => void;

export class SimulatedEsdbClient {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly listeners = new Set<Listener>();
  private nextPosition = 128n;
  private appends = 0;

  constructor(private readonly maxAppendSize = 1024 * 1024) {
    this.write('$epoch-information', [{ id: randomUUID(), type: '$epoch-information', data: {}, metadata: undefined }]);
  }

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  async appendToStream(
    streamName: string,
    events: EventData | EventData[],
    { expectedRevision = 'any' }: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> {
    await tick();
    const list = Array.isArray(events) ? events : [events];
    const size = list.reduce((sum, e) => sum + bytes(e.data) + bytes(e.metadata), 0);
    if (size > this.maxAppendSize) throw MaxAppendSizeExceededError.fromMaxAppendSize(this.maxAppendSize);
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? NO_STREAM : BigInt(stream.length - 1);
    const ok =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream' && current === NO_STREAM) ||
      (expectedRevision === 'stream_exists' && current !== NO_STREAM) ||
      expectedRevision === current;
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected: expectedRevision, current });
    const last = this.write(
      streamName,
      list.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
    );
    // Now and then the server writes a system event of its own.
    if (++this.appends % 3 === 0) {
      this.write('$stats-127.0.0.1:2113', [{ id: randomUUID(), type: '$statsCollected', data: { n: this.appends }, metadata: undefined }]);
    }
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  readStream(
    streamName: string,
    { direction = 'forwards', fromRevision, maxCount = Number.MAX_SAFE_INTEGER }: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint } = {},
  ): AsyncIterable<ResolvedEvent> {
    const streams = this.streams;
    return (async function* () {
      await tick();
      const stream = streams.get(streamName);
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const backwards = direction === 'backwards';
      const start =
        fromRevision === undefined || fromRevision === 'start' ? 0n : fromRevision === 'end' ? BigInt(stream.length - 1) : fromRevision;
      const selected = backwards
        ? stream.filter((r) => r.revision <= start).reverse()
        : stream.filter((r) => r.revision >= (fromRevision === 'end' ? BigInt(stream.length) : start));
      for (const record of selected.slice(0, Number(maxCount))) yield { event: copy(record) } as ResolvedEvent;
    })();
  }

  readAll({
    fromPosition = 'start',
    maxCount = Number.MAX_SAFE_INTEGER,
    direction = 'forwards',
  }: { fromPosition?: ReadPosition; maxCount?: number | bigint; direction?: Direction } = {}): AsyncIterable<AllStreamResolvedEvent> {
    const log = this.log;
    return (async function* () {
      await tick();
      const selected =
        direction === 'backwards'
          ? log.filter((r) => fromPosition === 'end' || (typeof fromPosition === 'object' && atOrAfter(fromPosition, r.position))).reverse()
          : log.filter((r) => fromPosition === 'start' || (typeof fromPosition === 'object' && atOrAfter(r.position, fromPosition)));
      for (const record of selected.slice(0, Number(maxCount))) {
        yield { event: copy(record), commitPosition: record.position.commit } as AllStreamResolvedEvent;
      }
    })();
  }

  subscribeToAll({ fromPosition = 'start', filter }: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
    const stream = new PassThrough({ objectMode: true });
    const regex = filter && 'regex' in filter ? new RegExp(filter.regex) : undefined;
    const deliver: Listener = (record) => {
      const after = typeof fromPosition === 'object' ? fromPosition : undefined;
      if (after && atOrAfter(after, record.position)) return; // exclusive of the start position
      if (regex && !regex.test(filter?.filterOn === 'streamName' ? record.streamId : record.type)) return;
      stream.write({ event: copy(record), commitPosition: record.position.commit });
    };
    setImmediate(() => {
      if (stream.destroyed) return;
      for (const record of this.log) deliver(record);
      this.listeners.add(deliver);
    });
    // Like the real client: unsubscribing cancels the call but never ends the stream.
    const unsubscribe = async () => {
      this.listeners.delete(deliver);
    };
    return Object.assign(stream, { unsubscribe });
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
  }

  private write(streamId: string, events: Array<{ id: string; type: string; data: unknown; metadata: unknown }>): StoredRecord {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    let last: StoredRecord | undefined;
    for (const e of events) {
      const position = { commit: this.nextPosition, prepare: this.nextPosition };
      this.nextPosition += BigInt(100 + bytes(e.data));
      last = {
        streamId,
        id: e.id,
        revision: BigInt(stream.length),
        type: e.type,
        isJson: true,
        created: new Date(),
        data: JSON.parse(JSON.stringify(e.data)),
        metadata: e.metadata === undefined ? undefined : JSON.parse(JSON.stringify(e.metadata)),
        position,
      };
      stream.push(last);
      this.log.push(last);
    }
    for (const record of this.log.slice(this.log.length - events.length)) for (const listener of this.listeners) listener(record);
    return last as StoredRecord;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8'));
const copy = (record: StoredRecord) => ({ ...record, data: structuredClone(record.data), metadata: structuredClone(record.metadata) });
/** a ≥ b in (commit, prepare) order. */
const atOrAfter = (a: Position, b: Position) => a.commit > b.commit || (a.commit === b.commit && a.prepare >= b.prepare);
