import { ApiProperty } from '@nestjs/swagger';
import type { ApiRole } from '../auth/principal';
import { IdList, OneOf, Text } from '../commands/shared/dto-fields';

export const API_ROLES: readonly ApiRole[] = ['admin', 'operator', 'auditor', 'viewer'];

export class CreateKeyRequestDto {
  @Text('新城分局 政工室 张三', { max: 200, description: 'Who or what holds the key (for people reading the log)' })
  name!: string;

  @OneOf(API_ROLES, 'operator')
  role!: ApiRole;

  @IdList(['xincheng'], { optional: true, description: 'Operators only: the organs (with their subtrees) this key may command' })
  organIds?: string[];
}

export class ApiKeyDto {
  @ApiProperty({ example: '3f9a0c5e7b1d2a48' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: API_ROLES })
  role!: ApiRole;

  @ApiProperty({ type: [String] })
  organIds!: string[];

  @ApiProperty()
  createdAt!: string;

  @ApiProperty({ nullable: true, type: String })
  createdBy!: string | null;

  @ApiProperty({ nullable: true, type: String })
  revokedAt!: string | null;
}

export class CreatedKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself: shown once, stored only as a salted hash', example: 'axl_3f9a0c5e7b1d2a48_…' })
  key!: string;
}
