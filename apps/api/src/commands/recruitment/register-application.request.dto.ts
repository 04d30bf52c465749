import type { ApplicantProfile, RegisterApplication } from '@auxledger/domain';
import { EDUCATION_RANK, type EducationLevel, ORGAN_LEVELS, type RelaxationGround } from '@auxledger/statute';
import { Matches } from 'class-validator';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, IntegerList, Nested, OneOf, Text } from '../shared/dto-fields';

const EDUCATION_LEVELS = Object.keys(EDUCATION_RANK) as EducationLevel[];
const RELAXATION_GROUNDS: readonly RelaxationGround[] = ['VETERAN', 'FORMER_FIRE_RESCUE', 'SPECIAL_POST'];
type Approval = NonNullable<NonNullable<ApplicantProfile['educationRelaxation']>['approval']>;

export class RelaxationApprovalDto {
  @OneOf(['GOVERNMENT', 'PUBLIC_SECURITY', 'OTHER'] as const, 'PUBLIC_SECURITY')
  authority!: Approval['authority'];

  @OneOf(ORGAN_LEVELS, 'CITY')
  level!: Approval['level'];

  @Text('呼公批〔2024〕3号', { max: 200 })
  documentNumber!: string;
}

export class EducationRelaxationDto {
  @OneOf(RELAXATION_GROUNDS, 'VETERAN', { description: 'Art. 21 (3): 退役军人, 消防救援人员, special posts' })
  ground!: RelaxationGround;

  @Nested(() => RelaxationApprovalDto, { nullable: true })
  approval?: RelaxationApprovalDto | null;
}

export class ApplicantProfileDto {
  @DateField('2000-05-17', { description: 'Art. 21 (2) measures age on the registration date' })
  birthDate!: string;

  @Text('CN', { max: 2, description: 'ISO 3166-1 alpha-2 (Art. 21 (1))' })
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code' })
  nationality!: string;

  @OneOf(EDUCATION_LEVELS, 'JUNIOR_COLLEGE', { description: 'Art. 21 (3)' })
  education!: EducationLevel;

  @Nested(() => EducationRelaxationDto, { nullable: true, description: 'The relaxation to 高中/中专 claimed, with its approval; null: none' })
  educationRelaxation?: EducationRelaxationDto | null;
}

export class RegisterApplicationRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @Id('plan-2024-hohhot', { description: 'An announced plan (Art. 20 (1))' })
  planId!: string;

  @Id('pk-3f9a0c', { description: 'Salted hash of the ID number (never the number itself)' })
  personKey!: string;

  @Nested(() => ApplicantProfileDto)
  applicant!: ApplicantProfileDto;

  @IntegerList([], { min: 1, max: 6, optional: true, description: 'Art. 22 ¶1 items (1)–(6) claimed; default none' })
  preferenceCategories?: number[];

  @Id('open-2', { nullable: true, description: 'A targeted opening (Art. 22 ¶2); null: none' })
  targetedOpeningId?: string | null;

  static toData(b: RegisterApplicationRequestDto): RegisterApplication['data'] {
    const { applicant: a } = b;
    const relaxation = a.educationRelaxation;
    const approval = relaxation?.approval;
    return {
      applicationId: b.applicationId,
      planId: b.planId,
      personKey: b.personKey,
      applicant: {
        birthDate: a.birthDate,
        nationality: a.nationality,
        education: a.education,
        educationRelaxation: relaxation
          ? { ground: relaxation.ground, approval: approval ? { authority: approval.authority, level: approval.level, documentNumber: approval.documentNumber } : null }
          : null,
      },
      preferenceCategories: [...(b.preferenceCategories ?? [])],
      targetedOpeningId: b.targetedOpeningId ?? null,
    };
  }
}
