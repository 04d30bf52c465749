import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IDENTIFIER } from '../../commands/shared/dto-fields';
import { AsOfParam, KnownAtParam, ReadQueryDto } from '../shared/query-fields';

export class PersonFileParamsDto {
  @ApiProperty({ example: 'aux-1', pattern: IDENTIFIER.source })
  @IsString()
  @Matches(IDENTIFIER, { message: '$property must be 1–128 letters, digits or ._:-' })
  auxiliaryId!: string;
}

export class PersonFileRequestDto extends ReadQueryDto {
  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}
