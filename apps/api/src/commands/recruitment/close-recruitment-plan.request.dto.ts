import type { CloseRecruitmentPlan } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, IdList, OneOf } from '../shared/dto-fields';

export class CloseRecruitmentPlanRequestDto extends CommandRequestDto {
  @Id('plan-2024-hohhot')
  planId!: string;

  @OneOf(['COMPLETED', 'WITHDRAWN', 'NOT_APPROVED'] as const, 'COMPLETED')
  reason!: CloseRecruitmentPlan['data']['reason'];

  @IdList(['xincheng'], { description: 'Exactly the organs the plan recruits for: their unfilled openings are released' })
  organIds!: string[];

  static toData(b: CloseRecruitmentPlanRequestDto): CloseRecruitmentPlan['data'] {
    return { planId: b.planId, reason: b.reason, organIds: [...b.organIds] };
  }
}
