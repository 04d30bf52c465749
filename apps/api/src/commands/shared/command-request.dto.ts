import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IDENTIFIER, IsIsoDate } from './dto-fields';

/** What every command body may carry besides its data. */
export abstract class CommandRequestDto {
  @ApiProperty({ required: false, example: '8d3c5e1a-4f7b-4c1e-9a51-2b7d0c6e9f10', description: 'Idempotency: the same id answers the first outcome again. The `Idempotency-Key` header does the same; default: a new UUID.' })
  @IsOptional()
  @IsString()
  @Matches(IDENTIFIER, { message: '$property must be 1–128 letters, digits or ._:-' })
  commandId?: string;

  @ApiProperty({ required: false, format: 'date', example: '2025-01-02', description: 'The date the command takes effect (valid time; rules are chosen by it). Default: today in Asia/Shanghai.' })
  @IsOptional()
  @IsIsoDate()
  effectiveDate?: string;
}
