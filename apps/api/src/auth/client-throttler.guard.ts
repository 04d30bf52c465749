import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { ApiTables } from '../infrastructure/api-tables';
import { API_TABLES } from '../infrastructure/tokens';
import { type AuthenticatedRequest, authenticateRequest } from './api-key.guard';

/**
 * The rate limit (`AUXLEDGER_RATE_LIMIT` a minute) counts per client across
 * every route — one bucket per API key, and one per client address for
 * requests without a valid key (none, unknown, revoked: made-up keys do not
 * buy fresh buckets) — instead of @nestjs/throttler's default of one bucket
 * per route and address. It runs before the key guard, so a flood of
 * refused requests is limited too; the key is looked up once per request
 * (`authenticateRequest`, shared with the guard).
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(API_TABLES) private readonly tables: ApiTables,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = await authenticateRequest(req as unknown as AuthenticatedRequest, this.tables);
    return 'keyId' in principal ? `key:${principal.keyId}` : `address:${await super.getTracker(req)}`;
  }

  /** The client alone: not the route (the default key is route, handler and client). */
  protected override generateKey(_context: unknown, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
