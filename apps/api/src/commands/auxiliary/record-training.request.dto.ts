import type { RecordTraining, TrainingTopic } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, Integer, ManyOf, OneOf } from '../shared/dto-fields';

const TOPICS: readonly TrainingTopic[] = ['POLITICS', 'LAW', 'DISCIPLINE', 'ETHICS', 'SECRECY', 'SKILLS'];

export class RecordTrainingRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('trn-0001')
  trainingId!: string;

  @OneOf(['PRE_JOB', 'ANNUAL', 'SPECIAL'] as const, 'PRE_JOB', { description: '岗前、年度、专项培训 (Art. 35)' })
  kind!: RecordTraining['data']['kind'];

  @Integer(2025, { nullable: true, min: 2000, max: 2100, description: 'For annual training: the year it counts for' })
  year?: number | null;

  @ManyOf(TOPICS, ['POLITICS', 'LAW'])
  topics!: TrainingTopic[];

  @DateField('2025-01-20')
  completedOn!: string;

  @OneOf(['PASSED', 'FAILED'] as const, 'PASSED')
  outcome!: 'PASSED' | 'FAILED';

  static toData(b: RecordTrainingRequestDto): RecordTraining['data'] {
    return { auxiliaryId: b.auxiliaryId, trainingId: b.trainingId, kind: b.kind, year: b.year ?? null, topics: [...b.topics], completedOn: b.completedOn, outcome: b.outcome };
  }
}
