import { Inject, Injectable } from '@nestjs/common';
import { type Clock, FoldedStreamCache } from '@auxledger/application';
import type { EventStore } from '@auxledger/event-store';
import { type InitPlan, type InitReport, InitInputError, planInit, runInit } from '@auxledger/history';
import type { RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { CLOCK, EVENT_STORE, RULE_SETS } from '../infrastructure/tokens';

export interface InitDryRunAnswer {
  dryRun: true;
  sha256: string;
  organs: number;
  quotas: number;
  /** Every command it would send, in order, with its id (nothing recorded). */
  commands: InitPlan['commands'];
}

export interface InitAnswer extends InitReport {
  dryRun: false;
  /** The log's head after the run: pass as `minPosition` to read the organs it registered. */
  headPosition: number;
}

/**
 * The first start of a deployment from a region organ file: the plan of libs/history (`planInit`, the same
 * as `auxledger init`), run through the command path as the admin who sent it. One run at a time.
 */
@Injectable()
export class InitService {
  private readonly cache = new FoldedStreamCache();
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<RulesInForce>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  plan(file: unknown, quota?: number, quotaDocument?: string): InitPlan {
    if (quota === undefined && quotaDocument !== undefined) {
      throw new AppError('INVALID_INPUT', 'QUOTA_REQUIRED', { zh: '注明了依据文件，却未给出额度（quota）', en: 'a quota document was named without a quota (quota)' });
    }
    try {
      return planInit(file, quota === undefined ? null : { headcount: quota, documentRef: quotaDocument ?? '' });
    } catch (error) {
      if (error instanceof InitInputError) throw new AppError('INVALID_INPUT', error.code, error.messages);
      throw error;
    }
  }

  dryRun(plan: InitPlan): InitDryRunAnswer {
    return { dryRun: true, sha256: plan.sha256, organs: plan.organs, quotas: plan.quotas, commands: plan.commands };
  }

  run(plan: InitPlan, principal: Principal, effectiveDate?: string): Promise<InitAnswer> {
    const next = this.running.then(async () => {
      const deps = { store: this.store, registry: this.registry, clock: this.clock, cache: this.cache };
      const actor = { id: principal.keyId, role: principal.role, organId: null };
      const report = await runInit(deps, plan, { actor, ...(effectiveDate !== undefined ? { effectiveDate } : {}) });
      return { dryRun: false as const, ...report, headPosition: await this.store.headPosition() };
    });
    this.running = next.catch(() => undefined);
    return next;
  }
}
