import type { EventStore, RecordedEvent } from '@auxledger/event-store';
import { BulkLoad } from './bulk-load';
import { applyBatch, applyEntities } from './engine';
import { EntityPositions, entitiesOf } from './entity-order';
import { ModelDefinitionError, type ReadModel, type TemporalModel, fingerprint, validateModel } from './model';
import { checkProjectorName } from './naming';
import { CheckpointMoved, type GenerationInfo, type ProjectionTx, type ReadModelStore, type Steps, type StoredEvent, step } from './store';
import { TemporalTailCache } from './tail-cache';
import { refEventJson } from './temporal';

export interface ProjectorOptions {
  /** Names the projector's checkpoints: lower-case letters, digits and `_`. */
  name: string;
  models: readonly ReadModel[];
  events: EventStore;
  store: ReadModelStore;
  /** Most events read and planned at a time while following or catching up (default 500; a catch-up commits up to four such batches together). */
  batchSize?: number;
  /**
   * While following or catching up, how long one step may hold the event
   * loop, in ms (default 20): a batch read and planned, or a catch-up's
   * writes committed. Each step's size is scaled from the last one's time
   * towards the slice (at most halved or doubled at a time, up to
   * `batchSize` events read), so that an API serving requests in the same
   * process never waits behind a long catch-up. A SQLite step runs
   * synchronously; between steps the projector yields to the event loop.
   * 0: fixed `batchSize`, and a catch-up commits every `rebuildFlushEvents`.
   */
  sliceMs?: number;
  /**
   * Events read and planned at a time while rebuilding a generation no reader
   * sees yet, in either pass (the second plans whole entities of at least this
   * many events together); default: `batchSize` if given, else 2000.
   */
  rebuildBatchSize?: number;
  /**
   * While rebuilding, the batches' writes are kept in memory and written
   * together, one transaction, every this many events of the log (default
   * 20 000), and every quarter as many events planned entity by entity
   * (each brings versions and states): a bulk load, each version written
   * once with its final intervals (`bulk-load.ts`). Memory grows with it,
   * not with the log.
   */
  rebuildFlushEvents?: number;
  /**
   * Bytes of temporal-model tails kept between batches while following or
   * catching up: entities touched lately are then not read back from the
   * store. Default 64 MiB; 0: none. (A rebuild reads nothing back: it plans
   * each entity whole.)
   */
  tailCacheBytes?: number;
  /** When the live generation was built from other model definitions: rebuild (default) or fail. */
  onSchemaChange?: 'rebuild' | 'fail';
  /**
   * A long way behind is made up by a rebuild elsewhere, not in slices here:
   * when `run()` starts with the live generation more than `events`
   * positions behind the log's head (a first start on a long log: the live
   * generation `open()` made is empty), or `open()` finds it built from other
   * definitions, the projector awaits `rebuild` — which builds a new
   * generation with `rebuild()`'s two-pass bulk load and switches to it, on
   * connections and a thread of its own (the API: a worker thread), so that
   * this event loop stays free and this heap small — then catches up from
   * the new generation's checkpoint in slices and follows, exactly once as
   * ever. Readers keep the old live generation until the switch. `rebuild`
   * ends early when the signal aborts (its building generation is dropped by
   * the next rebuild). Without it, every gap is caught up here in slices, and
   * a changed definition rebuilt here.
   */
  farBehind?: { events: number; rebuild: (signal: AbortSignal) => Promise<void> };
  /** After each committed batch: which generation, the new checkpoint, how many events. */
  onBatch?: (progress: BatchProgress) => void;
  /**
   * With it, `run()` rides out transient failures (the database gone for a
   * while, a lock held too long): it reports each error here, waits (doubling
   * from `retry.firstDelayMs` up to `retry.maxDelayMs`, with jitter) and goes on
   * from the checkpoint the store holds — a failed batch rolled back whole, so
   * nothing is lost or applied twice. Without it, `run()` throws, as before,
   * and its caller decides. Definition errors (`ModelDefinitionError`,
   * `ProjectionSchemaMismatch`) are never retried.
   */
  onError?: (error: unknown, retry: RetryReport) => void;
  retry?: { firstDelayMs?: number; maxDelayMs?: number };
}

export interface RetryReport {
  /** Failures in a row, this one included (a committed batch starts the count again). */
  attempt: number;
  /** How long `run()` waits before trying again. */
  delayMs: number;
}

export interface BatchProgress {
  generation: number;
  position: number;
  events: number;
  rebuilding: boolean;
  /** How long the batch's transaction took, in ms (the event loop held, for SQLite); a catch-up's commit: how long it held the event loop. */
  durationMs: number;
}

export class ProjectionSchemaMismatch extends Error {
  override name = 'ProjectionSchemaMismatch';
}

/**
 * The runner. It reads the global log from the live generation's checkpoint
 * in batches, applies each batch to every model and moves the checkpoint in
 * the same transaction, so each event's effect lands exactly once, crash or
 * not. A checkpoint moved by someone else (a second projector process, a
 * rebuild's switch-over) rolls the batch back, and the runner reloads the
 * live generation and goes on from its checkpoint.
 *
 * Memory is bounded: a catch-up's or a rebuild's writes until their commit,
 * and the tail cache.
 */
export class Projector {
  readonly name: string;
  readonly fingerprint: string;
  private readonly models: readonly ReadModel[];
  private readonly batchSize: number;
  private readonly sliceMs: number;
  /** Events per live batch now: adapted to `sliceMs` (see `ProjectorOptions.sliceMs`). */
  private liveBatch: number;
  /** Events a catch-up plans before it commits them: adapted to `sliceMs` by the commit's time. */
  private catchUpFlush: number;
  private readonly rebuildBatchSize: number;
  private readonly rebuildFlushEvents: number;
  private readonly liveTails: TemporalTailCache | undefined;
  /** Failures in a row of `run()` (reset by a committed batch). */
  private failures = 0;

  constructor(private readonly options: ProjectorOptions) {
    checkProjectorName(options.name);
    this.name = options.name;
    this.models = options.models.map((m) => validateModel(m));
    const names = new Set<string>();
    for (const m of this.models) {
      if (names.has(m.name)) throw new Error(`projector ${this.name}: two models named ${m.name}`);
      names.add(m.name);
    }
    this.fingerprint = fingerprint(this.models);
    this.batchSize = options.batchSize ?? 500;
    this.sliceMs = options.sliceMs ?? 20;
    this.liveBatch = this.sliceMs > 0 ? Math.min(this.batchSize, 50) : this.batchSize;
    this.rebuildBatchSize = options.rebuildBatchSize ?? options.batchSize ?? 2000;
    this.rebuildFlushEvents = Math.max(1, options.rebuildFlushEvents ?? 20_000);
    this.catchUpFlush = this.sliceMs > 0 ? Math.min(this.rebuildFlushEvents, this.liveBatch) : this.rebuildFlushEvents;
    const tailBytes = options.tailCacheBytes ?? 64 * 2 ** 20;
    this.liveTails = tailBytes > 0 ? new TemporalTailCache(tailBytes) : undefined;
  }

  private get store(): ReadModelStore {
    return this.options.store;
  }

  /**
   * Makes sure a live generation of these models exists: creates the first
   * one (live at once, empty, catching up), or rebuilds when the live one was
   * built from other definitions. Drops generations left retired by a crash.
   */
  async open(signal?: AbortSignal): Promise<GenerationInfo> {
    await this.store.dropGenerations(this.name);
    const live = (await this.store.generations(this.name)).find((g) => g.status === 'live');
    if (!live) {
      try {
        return await this.store.createGeneration(this.name, this.models, this.fingerprint, { live: true });
      } catch (error) {
        // Another process created it first.
        const created = (await this.store.generations(this.name)).find((g) => g.status === 'live');
        if (!created) throw error;
        return this.checkFingerprint(created);
      }
    }
    if (live.fingerprint === this.fingerprint) return live;
    if (this.options.onSchemaChange === 'fail') return this.checkFingerprint(live);
    const far = this.options.farBehind;
    if (far) await far.rebuild(signal ?? new AbortController().signal);
    else await this.rebuild(signal ? { signal } : {});
    return signal?.aborted ? live : this.live();
  }

  /** With `farBehind`: the live generation rebuilt elsewhere when it is more than `farBehind.events` behind the log's head. */
  private async rebuildIfFarBehind(signal: AbortSignal): Promise<void> {
    const far = this.options.farBehind;
    if (!far) return;
    const [live, head] = await Promise.all([this.live(), this.options.events.headPosition()]);
    if (head - live.position > far.events) await far.rebuild(signal);
  }

  private checkFingerprint(generation: GenerationInfo): GenerationInfo {
    if (generation.fingerprint !== this.fingerprint) {
      throw new ProjectionSchemaMismatch(
        `projector ${this.name}: the live generation ${generation.generation} was built from other model definitions; rebuild`,
      );
    }
    return generation;
  }

  /** The live generation, which must be of these models. */
  async live(): Promise<GenerationInfo> {
    const live = (await this.store.generations(this.name)).find((g) => g.status === 'live');
    if (!live) throw new Error(`projector ${this.name} has no live generation: open() it first`);
    return this.checkFingerprint(live);
  }

  /** Applies a batch the projector follows to the live generation; false when its checkpoint moved under us (nothing applied). */
  private async apply(generation: number, from: number, events: readonly RecordedEvent[]): Promise<boolean> {
    const tails = this.liveTails;
    const last = events[events.length - 1] as RecordedEvent;
    tails?.begin(generation, from);
    const started = performance.now();
    const loop = performance.eventLoopUtilization();
    try {
      await this.store.transaction(
        (tx) => applyBatch(tx, { projector: this.name, generation, models: this.models, ...(tails ? { tails } : {}) }, from, events),
      );
      tails?.commit(last.globalPosition);
      this.failures = 0;
    } catch (error) {
      tails?.abort();
      if (error instanceof CheckpointMoved) return false;
      throw error;
    }
    const durationMs = performance.now() - started;
    this.adapt(events.length, performance.eventLoopUtilization(loop).active);
    this.options.onBatch?.({ generation, position: last.globalPosition, events: events.length, rebuilding: false, durationMs });
    return true;
  }

  /** A catch-up's batch planned against the store with the writes since the last flush on top, which it adds to (`bulk-load.ts`). */
  private async applyBulk(generation: number, from: number, events: readonly RecordedEvent[], bulk: BulkLoad): Promise<void> {
    const tails = this.liveTails;
    const last = events[events.length - 1] as RecordedEvent;
    tails?.begin(generation, from);
    try {
      // Reads only: the writes stay in memory until the flush.
      await this.store.transaction((tx) => applyBatch(bulk.over(tx), { projector: this.name, generation, models: this.models, ...(tails ? { tails } : {}) }, from, events));
      tails?.commit(last.globalPosition);
      bulk.events += events.length;
    } catch (error) {
      tails?.abort();
      bulk.clear();
      throw error;
    }
  }

  /**
   * Writes the batches since the last flush in one transaction with the
   * checkpoint (a rebuild's, or a catch-up's: atomic, not flushed to disk at
   * commit — the checkpoint goes back with the rows, and the events are
   * projected again); false when the checkpoint moved (nothing written).
   */
  private async flushBulk(generation: number, bulk: BulkLoad, rebuilding = true): Promise<boolean> {
    if (bulk.empty) return true;
    const tails = rebuilding ? undefined : this.liveTails;
    const events = bulk.events;
    const position = bulk.position;
    // What the commit held the event loop for: all of it on the caller's thread, the recording only when a thread commits.
    const loop = performance.eventLoopUtilization();
    try {
      await this.store.transaction((tx) => bulk.flush(tx, this.name, generation), { durability: 'relaxed', offThread: !rebuilding });
    } catch (error) {
      // What the tails hold was planned on top of the writes now lost: neither can be trusted.
      tails?.abort();
      if (error instanceof CheckpointMoved) return false;
      throw error;
    } finally {
      bulk.clear();
    }
    if (!rebuilding) {
      const durationMs = performance.eventLoopUtilization(loop).active;
      // Up to four full batches a commit: bounded memory, and most of the pages a commit rewrites are shared by then.
      if (this.sliceMs > 0) this.catchUpFlush = scaled(this.catchUpFlush, events, durationMs, this.sliceMs, Math.min(this.rebuildFlushEvents, 4 * this.batchSize));
      this.failures = 0;
      this.options.onBatch?.({ generation, position, events, rebuilding: false, durationMs });
    }
    return true;
  }

  /** The next live batch's size from how long the last one held the event loop (see `ProjectorOptions.sliceMs`): a PostgreSQL batch's round trips do not. */
  private adapt(events: number, durationMs: number): void {
    // Half the slice: a batch's time varies with its events (an entity read back from the store, a collection), the slice bounds the longer ones.
    if (this.sliceMs > 0) this.liveBatch = scaled(this.liveBatch, events, durationMs, this.sliceMs / 2, this.batchSize);
  }

  /**
   * Brings the live generation up to the end of the log as it is now; returns
   * its checkpoint. A bulk load in steps (`bulk-load.ts`): batches are read
   * and planned with the writes since the last commit held in memory, and
   * committed together with the checkpoint — each version written once
   * with its intervals at that commit, each page of the tables once per
   * commit, not once per batch. Each step (a batch read and planned, or a
   * commit) is sized to `sliceMs`, and the projector yields between them;
   * readers see the checkpoint move at each commit.
   */
  async catchUp(signal?: AbortSignal): Promise<number> {
    let live = await this.live();
    let position = live.position;
    const bulk = new BulkLoad();
    for (;;) {
      let done = signal?.aborted === true;
      if (!done) {
        await yieldToEventLoop();
        const loop = performance.eventLoopUtilization();
        const batch = await this.options.events.readAll({ after: position, maxCount: this.liveBatch });
        if (batch.length === 0) done = true;
        else {
          await this.applyBulk(live.generation, position, batch, bulk);
          position = (batch[batch.length - 1] as RecordedEvent).globalPosition;
          this.adapt(batch.length, performance.eventLoopUtilization(loop).active);
          if (bulk.events < this.catchUpFlush) continue;
        }
      }
      if (!bulk.empty) {
        await yieldToEventLoop();
        if (!(await this.flushBulk(live.generation, bulk, false))) {
          live = await this.live();
          position = live.position;
          if (!signal?.aborted) continue;
        }
      }
      if (done) return position;
    }
  }

  /**
   * Opens, catches up (far behind, with `farBehind`: first a rebuild
   * elsewhere), then follows the log (the store's subscription: a
   * notification or a short poll) until `signal` aborts. Events that arrive
   * together are applied together, up to the batch size. With `onError`,
   * transient failures are reported and retried with backoff (see
   * `ProjectorOptions.onError`); without it, the first failure is thrown.
   */
  async run(signal: AbortSignal): Promise<void> {
    const { onError } = this.options;
    const first = this.options.retry?.firstDelayMs ?? 200;
    const max = this.options.retry?.maxDelayMs ?? 30_000;
    while (!signal.aborted) {
      try {
        await this.open(signal);
        if (!signal.aborted) await this.rebuildIfFarBehind(signal);
        while (!signal.aborted) {
          const position = await this.catchUp(signal);
          if (signal.aborted) return;
          const { generation } = await this.live();
          await this.follow(generation, position, signal);
        }
      } catch (error) {
        if (signal.aborted) return;
        if (!onError || error instanceof ModelDefinitionError || error instanceof ProjectionSchemaMismatch) throw error;
        this.failures++;
        const ceiling = Math.min(max, first * 2 ** Math.min(this.failures - 1, 30));
        const delayMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
        onError(error, { attempt: this.failures, delayMs });
        await pause(delayMs, signal);
      }
    }
  }

  /** Follows from `position` until aborted or until the checkpoint moves under us. */
  private async follow(generation: number, start: number, signal: AbortSignal): Promise<void> {
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    // Aborted before we got here (e.g. while the live generation was read): an abort event will not come again.
    if (signal.aborted) stop.abort();
    const iterator = this.options.events.subscribeToAll({ after: start, batchSize: this.batchSize, signal: stop.signal })[Symbol.asyncIterator]();
    let position = start;
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    try {
      pending = iterator.next();
      for (;;) {
        const first = await pending;
        if (first.done) return;
        const batch: RecordedEvent[] = [first.value];
        pending = iterator.next();
        while (batch.length < this.liveBatch) {
          const next = await Promise.race([pending, nextTick()]);
          if (next === TICK || next.done) break;
          batch.push(next.value);
          pending = iterator.next();
        }
        if (!(await this.apply(generation, position, batch))) return;
        position = (batch[batch.length - 1] as RecordedEvent).globalPosition;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      stop.abort();
      // A read still in flight when a batch failed may fail too: its error is the same outage, already thrown.
      pending?.catch(() => undefined);
      try {
        await iterator.return?.();
      } catch {
        // The subscription was already broken by the error being thrown; nothing more to close.
      }
    }
  }

  /**
   * Builds a new generation beside the live one and, when it has caught up
   * with the log, switches the views to it in one transaction and drops the
   * old one. Readers see the old generation, whole, until the switch, and the
   * new one, whole, after it.
   *
   * A bulk load in two passes, so that every table is written in the order
   * of its primary key (appended to, not inserted all over: the cost of a
   * write does not grow with the tables) and nothing is read back from the
   * tables being built:
   * 1. the log in order: the current and log models as a bulk load
   *    (`bulk-load.ts`, committed every `rebuildFlushEvents` events with the
   *    checkpoint), every event a temporal model keeps stored once
   *    (`writeEvents`), and which entities each one concerns noted
   *    (`EntityPositions`);
   * 2. the temporal models entity by entity, in key order: each entity's
   *    whole history planned at once from its stored events, each version
   *    written once with its final intervals (`applyEntities`).
   * Then the secondary indexes. A building generation is never resumed: a
   * rebuild that stopped (a crash, an abort) is dropped and begun again by
   * the next one, as its checkpoint says how far its first pass read, not
   * what its temporal tables hold.
   */
  async rebuild(options: { signal?: AbortSignal } = {}): Promise<{ generation: number; position: number }> {
    const building = (await this.store.generations(this.name)).filter((g) => g.status === 'building').map((g) => g.generation);
    if (building.length > 0) await this.store.dropGenerations(this.name, { building });
    const { generation } = await this.store.createGeneration(this.name, this.models, this.fingerprint, { live: false });
    const aborted = () => new Error(`rebuild of ${this.name} aborted; the next rebuild begins again`);
    const scanned = this.models.filter((m) => m.kind !== 'temporal');
    const temporal = this.models.filter((m): m is TemporalModel => m.kind === 'temporal');
    const entities = new EntityPositions();
    const bulk = new BulkLoad();
    let position = 0;
    for (;;) {
      if (options.signal?.aborted) throw aborted();
      await yieldToEventLoop();
      const batch = await this.options.events.readAll({ after: position, maxCount: this.rebuildBatchSize });
      if (batch.length === 0) break;
      const kept: StoredEvent[] = [];
      for (const event of batch) {
        const noted = new Set<string>();
        for (const model of temporal) for (const entity of entitiesOf(model, event)) noted.add(entity);
        if (noted.size === 0) continue;
        for (const entity of noted) entities.add(entity, event.globalPosition);
        kept.push({ globalPosition: event.globalPosition, event: refEventJson(event) });
      }
      const started = performance.now();
      const from = position;
      await this.store.transaction((tx) => firstPass(bulk.over(tx), kept, (over) => applyBatch(over, { projector: this.name, generation, models: scanned }, from, batch)));
      bulk.events += batch.length;
      position = (batch[batch.length - 1] as RecordedEvent).globalPosition;
      this.options.onBatch?.({ generation, position, events: batch.length, rebuilding: true, durationMs: performance.now() - started });
      if (bulk.events >= this.rebuildFlushEvents) await this.flushRebuild(generation, bulk);
    }
    await this.flushRebuild(generation, bulk);
    for (const chunk of entities.chunks(this.rebuildBatchSize)) {
      if (options.signal?.aborted) throw aborted();
      await yieldToEventLoop();
      await this.store.transaction((tx) => applyEntities(bulk.over(tx), temporal, generation, chunk));
      for (const { positions } of chunk) bulk.events += positions.length;
      if (bulk.events >= this.rebuildFlushEvents / 4) await this.flushRebuild(generation, bulk);
    }
    await this.flushRebuild(generation, bulk);
    await this.store.buildIndexes?.(this.name, generation, this.models);
    await this.store.switchTo(this.name, generation, this.models);
    await this.store.dropGenerations(this.name);
    return { generation, position };
  }

  /** A rebuild's flush: its checkpoint moved by another process means another rebuild dropped or took it. */
  private async flushRebuild(generation: number, bulk: BulkLoad): Promise<void> {
    if (!(await this.flushBulk(generation, bulk, true))) throw new Error(`rebuild of ${this.name}: the checkpoint of generation ${generation} moved (another rebuild?)`);
  }
}

/** A rebuild's first-pass batch: the events its temporal models keep, then the current and log models' rows. */
function* firstPass(tx: ProjectionTx, kept: readonly StoredEvent[], batch: (tx: ProjectionTx) => Steps<number>): Steps<number> {
  if (kept.length > 0) yield* step(tx.writeEvents(kept));
  return yield* batch(tx);
}

/**
 * A step's next size from the last one's: scaled towards 80 % of the slice
 * (at most halved or doubled at a time), between 1 and `max`. A step that
 * ran short of its size (the end of the log) does not grow it.
 */
function scaled(size: number, done: number, durationMs: number, sliceMs: number, max: number): number {
  const factor = Math.min(2, Math.max(0.5, (0.8 * sliceMs) / Math.max(durationMs, 0.1)));
  const next = factor >= 1 && done < size ? size : Math.round(Math.min(size, Math.max(done, 1)) * factor);
  return Math.max(1, Math.min(max, next));
}

/** Lets the process serve others between batches (SQLite calls never yield by themselves). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A pause that ends early when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

const TICK = Symbol('tick');
const nextTick = () => new Promise<typeof TICK>((resolve) => setImmediate(() => resolve(TICK)));
