import type { ReviewQualification } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Flag, Id, IdList, Nested, NestedList, OneOf, Text } from '../shared/dto-fields';
import { BackgroundFindingDto } from './recruitment.dto';

export class PostConditionMetDto {
  @Id('driving-licence')
  id!: string;

  @Flag(true)
  met!: boolean;
}

export class PoliticalAttestationDto {
  @OneOf(['MEETS', 'DOES_NOT_MEET'] as const, 'MEETS', { description: 'Art. 21 (1), judged by people: a negative one is recorded as a failed stage' })
  conclusion!: ReviewQualification['data']['politicalAttestation']['conclusion'];

  @Text('reviewer-1', { max: 200 })
  attestedBy!: string;

  @DateField('2024-10-20')
  attestedOn!: string;

  @IdList(['PA-1'], { description: 'The material it rests on' })
  materialRefs!: string[];
}

export class ReviewQualificationRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @NestedList(() => BackgroundFindingDto, { description: 'One finding per Art. 23 item (1)–(8); a missing item cannot be judged' })
  backgroundFindings!: BackgroundFindingDto[];

  @Id('pk-3f9a0c', { description: 'The applicant’s person key, as registered: the service history of Art. 23 (6) (擅自离职) is read from the person registry' })
  personKey!: string;

  @NestedList(() => PostConditionMetDto, { optional: true, description: 'Per post condition of the plan (Art. 21 (5)); one not listed counts as not met' })
  postConditions?: PostConditionMetDto[];

  @Nested(() => PoliticalAttestationDto)
  politicalAttestation!: PoliticalAttestationDto;

  static toData(b: ReviewQualificationRequestDto): ReviewQualification['data'] {
    const p = b.politicalAttestation;
    return {
      applicationId: b.applicationId,
      backgroundFindings: b.backgroundFindings.map(BackgroundFindingDto.toData),
      personKey: b.personKey,
      postConditions: (b.postConditions ?? []).map((c) => ({ id: c.id, met: c.met })),
      politicalAttestation: { conclusion: p.conclusion, attestedBy: p.attestedBy, attestedOn: p.attestedOn, materialRefs: [...p.materialRefs] },
    };
  }
}
