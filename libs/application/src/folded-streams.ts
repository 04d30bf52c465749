import { type StreamRef, envelopeOf, streamIdOf } from '@auxledger/domain';
import type { ActualRevision, AppendResult, EventStore, RecordedEvent } from '@auxledger/event-store';

/** A stream folded up to a revision, and where each command's events sit in it. */
interface Folded {
  revision: number;
  state: unknown;
  /** The store's `changesByOthers()` when this state was last known current (undefined: it cannot tell). */
  changesByOthers: number | undefined;
  /** commandId → the revisions of its events in this stream. Only grows: the log is append-only. */
  commands: Map<string, { from: number; count: number }>;
}

export interface FoldedStreamCacheOptions {
  /** Streams kept at most (default 10 000). */
  maxStreams?: number;
  /**
   * Events folded into the kept states, at most (default 200 000). A state
   * grows with its stream (an auxiliary's record keeps every event with its
   * date), so memory is bounded by events, not by streams.
   */
  maxEvents?: number;
  /**
   * This process is the store's only writer while the cache lives (a
   * generator writing a new log): a kept state is then current, and a
   * command does not read past it. The store still checks every expected
   * revision, so a write by anyone else could only make appends fail
   * (WRONG_EXPECTED_REVISION, then CONCURRENCY_CONFLICT), never write a
   * wrong event. Default false: every use reads past the kept revision.
   */
  soleWriter?: boolean;
}

/**
 * Folded states of recently used streams, so that a command reads only the
 * events appended since (usually none) instead of re-reading and re-parsing
 * the whole stream. Each use reads the stream after the cached revision,
 * unless the store tells that nobody else wrote since the state was current
 * (`EventStore.changesByOthers`, SQLite) or `soleWriter`; the append's
 * expected revision guards the rest, and a command retried after a conflict
 * reads (`loadStream`'s `fresh`). Bounded by streams and by the events folded
 * into them: the least recently used stream is forgotten first.
 */
export class FoldedStreamCache {
  readonly maxStreams: number;
  readonly maxEvents: number;
  readonly soleWriter: boolean;
  private readonly entries = new Map<string, Folded>();
  /** The events folded into the kept states (each entry weighs its revision + 1). */
  private events = 0;

  constructor(options: FoldedStreamCacheOptions = {}) {
    this.maxStreams = options.maxStreams ?? 10_000;
    this.maxEvents = options.maxEvents ?? 200_000;
    this.soleWriter = options.soleWriter ?? false;
  }

  /** Streams kept now, and the events folded into them. */
  get size(): { streams: number; events: number } {
    return { streams: this.entries.size, events: this.events };
  }

  get(streamId: string): Folded | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  /** Forgets a stream whose stored head may have moved past its kept state. */
  forget(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.events -= entry.revision + 1;
  }

  set(streamId: string, folded: Folded): void {
    const current = this.entries.get(streamId);
    if (current && current.revision > folded.revision) return;
    if (current) this.events -= current.revision + 1;
    this.entries.delete(streamId);
    this.entries.set(streamId, folded);
    this.events += folded.revision + 1;
    // Least recently used first (a Map keeps insertion order); the entry just set stays.
    while (this.entries.size > 1 && (this.entries.size > this.maxStreams || this.events > this.maxEvents)) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Folded];
      this.entries.delete(oldest);
      this.events -= entry.revision + 1;
    }
  }
}

export interface LoadedStream {
  streamId: string;
  state: unknown;
  revision: ActualRevision;
  /** The events this command id already wrote here (it ran before), in stream order. */
  ofCommand: RecordedEvent[];
  /** The store's `changesByOthers()` before the state was read: an append on it keeps that. */
  changesByOthers: number | undefined;
}

/** Folds events into a state and indexes them by command: the one fold of the command path. */
function fold(ref: StreamRef, state: unknown, commands: Folded['commands'], events: readonly RecordedEvent[]): unknown {
  let folded = state;
  for (const event of events) {
    folded = ref.aggregate.evolve(folded, envelopeOf(event) as never);
    const seen = commands.get(event.metadata.commandId);
    if (seen) seen.count = event.streamRevision - seen.from + 1;
    else commands.set(event.metadata.commandId, { from: event.streamRevision, count: 1 });
  }
  return folded;
}

/** Folds the events this process just appended into the cached state, so that it need not read them back. */
export function rememberAppended(cache: FoldedStreamCache | undefined, ref: StreamRef, loaded: LoadedStream, result: AppendResult): void {
  if (!cache) return;
  const appended = result.events;
  const cached = cache.get(loaded.streamId);
  const from = loaded.revision === 'no_stream' ? -1 : loaded.revision;
  const last = appended[appended.length - 1];
  if (!last) return;
  // Only a fresh append placed right after what was folded: never fold an event twice.
  if (result.alreadyStored || appended[0]?.streamRevision !== from + 1 || (cached && cached.revision !== from)) {
    // The stream holds events the kept state lacks: read it next time, whatever the store tells.
    if (cached && cached.revision < last.streamRevision) cache.forget(loaded.streamId);
    return;
  }
  const commands = cached?.commands ?? new Map<string, { from: number; count: number }>();
  const state = fold(ref, loaded.state, commands, appended);
  cache.set(loaded.streamId, { revision: last.streamRevision, state, commands, changesByOthers: loaded.changesByOthers });
}

/**
 * Reads and folds a stream: from the cache's revision on, when it holds the
 * stream; nothing to read when nobody else wrote since (the store's
 * `changesByOthers`) or for a sole writer, unless `fresh` (a retry after a conflict).
 */
export async function loadStream(
  store: EventStore,
  cache: FoldedStreamCache | undefined,
  ref: StreamRef,
  commandId: string,
  fresh = false,
): Promise<LoadedStream> {
  const streamId = streamIdOf(ref.aggregate, ref.id);
  const cached = cache?.get(streamId);
  // Taken before the read: a write by others after it moves it again.
  const changesByOthers = store.changesByOthers?.();
  const current = cached !== undefined && !fresh && (cache?.soleWriter || (changesByOthers !== undefined && cached.changesByOthers === changesByOthers));
  const recorded = current ? [] : await store.readStream(streamId, { fromRevision: cached ? cached.revision + 1 : 0 });
  const commands = cached?.commands ?? new Map<string, { from: number; count: number }>();
  const state = fold(ref, cached ? cached.state : ref.aggregate.initialState(), commands, recorded);
  const last = recorded[recorded.length - 1];
  const revision = last ? last.streamRevision : (cached?.revision ?? -1);
  if (revision >= 0 && recorded.length > 0) cache?.set(streamId, { revision, state, commands, changesByOthers });
  else if (cached) cached.changesByOthers = changesByOthers;

  const mine = commands.get(commandId);
  const ofCommand = !mine
    ? []
    : recorded.length > 0 && recorded[0] && recorded[0].streamRevision <= mine.from
      ? recorded.filter((e) => e.metadata.commandId === commandId)
      : await store.readStream(streamId, { fromRevision: mine.from, maxCount: mine.count });
  return { streamId, state, revision: revision < 0 ? 'no_stream' : revision, ofCommand, changesByOthers };
}
