import type { AdjustPay } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Nested } from '../shared/dto-fields';
import { PayDto } from '../shared/shared.dto';

export class AdjustPayRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Nested(() => PayDto, { description: 'The new pay at the level on record, from the effective date' })
  pay!: PayDto;

  static toData(b: AdjustPayRequestDto): AdjustPay['data'] {
    return { auxiliaryId: b.auxiliaryId, pay: PayDto.toData(b.pay) };
  }
}
