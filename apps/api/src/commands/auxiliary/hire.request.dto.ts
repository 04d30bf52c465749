import type { Hire } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Nested, OneOf, Text } from '../shared/dto-fields';
import { LabourContractDto, PayDto } from '../shared/shared.dto';

export class HireRequestDto extends CommandRequestDto {
  @Id('aux-0001', { description: 'The new auxiliary id, chosen by the client' })
  auxiliaryId!: string;

  @Id('app-0001')
  applicationId!: string;

  @Id('pk-3f9a0c', { description: 'Salted hash of the ID number (never the number itself)' })
  personKey!: string;

  @Id('xincheng', { description: '谁使用、谁管理、谁负责 (Art. 34 ¶1)' })
  usingOrganId!: string;

  @OneOf(['CIVILIAN', 'DUTY'] as const, 'DUTY')
  category!: Hire['data']['category'];

  @Text('L1', { max: 32 })
  level!: string;

  @Nested(() => PayDto)
  pay!: PayDto;

  @Nested(() => LabourContractDto)
  contract!: LabourContractDto;

  static toData(b: HireRequestDto): Hire['data'] {
    return {
      auxiliaryId: b.auxiliaryId,
      applicationId: b.applicationId,
      personKey: b.personKey,
      usingOrganId: b.usingOrganId,
      category: b.category,
      level: b.level,
      pay: PayDto.toData(b.pay),
      contract: LabourContractDto.toData(b.contract),
    };
  }
}
