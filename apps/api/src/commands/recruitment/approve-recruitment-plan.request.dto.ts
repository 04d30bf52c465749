import type { ApproveRecruitmentPlan } from '@auxledger/domain';
import { ORGAN_LEVELS } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, OneOf, Text } from '../shared/dto-fields';

export class ApproveRecruitmentPlanRequestDto extends CommandRequestDto {
  @Id('plan-2024-hohhot')
  planId!: string;

  @OneOf(ORGAN_LEVELS, 'CITY', { description: 'The approving people’s government: the same level as the drafting organ (Art. 18 ¶1)' })
  governmentLevel!: ApproveRecruitmentPlan['data']['governmentLevel'];

  @Text('呼和浩特市人民政府', { max: 200 })
  approver!: string;

  @Text('呼政函〔2024〕88号', { max: 200 })
  documentNumber!: string;

  static toData(b: ApproveRecruitmentPlanRequestDto): ApproveRecruitmentPlan['data'] {
    return { planId: b.planId, governmentLevel: b.governmentLevel, approver: b.approver, documentNumber: b.documentNumber };
  }
}
