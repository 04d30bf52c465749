import type { CorrectRetroactiveConflict } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Integer, Text } from '../shared/dto-fields';

export class CorrectRetroactiveConflictRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Integer(7, { max: 1_000_000, description: "The corrected event's index in the record (the hire 0), as the RETROACTIVE_CONFLICT finding names it (details.later.index)" })
  eventIndex!: number;

  @Text('新公纠字〔2027〕1号', { max: 200, description: "The organ's decision (决定文号)" })
  decisionRef!: string;

  static toData(b: CorrectRetroactiveConflictRequestDto): CorrectRetroactiveConflict['data'] {
    return { auxiliaryId: b.auxiliaryId, eventIndex: b.eventIndex, decisionRef: b.decisionRef };
  }
}
