import type { DraftRecruitmentPlan } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Integer, IntegerList, NestedList, OneOf, Text } from '../shared/dto-fields';

export class PlanOpeningDto {
  @Id('open-1')
  openingId!: string;

  @Id('xincheng', { description: 'The using organ the opening recruits for' })
  organId!: string;

  @OneOf(['CIVILIAN', 'DUTY'] as const, 'DUTY', { nullable: true, description: 'null: either category' })
  category?: 'CIVILIAN' | 'DUTY' | null;

  @Integer(2, { min: 1, max: 100_000 })
  count!: number;

  @IntegerList([1, 2], { min: 1, max: 6, nullable: true, description: '定向招聘 (Art. 22 ¶2): the Art. 22 ¶1 items it is reserved for; null: open to all' })
  targetedCategories?: number[] | null;
}

export class PostConditionDto {
  @Id('driving-licence')
  id!: string;

  @Text('持有C1及以上驾驶证', { max: 500, description: 'A post condition (Art. 21 (5))' })
  description!: string;
}

export class DraftRecruitmentPlanRequestDto extends CommandRequestDto {
  @Id('plan-2024-hohhot')
  planId!: string;

  @Id('hohhot', { description: 'A CITY-level organ or above (Art. 18 ¶1)' })
  draftingOrganId!: string;

  @Text('2024年呼和浩特市公安局招聘警务辅助人员计划', { max: 200 })
  title!: string;

  @NestedList(() => PlanOpeningDto, { description: 'Reserved in each organ’s quota headroom (用人额度) in the same append' })
  openings!: PlanOpeningDto[];

  @NestedList(() => PostConditionDto, { optional: true, description: 'Default none' })
  postConditions?: PostConditionDto[];

  static toData(b: DraftRecruitmentPlanRequestDto): DraftRecruitmentPlan['data'] {
    return {
      planId: b.planId,
      draftingOrganId: b.draftingOrganId,
      title: b.title,
      openings: b.openings.map((o) => ({
        openingId: o.openingId, organId: o.organId, category: o.category ?? null, count: o.count,
        targetedCategories: o.targetedCategories ? [...o.targetedCategories] : null,
      })),
      postConditions: (b.postConditions ?? []).map((c) => ({ id: c.id, description: c.description })),
    };
  }
}
