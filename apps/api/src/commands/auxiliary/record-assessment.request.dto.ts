import type { RecordAssessment } from '@auxledger/domain';
import { ASSESSMENT_DIMENSIONS, type AssessmentDimension } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, ManyOf, Text } from '../shared/dto-fields';

export class RecordAssessmentRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('as-2025')
  assessmentId!: string;

  @Text('2025', { max: 64 })
  period!: string;

  @ManyOf(ASSESSMENT_DIMENSIONS, [...ASSESSMENT_DIMENSIONS], { description: 'Art. 36 ¶2' })
  dimensions!: AssessmentDimension[];

  @Text('称职', { max: 32, description: 'A grade of the assessment.grades parameter' })
  grade!: string;

  static toData(b: RecordAssessmentRequestDto): RecordAssessment['data'] {
    return { auxiliaryId: b.auxiliaryId, assessmentId: b.assessmentId, period: b.period, dimensions: [...b.dimensions], grade: b.grade };
  }
}
