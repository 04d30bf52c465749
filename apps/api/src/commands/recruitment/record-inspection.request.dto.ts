import type { RecordInspection } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, NestedList } from '../shared/dto-fields';
import { BackgroundFindingDto } from './recruitment.dto';

export class RecordInspectionRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @NestedList(() => BackgroundFindingDto, { description: 'Art. 23 items re-examined; the others keep the qualification review’s clearance' })
  backgroundFindings!: BackgroundFindingDto[];

  @Id('pk-3f9a0c', { description: 'The applicant’s person key, as registered: the service history of Art. 23 (6) (擅自离职) is read from the person registry' })
  personKey!: string;

  static toData(b: RecordInspectionRequestDto): RecordInspection['data'] {
    return { applicationId: b.applicationId, backgroundFindings: b.backgroundFindings.map(BackgroundFindingDto.toData), personKey: b.personKey };
  }
}
