import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, StreamAppend, SubscribeOptions } from '@auxledger/event-store';

/**
 * An EventStore that remembers the streams it has read whole and what it
 * appended to them, for a generator that is the store's only writer: the
 * command path reads every stream a command names, whole, for every command,
 * and re-reading and parsing an auxiliary's stream dominates the cost of a
 * long history. Every write still goes to the store underneath, which checks
 * every expected revision: a stale cache could only make an append fail
 * (WRONG_EXPECTED_REVISION), never write a wrong event. Bounded: the least
 * recently used streams are forgotten past `maxEvents` cached events, so
 * memory stays flat.
 */
export class ReadCachingEventStore implements EventStore {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private cached = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly store: EventStore,
    private readonly maxEvents = 50_000,
  ) {}

  /**
   * Whole reads, and forward reads from a revision on (what the command path's
   * folded-stream cache asks for: the events since the state it holds,
   * usually none), are answered from memory once the stream is known.
   */
  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const forwardFrom = !options || ((options.direction === undefined || options.direction === 'forwards') && options.maxCount === undefined);
    if (!forwardFrom || this.maxEvents <= 0) return this.store.readStream(streamId, options);
    const from = options?.fromRevision ?? 0;
    const hit = this.streams.get(streamId);
    if (hit) {
      this.hits += 1;
      // Most recently used last: Map keeps insertion order.
      this.streams.delete(streamId);
      this.streams.set(streamId, hit);
      // Revisions are dense from 0: the event of revision r is at index r.
      return from <= 0 ? hit.slice() : hit.slice(from);
    }
    if (from > 0) return this.store.readStream(streamId, options);
    this.misses += 1;
    const events = await this.store.readStream(streamId);
    if (events.length > 0) this.remember(streamId, events.slice());
    return events;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    try {
      const result = await this.store.appendToStream(streamId, events, expectedRevision);
      this.appended(streamId, expectedRevision, result);
      return result;
    } catch (error) {
      this.forget(streamId);
      throw error;
    }
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    try {
      const results = await this.store.appendToStreams(appends);
      appends.forEach((a, i) => this.appended(a.streamId, a.expectedRevision, results[i] as AppendResult));
      return results;
    } catch (error) {
      for (const a of appends) this.forget(a.streamId);
      throw error;
    }
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(options);
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.store.subscribeToAll(options);
  }

  close(): Promise<void> {
    this.streams.clear();
    this.cached = 0;
    return this.store.close();
  }

  private appended(streamId: string, expected: ExpectedRevision, result: AppendResult): void {
    if (result.events.length === 0 || result.alreadyStored) return;
    const known = this.streams.get(streamId);
    const first = result.events[0] as RecordedEvent;
    if (known && (known[known.length - 1] as RecordedEvent).streamRevision === first.streamRevision - 1) {
      known.push(...result.events);
      this.cached += result.events.length;
      this.evict();
    } else if (expected === 'no_stream' && first.streamRevision === 0) {
      this.remember(streamId, [...result.events]);
    } else {
      this.forget(streamId);
    }
  }

  private remember(streamId: string, events: RecordedEvent[]): void {
    this.forget(streamId);
    this.streams.set(streamId, events);
    this.cached += events.length;
    this.evict();
  }

  private forget(streamId: string): void {
    const known = this.streams.get(streamId);
    if (!known) return;
    this.cached -= known.length;
    this.streams.delete(streamId);
  }

  private evict(): void {
    for (const [streamId] of this.streams) {
      if (this.cached <= this.maxEvents) return;
      this.forget(streamId);
    }
  }
}
