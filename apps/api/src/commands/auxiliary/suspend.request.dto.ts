import type { Suspend } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Text } from '../shared/dto-fields';

export class SuspendRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Text('新公决〔2025〕3号', { max: 200, description: 'The decision (决定文号)' })
  decisionRef!: string;

  @Text('涉嫌违纪，停止执行职务接受调查')
  reason!: string;

  static toData(b: SuspendRequestDto): Suspend['data'] {
    return { auxiliaryId: b.auxiliaryId, decisionRef: b.decisionRef, reason: b.reason };
  }
}
