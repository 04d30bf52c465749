import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadModelStore, Where } from '@auxledger/projection-engine';
import { type RecruitmentPlanRow, organScope, recruitmentPlan } from '@auxledger/read-models';
import { READ_MODEL_STORE } from '../../infrastructure/tokens';
import { flag, list } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { RecruitmentPlansRequestDto } from './recruitment-plans.request.dto';
import { AS_OF_POSITION, date, instant, arrayOf, nullable, object, rowOf } from '../../openapi/answer-schema';

export interface RecruitmentPlansAnswer extends Positioned {
  asOf: string;
  knownAt: string | null;
  plans: RecruitmentPlanRow[];
}

/** RecruitmentPlansAnswer as the OpenAPI document gives it. */
export const RECRUITMENT_PLANS_ANSWER = object(
  {
    asOfPosition: AS_OF_POSITION,
    asOf: date('有效日期 The effective date answered for'),
    knownAt: nullable(instant('As known at this instant; null: as known now')),
    plans: arrayOf(
      rowOf(recruitmentPlan, {
        notNull: ['drafting_organ_id', 'status', 'drafted_on', 'openings_total'],
        description: '招聘计划 A plan (Arts. 18–19): status, approval, filing, announcement and openings — a `recruitment_plan` row',
      }),
      'By plan id',
    ),
  },
  { title: 'RecruitmentPlansAnswer' },
);

export class GetRecruitmentPlans extends ReadQuery<RecruitmentPlansRequestDto, RecruitmentPlansAnswer> {}

/** Recruitment plans (Arts. 18–19) as they stood on a date. Plans name organs and openings, no person: every role. */
@QueryHandler(GetRecruitmentPlans)
export class GetRecruitmentPlansHandler implements IQueryHandler<GetRecruitmentPlans> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly opening: QueryOpening,
  ) {}

  async execute({ params: p }: GetRecruitmentPlans): Promise<RecruitmentPlansAnswer> {
    const { asOfPosition, asOf, knownAt, known } = await this.opening.open(p);
    const statuses = list(p.status);
    const where: Record<string, Where[string]> = {};
    if (p.organ !== undefined) where['drafting_organ_id'] = await organScope(this.store, p.organ, flag(p.subtree, false));
    if (statuses) where['status'] = statuses;
    const plans = (await this.store.asOf(recruitmentPlan, asOf, { where, ...known })) as unknown as RecruitmentPlanRow[];
    return { asOfPosition, asOf, knownAt, plans: plans.sort((a, b) => (a.plan_id < b.plan_id ? -1 : 1)) };
  }
}
