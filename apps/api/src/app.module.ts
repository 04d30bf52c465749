import { type DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Clock } from '@auxledger/application';
import { ReadAccess } from './access/read-access';
import { ADMIN_CONTROLLERS, ADMIN_PROVIDERS } from './admin';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ClientThrottlerGuard } from './auth/client-throttler.guard';
import { OrganScope } from './auth/organ-scope';
import { RateLimitStorage } from './auth/rate-limit-storage';
import { COMMAND_CONTROLLERS, COMMAND_HANDLERS } from './commands';
import { CommandRunner } from './commands/shared/command-runner';
import type { ApiConfig } from './config/api-config';
import { loadRegistry } from './config/parameters-config';
import { ErrorFilter } from './errors/error.filter';
import { validationFailed } from './errors/validation-errors';
import { cacheValidationMetadata } from './errors/validation-metadata-cache';
import { HealthController } from './health/health.controller';
import { IdentityHttpController } from './identity/identity.http.controller';
import { RetentionHttpController } from './identity/retention.http.controller';
import { IdentityService } from './identity/identity.service';
import { type Persistence, openPersistence } from './infrastructure/persistence';
import { PERSISTENCE, PersistenceLifecycle } from './infrastructure/persistence.module';
import { API_CONFIG, API_TABLES, CLOCK, EVENT_STORE, READ_MODEL_STORE, RULE_SETS } from './infrastructure/tokens';
import { ApiKeysController } from './keys/api-keys.controller';
import { MeController } from './keys/me.controller';
import { ApiKeysService } from './keys/api-keys.service';
import { LOG_CONTROLLERS, LOG_PROVIDERS } from './log';
import { CommandOutcomes } from './logging/command-outcomes';
import { RequestLog } from './logging/request-log';
import { instrumentEventStore } from './metrics/instrumented-store';
import { Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { ReadSideMetrics } from './metrics/read-side-metrics';
import { EmbeddedProjector } from './projection/embedded-projector';
import { openReadModelStore } from './projection/read-model-store';
import { ReadPosition } from './projection/read-position';
import { ReadSideLifecycle } from './projection/read-side.lifecycle';
import { QUERY_CONTROLLERS, QUERY_HANDLERS } from './queries';

export interface AppOptions {
  /** The transaction-time clock (tests pin it); default: the system clock. */
  clock?: Clock;
  /** Where the request log goes (tests capture it); default: stdout. */
  logDestination?: DestinationStream;
}

const systemClock: Clock = { now: () => new Date() };

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, options: AppOptions = {}): DynamicModule {
    const requestLog = new RequestLog(config.logLevel, options.logDestination);
    cacheValidationMetadata();
    return {
      module: AppModule,
      imports: [
        // Nest's own lines through the request log's logger; the request log itself is mounted by createApp (RequestLog), not here.
        LoggerModule.forRoot({ pinoHttp: { logger: requestLog.logger }, forRoutes: [] }),
        CqrsModule.forRoot(),
        // Its hits in constant time a request (RateLimitStorage), not @nestjs/throttler's own storage.
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }], storage: new RateLimitStorage() }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [...COMMAND_CONTROLLERS, ...QUERY_CONTROLLERS, ...LOG_CONTROLLERS, IdentityHttpController, RetentionHttpController, ApiKeysController, MeController, HealthController, MetricsController, ...ADMIN_CONTROLLERS],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: RequestLog, useValue: requestLog },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RULE_SETS, useFactory: () => loadRegistry(config.parametersFile) },
        { provide: PERSISTENCE, useFactory: () => openPersistence(config.store) },
        Metrics,
        ReadSideMetrics,
        { provide: EVENT_STORE, useFactory: (p: Persistence, metrics: Metrics) => instrumentEventStore(p.store, metrics), inject: [PERSISTENCE, Metrics] },
        { provide: API_TABLES, useFactory: (p: Persistence) => p.tables, inject: [PERSISTENCE] },
        PersistenceLifecycle,
        { provide: READ_MODEL_STORE, useFactory: () => openReadModelStore(config.readSide.store) },
        ReadSideLifecycle,
        EmbeddedProjector,
        ReadPosition,
        ReadAccess,
        OrganScope,
        CommandRunner,
        CommandOutcomes,
        ApiKeysService,
        IdentityService,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
        ...LOG_PROVIDERS,
        ...ADMIN_PROVIDERS,
        { provide: APP_GUARD, useClass: ClientThrottlerGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            forbidUnknownValues: true,
            transform: true,
            // Target and value are read to word the messages (the constraints' arguments, a missing field) and never sent back.
            validationError: { target: true, value: true },
            exceptionFactory: validationFailed,
          }),
        },
      ],
    };
  }
}
