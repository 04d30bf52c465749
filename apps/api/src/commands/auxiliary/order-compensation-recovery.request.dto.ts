import type { OrderCompensationRecovery } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Integer, OneOf, Text } from '../shared/dto-fields';

export class OrderCompensationRecoveryRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('cps-0001')
  compensationId!: string;

  @Integer(300_000, { min: 1, description: 'What the auxiliary bears, in fen (分); all recoveries together at most the damages paid' })
  fromAuxiliaryFen!: number;

  @OneOf(['INTENT', 'GROSS_NEGLIGENCE', 'ORDINARY_NEGLIGENCE', 'NONE'] as const, 'GROSS_NEGLIGENCE', { description: 'Art. 42 ¶3: recovery only on intent or gross negligence' })
  fault!: OrderCompensationRecovery['data']['fault'];

  @Text('认定书2025-2', { max: 200, description: 'The finding of fault' })
  findingRef!: string;

  static toData(b: OrderCompensationRecoveryRequestDto): OrderCompensationRecovery['data'] {
    return { auxiliaryId: b.auxiliaryId, compensationId: b.compensationId, fromAuxiliaryFen: b.fromAuxiliaryFen, fault: b.fault, findingRef: b.findingRef };
  }
}
