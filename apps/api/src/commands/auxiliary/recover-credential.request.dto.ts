import type { RecoverCredential } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Text } from '../shared/dto-fields';

export class RecoverCredentialRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Text('NMG-FJ-000123', { max: 128, description: 'The serial of an item issued and not yet recovered' })
  serial!: string;

  static toData(b: RecoverCredentialRequestDto): RecoverCredential['data'] {
    return { auxiliaryId: b.auxiliaryId, serial: b.serial };
  }
}
