import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@auxledger/event-store';
import { Public } from '../auth/principal';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG, EVENT_STORE } from '../infrastructure/tokens';
import { EmbeddedProjector } from '../projection/embedded-projector';
import { ReadPosition } from '../projection/read-position';
import { QueryAnswer, codes, object } from '../openapi/answer-schema';

const PROBE_TIMEOUT_MS = 2000;

/**
 * Liveness (the process answers) and readiness: the event store answers a
 * read, and the read models are at most AUXLEDGER_PROJECTOR_MAX_LAG events
 * behind the log (and the embedded projector, if any, has not failed). No key needed.
 */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly projector: EmbeddedProjector,
    private readonly readPosition: ReadPosition,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'liveness', summary: 'Liveness: the process is up' })
  @QueryAnswer(object({ status: codes(['ok']) }, { title: 'LivenessAnswer' }), 'The process is up')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    operationId: 'readiness',
    summary: 'Readiness: the event store is reachable and the read models are within AUXLEDGER_PROJECTOR_MAX_LAG events of the log (503 otherwise)',
  })
  ready() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        try {
          await withTimeout(this.store.readStream('health-probe', { maxCount: 1 }), PROBE_TIMEOUT_MS);
          return indicator.up();
        } catch (error) {
          return indicator.down({ reason: reasonOf(error) });
        }
      },
      async () => {
        const indicator = this.indicators.check('readModels');
        const maxLag = this.config.readSide.maxLag;
        const projector = { projector: this.projector.state, ...(this.projector.state === 'failed' ? { lastError: this.projector.lastError } : {}) };
        try {
          const freshness = await withTimeout(this.readPosition.freshness(), PROBE_TIMEOUT_MS);
          const details = { ...projector, ...freshness, maxLag };
          if (freshness.position > freshness.logHead) {
            return indicator.down({ ...details, reason: 'the read models hold more events than the log: they belong to another log (AUXLEDGER_READ_MODELS_DB)' });
          }
          return this.projector.state === 'failed' || freshness.lag > maxLag ? indicator.down(details) : indicator.up(details);
        } catch (error) {
          return indicator.down({ ...projector, maxLag, reason: reasonOf(error) });
        }
      },
    ]);
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
