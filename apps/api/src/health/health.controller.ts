import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@auxledger/event-store';
import { Public } from '../auth/principal';
import { EVENT_STORE } from '../infrastructure/tokens';

const PROBE_TIMEOUT_MS = 2000;

/** Liveness (the process answers) and readiness (the event store answers a read). No key needed. */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'liveness', summary: 'Liveness: the process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ operationId: 'readiness', summary: 'Readiness: the event store is reachable (503 otherwise)' })
  ready() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        try {
          await withTimeout(this.store.readStream('health-probe', { maxCount: 1 }), PROBE_TIMEOUT_MS);
          return indicator.up();
        } catch (error) {
          return indicator.down({ reason: error instanceof Error ? error.message : String(error) });
        }
      },
    ]);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
