import type { PayCompensation } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Integer, Text } from '../shared/dto-fields';

export class PayCompensationRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('cps-0001')
  compensationId!: string;

  @Id('xincheng', { description: 'Art. 42 ¶2: the organ using the auxiliary pays' })
  paidByOrganId!: string;

  @Integer(1_200_000, { min: 1, description: 'Damages paid, in fen (分)' })
  paidFen!: number;

  @Text('国赔字〔2025〕1号', { max: 200 })
  claimRef!: string;

  static toData(b: PayCompensationRequestDto): PayCompensation['data'] {
    return { auxiliaryId: b.auxiliaryId, compensationId: b.compensationId, paidByOrganId: b.paidByOrganId, paidFen: b.paidFen, claimRef: b.claimRef };
  }
}
