import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@auxledger/event-store';
import type { ReadModelStore } from '@auxledger/projection-engine';
import type { ApiConfig } from '../config/api-config';
import { AppError } from '../errors/app-error';
import { API_CONFIG, EVENT_STORE, READ_MODEL_STORE } from '../infrastructure/tokens';
import { EmbeddedProjector } from './embedded-projector';
import { PROJECTOR_NAME } from './read-model-store';

/** How far the read models are, against the log. */
export interface Freshness {
  /** The last global position whose effect the read models hold. */
  position: number;
  /** The last global position of the log. */
  logHead: number;
  /** Events the read models are behind. */
  lag: number;
}

const POLL_MS = 100;

/**
 * The position the read models reflect: the live generation's checkpoint,
 * which moves in the same transaction as the rows. It is read before a
 * query, so an answer reflects at least every event up to it (a batch may
 * land between the two reads: then a few more).
 */
@Injectable()
export class ReadPosition implements OnModuleDestroy {
  /** Set when the application shuts down: a read-your-writes wait ends at once instead of at its deadline. */
  private stopping = false;
  private readonly wakeOnStop = new Set<() => void>();
  private waiters = 0;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(EVENT_STORE) private readonly log: EventStore,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly projector: EmbeddedProjector,
  ) {}

  /** Queries waiting for the projector now (for tests of the shutdown). */
  get waiting(): number {
    return this.waiters;
  }

  /** Shutdown: the projector stops first, so no wait could end well — end them now (409, ask again), before the HTTP server drains. */
  onModuleDestroy(): void {
    this.stopping = true;
    for (const wake of this.wakeOnStop) wake();
    this.wakeOnStop.clear();
  }

  /** The live checkpoint; 503 when no read models of this build's definitions exist yet. */
  async current(): Promise<number> {
    const position = await this.livePosition();
    if (position === null) throw notBuilt();
    return position;
  }

  /** The live checkpoint, or null when no generation is live yet (a first start's projector may be building it). */
  private async livePosition(): Promise<number | null> {
    const live = (await this.store.generations(PROJECTOR_NAME)).find((g) => g.status === 'live');
    if (!live) return null;
    if (live.fingerprint !== this.projector.fingerprint) {
      throw new AppError('UNAVAILABLE', 'READ_MODELS_OUTDATED', {
        zh: '读模型由其他版本的定义生成，正在等待重建',
        en: 'The read models were built from other definitions; they await a rebuild',
      });
    }
    return live.position;
  }

  async freshness(): Promise<Freshness> {
    const [position, logHead] = await Promise.all([this.current(), this.log.headPosition()]);
    return { position, logHead, lag: Math.max(0, logHead - position) };
  }

  /**
   * Read-your-writes: the position once it is at least `minPosition`,
   * waiting up to AUXLEDGER_MIN_POSITION_WAIT_MS for the projector. A
   * position the log does not have is the client's mistake (400); one the
   * projector has not reached in time is 409 PROJECTION_BEHIND — ask again.
   */
  async atLeast(minPosition: number | undefined): Promise<number> {
    if (minPosition === undefined) return this.current();
    // Not built yet counts as behind: a first start's projector is building the first generation.
    let position = await this.livePosition();
    if (position !== null && position >= minPosition) return position;
    const logHead = await this.log.headPosition();
    if (minPosition > logHead) {
      throw new AppError(
        'INVALID_INPUT',
        'MIN_POSITION_BEYOND_LOG',
        { zh: `日志中没有位置 ${minPosition}（最后位置 ${logHead}）`, en: `The log has no position ${minPosition} (its last is ${logHead})` },
        { minPosition, logHead },
      );
    }
    const deadline = Date.now() + this.config.readSide.minPositionWaitMs;
    let wakeOnStop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      wakeOnStop = resolve;
      this.wakeOnStop.add(resolve);
    });
    this.waiters += 1;
    try {
      while ((position ?? -1) < minPosition && Date.now() < deadline && !this.stopping) {
        const wake = pause(Math.min(POLL_MS, deadline - Date.now()));
        await Promise.race([stopped, wake, ...(this.projector.state === 'off' ? [] : [this.projector.nextChange()])]);
        if (this.stopping) break;
        position = await this.livePosition();
      }
    } finally {
      this.waiters -= 1;
      this.wakeOnStop.delete(wakeOnStop);
    }
    if (position === null) throw notBuilt();
    if (position < minPosition) {
      throw new AppError(
        'CONFLICT',
        'PROJECTION_BEHIND',
        {
          zh: `读模型尚未到达位置 ${minPosition}（当前 ${position}），请稍后重试`,
          en: `The read models have not reached position ${minPosition} yet (they are at ${position}); ask again shortly`,
        },
        { minPosition, asOfPosition: position, logHead, ...(this.stopping ? { shuttingDown: true } : {}) },
      );
    }
    return position;
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

const notBuilt = () =>
  new AppError('UNAVAILABLE', 'READ_MODELS_NOT_BUILT', {
    zh: '读模型尚未建立（投影器未运行过）',
    en: 'The read models are not built yet (no projector has run)',
  });
