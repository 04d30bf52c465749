import type { RevokeFine } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, OneOf, Text } from '../shared/dto-fields';

export class RevokeFineRequestDto extends CommandRequestDto {
  @Id('fine-2025-001')
  fineId!: string;

  @OneOf(['RECONSIDERATION', 'LITIGATION', 'WITHDRAWN_BY_ORGAN'] as const, 'RECONSIDERATION', { description: '行政复议, 行政诉讼, or withdrawn by the organ' })
  reason!: RevokeFine['data']['reason'];

  @Text('呼政复决字〔2025〕5号', { max: 200 })
  decisionRef!: string;

  static toData(b: RevokeFineRequestDto): RevokeFine['data'] {
    return { fineId: b.fineId, reason: b.reason, decisionRef: b.decisionRef };
  }
}
