import type { FailRecruitmentStage, StageFailureReason } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Integer, OneOf, Text } from '../shared/dto-fields';

const REASONS: readonly StageFailureReason[] = ['NOT_ELIGIBLE', 'DISQUALIFIED', 'BELOW_STANDARD', 'ABSENT', 'WITHDRAWN', 'OBJECTION_UPHELD', 'OTHER'];

export class FailRecruitmentStageRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @Integer(4, { min: 2, max: 6, description: 'The Art. 20 stage (2)–(6) not passed' })
  stage!: FailRecruitmentStage['data']['stage'];

  @OneOf(REASONS, 'BELOW_STANDARD', { description: 'A coarse reason: the finding behind it stays in the sealed record (PIPL)' })
  reason!: StageFailureReason;

  @Text('SEALED-2024-0042', { max: 200, nullable: true, description: 'The sealed record; null: none' })
  reasonRef?: string | null;

  static toData(b: FailRecruitmentStageRequestDto): FailRecruitmentStage['data'] {
    return { applicationId: b.applicationId, stage: b.stage, reason: b.reason, reasonRef: b.reasonRef ?? null };
  }
}
