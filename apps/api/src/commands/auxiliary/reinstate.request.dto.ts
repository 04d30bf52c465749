import type { Reinstate } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Text } from '../shared/dto-fields';

export class ReinstateRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Text('新公决〔2025〕4号', { max: 200, description: 'The decision (决定文号)' })
  decisionRef!: string;

  static toData(b: ReinstateRequestDto): Reinstate['data'] {
    return { auxiliaryId: b.auxiliaryId, decisionRef: b.decisionRef };
  }
}
