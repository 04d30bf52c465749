import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import type { EventStore } from '@auxledger/event-store';
import { Projector, type ReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from '@auxledger/read-models';
import { type ApiConfig, DEFAULT_REBUILD_BEHIND } from '../config/api-config';
import { API_CONFIG, EVENT_STORE, READ_MODEL_STORE } from '../infrastructure/tokens';
import { Metrics } from '../metrics/metrics';
import { rebuildOnThread } from './off-thread-rebuild';
import { PROJECTOR_NAME } from './read-model-store';

/**
 * `off`: another process projects; `running`: catching up or following;
 * `rebuilding`: far behind, the read models rebuilt on a worker thread (readers
 * see the last live generation meanwhile); `failed`: waiting to try again.
 */
export type ProjectorState = 'off' | 'starting' | 'running' | 'rebuilding' | 'failed' | 'stopped';

/**
 * The rebuild thread's old-generation heap cap, MiB: a rebuild's heap is
 * bounded (about 200 MiB at 1 M events, the same at 2 M), this keeps a fault
 * from taking the API's memory with it.
 */
const REBUILD_HEAP_MB = 1024;

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

/**
 * The projector inside the API process (`AUXLEDGER_PROJECTOR=on`, the
 * default): every read model, caught up from its checkpoint on start, then
 * following the log. It runs beside the HTTP server, never in a request: a
 * failure (the database gone for a while) is logged, shown by readiness, and
 * retried with a growing pause. Shutdown aborts it between batches — a batch
 * and its checkpoint commit together, so nothing is lost or applied twice;
 * the log, not the projector, holds every acknowledged command.
 *
 * Far behind at start (more than AUXLEDGER_PROJECTOR_REBUILD_BEHIND events: a
 * first start on a long log, read models deleted, other definitions), it does
 * not catch up slice by slice on this event loop: a worker thread with
 * connections of its own rebuilds the read models into a new generation
 * (`rebuild-thread.ts`) and switches to it; the projector then catches up
 * the few events since in slices and follows. Meanwhile the HTTP server
 * answers as ever, queries read the last live generation, and readiness says
 * the read side is behind (state `rebuilding`).
 */
@Injectable()
export class EmbeddedProjector implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private waiters: Array<() => void> = [];
  state: ProjectorState;
  lastError: string | null = null;
  /** Fingerprint of the model definitions this build projects (a live generation of others cannot be read). */
  readonly fingerprint: string;
  private readonly projector: Projector;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
    @Optional() metrics?: Metrics,
  ) {
    this.state = config.readSide.projector === 'embedded' ? 'starting' : 'off';
    const rebuildBehind = config.readSide.rebuildBehind ?? DEFAULT_REBUILD_BEHIND;
    // For /metrics: a batch's time runs from the read that returned its events to its commit (onBatch).
    let batchStarted = 0;
    const timed: EventStore = metrics
      ? Object.assign(Object.create(events) as EventStore, {
          readAll: async (options?: Parameters<EventStore['readAll']>[0]) => {
            const started = performance.now();
            const batch = await events.readAll(options);
            if (batch.length > 0) batchStarted = started;
            return batch;
          },
        })
      : events;
    this.projector = new Projector({
      name: PROJECTOR_NAME,
      models: ALL_READ_MODELS,
      events: timed,
      store,
      // Off: every gap caught up in slices.
      ...(rebuildBehind > 0 ? { farBehind: { events: rebuildBehind, rebuild: (signal: AbortSignal) => this.rebuildOnThread(signal, metrics) } } : {}),
      onBatch: (progress) => {
        if (metrics) {
          metrics.projectorBatchDuration.observe((performance.now() - batchStarted) / 1000);
          metrics.projectorBatchEvents.inc(progress.events);
        }
        this.notify();
      },
    });
    this.fingerprint = this.projector.fingerprint;
  }

  onApplicationBootstrap(): void {
    if (this.state === 'off') return;
    this.running = this.runUntilStopped();
  }

  /** Before the HTTP server closes: stop between batches and wait for the current one to commit. */
  async beforeApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.running;
    if (this.state !== 'off') this.state = 'stopped';
    this.notify();
  }

  /** Resolves after the next committed batch or change of state (or at once when stopped). */
  nextChange(): Promise<void> {
    if (this.abort.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** The read models rebuilt on a worker thread from the API's own configuration of the stores; resolves after the switch (or the stop). */
  private async rebuildOnThread(signal: AbortSignal, metrics: Metrics | undefined): Promise<void> {
    this.state = 'rebuilding';
    this.notify();
    this.logger.log('the read models are far behind the log: rebuilding them on a worker thread');
    const started = performance.now();
    await rebuildOnThread({
      store: this.config.store,
      readModels: this.config.readSide.store,
      signal,
      maxHeapMb: REBUILD_HEAP_MB,
      onProgress: (progress) => metrics?.projectorBatchEvents.inc(progress.events),
    });
    if (signal.aborted) return;
    this.logger.log(`the read models were rebuilt on a worker thread in ${Math.round((performance.now() - started) / 1000)} s`);
    this.state = 'running';
    this.notify();
  }

  private async runUntilStopped(): Promise<void> {
    const signal = this.abort.signal;
    let pause = FIRST_RETRY_MS;
    while (!signal.aborted) {
      try {
        this.state = 'running';
        this.notify();
        await this.projector.run(signal);
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.state = 'failed';
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.error(`projector failed, retrying in ${pause} ms: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        this.notify();
        await sleep(pause, signal);
        pause = Math.min(pause * 2, LAST_RETRY_MS);
      }
    }
  }
}

/** A pause that ends early when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
