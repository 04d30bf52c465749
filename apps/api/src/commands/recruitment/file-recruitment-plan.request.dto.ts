import type { FileRecruitmentPlan } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Text } from '../shared/dto-fields';

export class FileRecruitmentPlanRequestDto extends CommandRequestDto {
  @Id('plan-2024-hohhot')
  planId!: string;

  @Id('nmg', { description: 'The REGION-level organ (Art. 18 ¶2)' })
  regionOrganId!: string;

  @Text('内公备〔2024〕15号', { max: 200 })
  filingRef!: string;

  static toData(b: FileRecruitmentPlanRequestDto): FileRecruitmentPlan['data'] {
    return { planId: b.planId, regionOrganId: b.regionOrganId, filingRef: b.filingRef };
  }
}
