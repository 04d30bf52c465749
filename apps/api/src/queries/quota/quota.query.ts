import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@auxledger/application';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { type QuotaUseReport, quotaUseOf } from '@auxledger/read-models';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { ReadPosition } from '../../projection/read-position';
import { flag, normalInstant } from '../shared/query-fields';
import { todayInShanghai } from '../../time/today-in-shanghai';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { QuotaRequestDto } from './quota.request.dto';
import { requireKnownOrgan } from '../shared/known-organ';

export interface QuotaAnswer extends Positioned, QuotaUseReport {
  organId: string;
  subtree: boolean;
  knownAt: string | null;
}

export class GetQuotaUse extends ReadQuery<QuotaRequestDto, QuotaAnswer> {}

/** 用人额度 (Art. 7): quota, places held and reserved, headroom — per organ and summed. Aggregates: every role reads every organ. */
@QueryHandler(GetQuotaUse)
export class GetQuotaUseHandler implements IQueryHandler<GetQuotaUse> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly position: ReadPosition,
  ) {}

  async execute({ params: p }: GetQuotaUse): Promise<QuotaAnswer> {
    const asOfPosition = await this.position.atLeast(p.minPosition);
    const subtree = flag(p.subtree, true);
    const knownAt = p.knownAt ? normalInstant(p.knownAt) : null;
    await requireKnownOrgan(this.store, p.organ);
    const report = await quotaUseOf(this.store, p.organ, { asOf: p.asOf ?? todayInShanghai(this.clock), includeSubtree: subtree, ...(knownAt ? { knownAt } : {}) });
    return { asOfPosition, organId: p.organ, subtree, knownAt, ...report };
  }
}
