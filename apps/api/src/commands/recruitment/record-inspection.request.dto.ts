import type { RecordInspection } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, NestedList } from '../shared/dto-fields';
import { BackgroundFindingDto, ServiceRecordDto } from './recruitment.dto';

export class RecordInspectionRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @NestedList(() => BackgroundFindingDto, { description: 'Art. 23 items re-examined; the others keep the qualification review’s clearance' })
  backgroundFindings!: BackgroundFindingDto[];

  @NestedList(() => ServiceRecordDto, { optional: true, description: 'The service history read again (Art. 23 (6)); default none' })
  serviceHistory?: ServiceRecordDto[];

  static toData(b: RecordInspectionRequestDto): RecordInspection['data'] {
    return { applicationId: b.applicationId, backgroundFindings: b.backgroundFindings.map(BackgroundFindingDto.toData), serviceHistory: (b.serviceHistory ?? []).map(ServiceRecordDto.toData) };
  }
}
