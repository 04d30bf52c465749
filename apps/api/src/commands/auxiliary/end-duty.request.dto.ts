import type { EndDuty } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, OneOf } from '../shared/dto-fields';

export class EndDutyRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('asg-0001')
  assignmentId!: string;

  @OneOf(['COMPLETED', 'REASSIGNED'] as const, 'COMPLETED')
  reason!: EndDuty['data']['reason'];

  static toData(b: EndDutyRequestDto): EndDuty['data'] {
    return { auxiliaryId: b.auxiliaryId, assignmentId: b.assignmentId, reason: b.reason };
  }
}
