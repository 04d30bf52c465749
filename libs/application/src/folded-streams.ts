import { type StreamRef, envelopeOf, streamIdOf } from '@auxledger/domain';
import type { ActualRevision, AppendResult, EventStore, RecordedEvent } from '@auxledger/event-store';

/** A stream folded up to a revision, and where each command's events sit in it. */
interface Folded {
  revision: number;
  state: unknown;
  /** commandId → the revisions of its events in this stream. Only grows: the log is append-only. */
  commands: Map<string, { from: number; count: number }>;
}

/**
 * Folded states of recently used streams, so that a command reads only the
 * events appended since (usually none) instead of re-reading and re-parsing
 * the whole stream. Always current: each use reads the stream after the
 * cached revision; the append's expected revision guards the rest. Bounded:
 * the least recently used stream is forgotten first.
 */
export class FoldedStreamCache {
  private readonly entries = new Map<string, Folded>();

  constructor(readonly maxStreams = 10_000) {}

  get(streamId: string): Folded | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, folded: Folded): void {
    const current = this.entries.get(streamId);
    if (current && current.revision > folded.revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, folded);
    if (this.entries.size > this.maxStreams) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export interface LoadedStream {
  streamId: string;
  state: unknown;
  revision: ActualRevision;
  /** The events this command id already wrote here (it ran before), in stream order. */
  ofCommand: RecordedEvent[];
}

/** Folds the events this process just appended into the cached state, so that it need not read them back. */
export function rememberAppended(cache: FoldedStreamCache | undefined, ref: StreamRef, loaded: LoadedStream, result: AppendResult): void {
  const appended = result.events;
  const cached = cache?.get(loaded.streamId);
  const from = loaded.revision === 'no_stream' ? -1 : loaded.revision;
  // Only a fresh append placed right after what was folded: never fold an event twice.
  if (!cache || result.alreadyStored || appended.length === 0 || appended[0]?.streamRevision !== from + 1 || (cached && cached.revision !== from)) return;
  let state = loaded.state;
  const commands = cached?.commands ?? new Map<string, { from: number; count: number }>();
  for (const event of appended) {
    state = ref.aggregate.evolve(state, envelopeOf(event) as never);
    const seen = commands.get(event.metadata.commandId);
    if (seen) seen.count = event.streamRevision - seen.from + 1;
    else commands.set(event.metadata.commandId, { from: event.streamRevision, count: 1 });
  }
  cache.set(loaded.streamId, { revision: (appended[appended.length - 1] as RecordedEvent).streamRevision, state, commands });
}

/** Reads and folds a stream (from the cache's revision on, when it holds the stream). */
export async function loadStream(store: EventStore, cache: FoldedStreamCache | undefined, ref: StreamRef, commandId: string): Promise<LoadedStream> {
  const streamId = streamIdOf(ref.aggregate, ref.id);
  const cached = cache?.get(streamId);
  const recorded = await store.readStream(streamId, { fromRevision: cached ? cached.revision + 1 : 0 });
  let state = cached ? cached.state : ref.aggregate.initialState();
  const commands = cached?.commands ?? new Map<string, { from: number; count: number }>();
  for (const event of recorded) {
    state = ref.aggregate.evolve(state, envelopeOf(event) as never);
    const seen = commands.get(event.metadata.commandId);
    if (seen) seen.count = event.streamRevision - seen.from + 1;
    else commands.set(event.metadata.commandId, { from: event.streamRevision, count: 1 });
  }
  const last = recorded[recorded.length - 1];
  const revision = last ? last.streamRevision : (cached?.revision ?? -1);
  if (revision >= 0) cache?.set(streamId, { revision, state, commands });

  const mine = commands.get(commandId);
  const ofCommand = !mine
    ? []
    : recorded.length > 0 && recorded[0] && recorded[0].streamRevision <= mine.from
      ? recorded.filter((e) => e.metadata.commandId === commandId)
      : await store.readStream(streamId, { fromRevision: mine.from, maxCount: mine.count });
  return { streamId, state, revision: revision < 0 ? 'no_stream' : revision, ofCommand };
}
