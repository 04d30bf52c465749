import {
  type AllStreamResolvedEvent,
  type AppendStreamRequest,
  type Direction,
  type Filter,
  type KurrentDBClient,
  type MultiAppendResult,
  type Position,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
  NO_STREAM,
  StreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { versionAtLeast } from './kurrentdb-mapping';

/**
 * TEST ONLY. An in-memory stand-in for what the KurrentDB adapter relies on,
 * modelling the hardest reading of the server we know of: `multiStreamAppend`
 * all-or-nothing with per-stream expected states, refusing a stream request
 * without records and metadata that is not string → string; the events of one
 * multi-stream append sharing one commit position (their prepare positions
 * distinct), so a `$all` read from `{p, p}` inside a transaction skips the
 * rest of it; metadata read back beside `$schema.*`; system events between
 * ours; StreamNotFound for missing streams; a turn of the event loop before
 * each call so concurrent appends interleave. A unit test of our mapping and
 * logic, no substitute for a real server (AUXLEDGER_ESDB_URL).
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

export class SimulatedKurrentClient {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly listeners = new Set<Listener>();
  private nextPosition = 128n;
  private appends = 0;

  constructor(readonly serverVersion = '26.1.1') {
    this.write([{ streamId: '$epoch-information', id: randomUUID(), type: '$epoch-information', data: {}, metadata: undefined }]);
  }

  asClient(): KurrentDBClient {
    return this as unknown as KurrentDBClient;
  }

  /** What the real client's protected getter answers from the server's supported-methods service. */
  get capabilities(): Promise<{ serverVersion: string }> {
    return Promise.resolve({ serverVersion: this.serverVersion });
  }

  async multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult> {
    await tick();
    if (!versionAtLeast(this.serverVersion, '25.1')) throw new UnsupportedError('multiStreamAppend', '25.1');
    const names = new Set<string>();
    for (const request of requests) {
      if (request.events.length === 0) throw new Error('Stream append request must contain at least one record');
      if (names.has(request.streamName)) throw new Error(`stream ${request.streamName} appears twice`);
      names.add(request.streamName);
      for (const e of request.events) {
        if (e.metadata !== undefined && (typeof e.metadata !== 'object' || Object.values(e.metadata as object).some((v) => typeof v !== 'string'))) {
          throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
        }
      }
      const stream = this.streams.get(request.streamName) ?? [];
      const current = stream.length === 0 ? NO_STREAM : BigInt(stream.length - 1);
      const expected = request.expectedState;
      const ok = expected === 'any' || (expected === 'no_stream' && current === NO_STREAM) || (expected === 'stream_exists' && current !== NO_STREAM) || expected === current;
      if (!ok) throw new WrongExpectedVersionError(undefined, { streamName: request.streamName, expected, current });
    }
    const records = requests.flatMap((r) =>
      r.events.map((e) => ({ streamId: r.streamName, id: e.id, type: e.type, data: e.data, metadata: { '$schema.format': 'Json', '$schema.name': e.type, ...(e.metadata as object) } })),
    );
    const written = this.write(records);
    if (++this.appends % 3 === 0) this.write([{ streamId: '$stats-127.0.0.1:2113', id: randomUUID(), type: '$statsCollected', data: { n: this.appends }, metadata: undefined }]);
    return { position: (written[0] as StoredRecord).position.commit, responses: requests.map((r) => ({ streamName: r.streamName, revision: BigInt((this.streams.get(r.streamName) ?? []).length - 1) })) };
  }

  readStream(streamName: string, { direction = 'forwards', fromRevision, maxCount = Number.MAX_SAFE_INTEGER }: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint } = {}): AsyncIterable<ResolvedEvent> {
    const streams = this.streams;
    return (async function* () {
      await tick();
      const stream = streams.get(streamName);
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const start = fromRevision === undefined || fromRevision === 'start' ? 0n : fromRevision === 'end' ? BigInt(stream.length - 1) : fromRevision;
      const selected = direction === 'backwards' ? stream.filter((r) => r.revision <= start).reverse() : stream.filter((r) => r.revision >= (fromRevision === 'end' ? BigInt(stream.length) : start));
      for (const record of selected.slice(0, Number(maxCount))) yield { event: copy(record) } as ResolvedEvent;
    })();
  }

  readAll({ fromPosition = 'start', maxCount = Number.MAX_SAFE_INTEGER, direction = 'forwards' }: { fromPosition?: ReadPosition; maxCount?: number | bigint; direction?: Direction } = {}): AsyncIterable<AllStreamResolvedEvent> {
    const log = this.log;
    return (async function* () {
      await tick();
      const selected =
        direction === 'backwards'
          ? log.filter((r) => fromPosition === 'end' || (typeof fromPosition === 'object' && atOrAfter(fromPosition, r.position))).reverse()
          : log.filter((r) => fromPosition === 'start' || (typeof fromPosition === 'object' && atOrAfter(r.position, fromPosition)));
      for (const record of selected.slice(0, Number(maxCount))) yield { event: copy(record), commitPosition: record.position.commit } as AllStreamResolvedEvent;
    })();
  }

  subscribeToAll({ fromPosition = 'start', filter }: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
    const stream = new PassThrough({ objectMode: true });
    const regex = filter && 'regex' in filter ? new RegExp(filter.regex) : undefined;
    const deliver: Listener = (record) => {
      const after = typeof fromPosition === 'object' ? fromPosition : undefined;
      if (after && atOrAfter(after, record.position)) return;
      if (regex && !regex.test(filter?.filterOn === 'streamName' ? record.streamId : record.type)) return;
      stream.write({ event: copy(record), commitPosition: record.position.commit });
    };
    setImmediate(() => {
      if (stream.destroyed) return;
      for (const record of this.log) deliver(record);
      this.listeners.add(deliver);
    });
    return Object.assign(stream, { unsubscribe: async () => void this.listeners.delete(deliver) });
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
  }

  /** One transaction: every record at the transaction's commit position (its first prepare), each with its own prepare position. */
  private write(records: Array<{ streamId: string; id: string; type: string; data: unknown; metadata: unknown }>): StoredRecord[] {
    const commit = this.nextPosition;
    const written = records.map((e) => {
      const stream = this.streams.get(e.streamId) ?? [];
      this.streams.set(e.streamId, stream);
      const record: StoredRecord = {
        streamId: e.streamId, id: e.id, revision: BigInt(stream.length), type: e.type, isJson: true, created: new Date(),
        data: structuredClone(e.data), metadata: e.metadata === undefined ? undefined : structuredClone(e.metadata), position: { commit, prepare: this.nextPosition },
      };
      this.nextPosition += BigInt(100 + Buffer.byteLength(JSON.stringify(e.data ?? null)));
      stream.push(record);
      this.log.push(record);
      return record;
    });
    for (const record of written) for (const listener of this.listeners) listener(record);
    return written;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const copy = (record: StoredRecord) => ({ ...record, data: structuredClone(record.data), metadata: structuredClone(record.metadata) });
/** a ≥ b in (commit, prepare) order. */
const atOrAfter = (a: Position, b: Position) => a.commit > b.commit || (a.commit === b.commit && a.prepare >= b.prepare);
