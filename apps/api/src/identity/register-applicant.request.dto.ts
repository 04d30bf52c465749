import { ApiProperty } from '@nestjs/swagger';
import type { RegisterApplication } from '@auxledger/domain';
import { IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../commands/shared/command-request.dto';
import { Id, IntegerList, Nested, NestedList, OneOf, Text } from '../commands/shared/dto-fields';
import { ApplicantProfileDto, RegisterApplicationRequestDto } from '../commands/recruitment/register-application.request.dto';

export class ContactDto {
  @Text('13800000000', { max: 40, nullable: true })
  phone?: string | null;

  @Text('呼和浩特市新城区', { max: 200, nullable: true })
  address?: string | null;
}

export class RegistrationDocumentDto {
  @Text('ID_CARD_COPY', { max: 60, description: 'What it is: ID card copy, diploma, household register, photo…' })
  kind!: string;

  @Text('REG-2024-0001-ID', { max: 200, description: 'Where the paper or scan is kept' })
  ref!: string;
}

/** The applicant's identity, given once at registration (Art. 20 (2) 报名); its birth date and nationality are the applicant's declared ones. */
export class IdentityDto {
  @Text('王晓明', { max: 100, description: '姓名' })
  name!: string;

  @OneOf(['MALE', 'FEMALE'] as const, 'MALE', { description: 'Must agree with the 17th character of the ID number' })
  gender!: 'MALE' | 'FEMALE';

  @ApiProperty({
    example: '15010220000517231X',
    description: '公民身份号码 (GB 11643-1999): 18 characters, the check character right, the birth date the declared one, a valid division; 400 NATIONAL_ID_INVALID otherwise. Never stored or answered in clear.',
  })
  @IsString()
  @MaxLength(40)
  idNumber!: string;

  @Nested(() => ContactDto)
  contact!: ContactDto;

  @NestedList(() => RegistrationDocumentDto, { optional: true, description: 'The documents given at registration; default none' })
  documents?: RegistrationDocumentDto[];
}

export class RegisterApplicantRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @Id('plan-2024-hohhot', { description: 'An announced plan (Art. 20 (1))' })
  planId!: string;

  @Nested(() => ApplicantProfileDto)
  applicant!: ApplicantProfileDto;

  @Nested(() => IdentityDto)
  identity!: IdentityDto;

  @IntegerList([], { min: 1, max: 6, optional: true, description: 'Art. 22 ¶1 items (1)–(6) claimed; default none' })
  preferenceCategories?: number[];

  @Id('open-2', { nullable: true, description: 'A targeted opening (Art. 22 ¶2); null: none' })
  targetedOpeningId?: string | null;

  /** The registration's data but the person key, which the server makes. */
  static toData(b: RegisterApplicantRequestDto): Omit<RegisterApplication['data'], 'personKey'> {
    const { personKey: _none, ...data } = RegisterApplicationRequestDto.toData({ ...b, personKey: '' } as RegisterApplicationRequestDto);
    return data;
  }
}
