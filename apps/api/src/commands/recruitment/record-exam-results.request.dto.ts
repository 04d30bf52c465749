import type { RecordExamResults } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Decimal, Id, Nested } from '../shared/dto-fields';

export class ExamScoresDto {
  @Decimal(80, { max: 1000 })
  written!: number;

  @Decimal(90, { max: 1000 })
  physical!: number;

  @Decimal(85, { max: 1000 })
  interview!: number;

  @Decimal(84, { max: 1000, description: 'The score that ranks applicants (Art. 22 ¶1)' })
  total!: number;
}

export class RecordExamResultsRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @Nested(() => ExamScoresDto)
  scores!: ExamScoresDto;

  static toData(b: RecordExamResultsRequestDto): RecordExamResults['data'] {
    const s = b.scores;
    return { applicationId: b.applicationId, scores: { written: s.written, physical: s.physical, interview: s.interview, total: s.total } };
  }
}
