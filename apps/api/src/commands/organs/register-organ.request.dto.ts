import type { RegisterOrgan } from '@auxledger/domain';
import { ORGAN_KINDS, ORGAN_LEVELS } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, OneOf, Text } from '../shared/dto-fields';

export class RegisterOrganRequestDto extends CommandRequestDto {
  @Id('xincheng')
  organId!: string;

  @Text('呼和浩特市公安局新城区分局', { max: 200 })
  name!: string;

  @OneOf(ORGAN_LEVELS, 'COUNTY')
  level!: RegisterOrgan['data']['level'];

  @OneOf(ORGAN_KINDS, 'PUBLIC_SECURITY', { description: 'Art. 46' })
  kind!: RegisterOrgan['data']['kind'];

  @Id('hohhot', { nullable: true, description: 'null for the REGION organ' })
  parentId?: string | null;

  static toData(b: RegisterOrganRequestDto): RegisterOrgan['data'] {
    return { organId: b.organId, name: b.name, level: b.level, kind: b.kind, parentId: b.parentId ?? null };
  }
}
