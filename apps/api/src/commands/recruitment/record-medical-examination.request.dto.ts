import type { RecordMedicalExamination } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Text } from '../shared/dto-fields';

export class RecordMedicalExaminationRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @Text('MED-2024-0001', { max: 200, description: 'The sealed report: health data (PIPL) never enters the log' })
  reportRef!: string;

  static toData(b: RecordMedicalExaminationRequestDto): RecordMedicalExamination['data'] {
    return { applicationId: b.applicationId, reportRef: b.reportRef };
  }
}
