import type { CompleteProbation } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id } from '../shared/dto-fields';

export class CompleteProbationRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  static toData(b: CompleteProbationRequestDto): CompleteProbation['data'] {
    return { auxiliaryId: b.auxiliaryId };
  }
}
