import type { RecordExistingService, TrainingTopic } from '@auxledger/domain';
import type { InsuranceKind } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, Integer, ManyOf, Nested, NestedList, OneOf, Text } from '../shared/dto-fields';
import { LabourContractDto, PayDto } from '../shared/shared.dto';

const TOPICS: readonly TrainingTopic[] = ['POLITICS', 'LAW', 'DISCIPLINE', 'ETHICS', 'SECRECY', 'SKILLS'];
const KINDS: readonly InsuranceKind[] = ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'];

export class TrainingOnFileDto {
  @Id('trn-2016-031')
  trainingId!: string;

  @OneOf(['PRE_JOB', 'ANNUAL', 'SPECIAL'] as const, 'PRE_JOB', { description: '岗前、年度、专项培训 (Art. 35), passed' })
  kind!: RecordExistingService['data']['trainings'][number]['kind'];

  @Integer(2023, { nullable: true, min: 1980, max: 2100, description: 'For annual training: the year it counts for' })
  year?: number | null;

  @ManyOf(TOPICS, ['LAW', 'DISCIPLINE'])
  topics!: TrainingTopic[];

  @DateField('2016-03-20')
  completedOn!: string;
}

export class InsuranceOnFileDto {
  @ManyOf(KINDS, ['PENSION', 'MEDICAL', 'WORK_INJURY'])
  kinds!: InsuranceKind[];

  @DateField('2016-04-01')
  enrolledOn!: string;

  @Text('社保2016-118', { max: 200 })
  reference!: string;
}

export class RecordExistingServiceRequestDto extends CommandRequestDto {
  @Id('aux-m0001', { description: 'The auxiliary id, chosen by the client' })
  auxiliaryId!: string;

  @Id('pk-3f9a0c', { description: 'The server-made person key (HMAC of the ID number), never the number itself' })
  personKey!: string;

  @Id('xincheng', { description: '谁使用、谁管理、谁负责 (Art. 34 ¶1)' })
  usingOrganId!: string;

  @OneOf(['CIVILIAN', 'DUTY'] as const, 'DUTY')
  category!: RecordExistingService['data']['category'];

  @DateField('2016-03-01', { description: 'The day the service began, as found: before 2024-09-01 (Art. 47) or before the organ\'s record began' })
  hiredOn!: string;

  @Text('L2', { max: 32 })
  level!: string;

  @Nested(() => PayDto)
  pay!: PayDto;

  @Nested(() => LabourContractDto, { description: 'The labour contract in force on the effective date (the latest renewal)' })
  contract!: LabourContractDto;

  @DateField('2016-09-01', { nullable: true, description: '转正 on file; null: none recorded' })
  probationCompletedOn?: string | null;

  @NestedList(() => TrainingOnFileDto, { description: 'Passed trainings on file' })
  trainings!: TrainingOnFileDto[];

  @NestedList(() => InsuranceOnFileDto, { description: 'Insurance on file (Art. 28)' })
  insurance!: InsuranceOnFileDto[];

  @Text('新城分局辅警档案2016-031', { max: 200, description: 'Where the facts were taken from (档案)' })
  sourceRef!: string;

  static toData(b: RecordExistingServiceRequestDto): RecordExistingService['data'] {
    return {
      auxiliaryId: b.auxiliaryId,
      personKey: b.personKey,
      usingOrganId: b.usingOrganId,
      category: b.category,
      hiredOn: b.hiredOn,
      level: b.level,
      pay: PayDto.toData(b.pay),
      contract: LabourContractDto.toData(b.contract),
      probationCompletedOn: b.probationCompletedOn ?? null,
      trainings: b.trainings.map((t) => ({ trainingId: t.trainingId, kind: t.kind, year: t.year ?? null, topics: [...t.topics], completedOn: t.completedOn })),
      insurance: b.insurance.map((i) => ({ kinds: [...i.kinds], enrolledOn: i.enrolledOn, reference: i.reference })),
      sourceRef: b.sourceRef,
    };
  }
}
