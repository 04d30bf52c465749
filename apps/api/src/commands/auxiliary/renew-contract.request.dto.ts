import type { RenewContract } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Nested } from '../shared/dto-fields';
import { LabourContractDto } from '../shared/shared.dto';

export class RenewContractRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('pk-3f9a0c', { description: 'The person on the record: the new contract takes the old one’s place in the person registry' })
  personKey!: string;

  @Nested(() => LabourContractDto, { description: 'Starts the day after the current one ends; no second probation (劳动合同法 Art. 19 ¶2)' })
  contract!: LabourContractDto;

  static toData(b: RenewContractRequestDto): RenewContract['data'] {
    return { auxiliaryId: b.auxiliaryId, personKey: b.personKey, contract: LabourContractDto.toData(b.contract) };
  }
}
