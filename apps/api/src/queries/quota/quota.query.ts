import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { type QuotaUseReport, quotaUse, quotaUseOf } from '@auxledger/read-models';
import { READ_MODEL_STORE } from '../../infrastructure/tokens';
import { flag } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { QuotaRequestDto } from './quota.request.dto';
import { requireKnownOrgan } from '../shared/known-organ';
import { AS_OF_POSITION, boolean, date, instant, integer, arrayOf, nullable, object, rowOf, text } from '../../openapi/answer-schema';

export interface QuotaAnswer extends Positioned, QuotaUseReport {
  organId: string;
  subtree: boolean;
  knownAt: string | null;
}

/** QuotaAnswer as the OpenAPI document gives it. */
export const QUOTA_ANSWER = object(
  {
    asOfPosition: AS_OF_POSITION,
    organId: text('机关 The organ asked about'),
    subtree: boolean('Each organ under it too, and the sums'),
    knownAt: nullable(instant('As known at this instant; null: as known now')),
    asOf: date('有效日期 The effective date answered for'),
    organs: arrayOf(
      rowOf(quotaUse, {
        notNull: ['level', 'active_headcount', 'reserved_openings'],
        extra: { reserved_in_approved_plans: integer('Of reserved_openings, those held by plans approved (or announced) on the date') },
        description: '用人额度 One organ: its quota (Art. 7), places held, reserved and headroom — a `quota_use` row (docs/read-models.md)',
      }),
      'Each organ in scope registered on the date, in path order',
    ),
    total: object(
      {
        quota: integer('额度 Sum of the quotas set'),
        active_headcount: integer('在岗 Places held'),
        reserved_openings: integer('预留 Places reserved by plans'),
        reserved_in_approved_plans: integer('Of them, by plans approved or announced'),
        headroom: integer('余额 Quota left'),
        organs_without_quota: integer('Organs with no quota set (they add nothing to quota and headroom)'),
      },
      { description: '合计 Sums over the organs in scope' },
    ),
  },
  { title: 'QuotaAnswer' },
);

export class GetQuotaUse extends ReadQuery<QuotaRequestDto, QuotaAnswer> {}

/** 用人额度 (Art. 7): quota, places held and reserved, headroom — per organ and summed. Aggregates: every role reads every organ. */
@QueryHandler(GetQuotaUse)
export class GetQuotaUseHandler implements IQueryHandler<GetQuotaUse> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly opening: QueryOpening,
  ) {}

  async execute({ params: p }: GetQuotaUse): Promise<QuotaAnswer> {
    const { asOfPosition, asOf, knownAt, known } = await this.opening.open(p);
    const subtree = flag(p.subtree, true);
    await requireKnownOrgan(this.store, p.organ);
    const report = await quotaUseOf(this.store, p.organ, { asOf, includeSubtree: subtree, ...known });
    return { asOfPosition, organId: p.organ, subtree, knownAt, ...report };
  }
}
