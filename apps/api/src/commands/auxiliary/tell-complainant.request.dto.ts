import type { TellComplainant } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Text } from '../shared/dto-fields';

export class TellComplainantRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('cmp-0001')
  complaintId!: string;

  @Text('电话告知', { max: 200, description: 'How the complainant was told (Art. 38 ¶2)' })
  means!: string;

  static toData(b: TellComplainantRequestDto): TellComplainant['data'] {
    return { auxiliaryId: b.auxiliaryId, complaintId: b.complaintId, means: b.means };
  }
}
