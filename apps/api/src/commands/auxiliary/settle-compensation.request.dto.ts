import type { SettleCompensation } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, OneOf, Text } from '../shared/dto-fields';

export class SettleCompensationRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('cps-0001')
  compensationId!: string;

  @OneOf(['RECOVERY_BORNE', 'NO_RECOVERY'] as const, 'RECOVERY_BORNE', {
    description: 'Art. 42 ¶3: the recovery ordered was borne by the auxiliary (an order on record), or none is owed (no intent or gross negligence; no order on record)',
  })
  settlement!: SettleCompensation['data']['settlement'];

  @Text('追偿结案2025-3', { max: 200, description: 'The document that closes the compensation' })
  settlementRef!: string;

  static toData(b: SettleCompensationRequestDto): SettleCompensation['data'] {
    return { auxiliaryId: b.auxiliaryId, compensationId: b.compensationId, settlement: b.settlement, settlementRef: b.settlementRef };
  }
}
