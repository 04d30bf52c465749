import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@auxledger/application';
import type { ReadModelStore, Where } from '@auxledger/projection-engine';
import { type RecruitmentPlanRow, organScope, recruitmentPlan } from '@auxledger/read-models';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { ReadPosition } from '../../projection/read-position';
import { flag, list, normalInstant } from '../shared/query-fields';
import { todayInShanghai } from '../../time/today-in-shanghai';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { RecruitmentPlansRequestDto } from './recruitment-plans.request.dto';

export interface RecruitmentPlansAnswer extends Positioned {
  asOf: string;
  knownAt: string | null;
  plans: RecruitmentPlanRow[];
}

export class GetRecruitmentPlans extends ReadQuery<RecruitmentPlansRequestDto, RecruitmentPlansAnswer> {}

/** Recruitment plans (Arts. 18–19) as they stood on a date. Plans name organs and openings, no person: every role. */
@QueryHandler(GetRecruitmentPlans)
export class GetRecruitmentPlansHandler implements IQueryHandler<GetRecruitmentPlans> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly position: ReadPosition,
  ) {}

  async execute({ params: p }: GetRecruitmentPlans): Promise<RecruitmentPlansAnswer> {
    const asOfPosition = await this.position.atLeast(p.minPosition);
    const asOf = p.asOf ?? todayInShanghai(this.clock);
    const knownAt = p.knownAt ? normalInstant(p.knownAt) : null;
    const statuses = list(p.status);
    const where: Record<string, Where[string]> = {};
    if (p.organ !== undefined) where['drafting_organ_id'] = await organScope(this.store, p.organ, flag(p.subtree, false));
    if (statuses) where['status'] = statuses;
    const plans = (await this.store.asOf(recruitmentPlan, asOf, { where, ...(knownAt ? { knownAt } : {}) })) as unknown as RecruitmentPlanRow[];
    return { asOfPosition, asOf, knownAt, plans: plans.sort((a, b) => (a.plan_id < b.plan_id ? -1 : 1)) };
  }
}
