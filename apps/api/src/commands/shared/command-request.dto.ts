import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IDENTIFIER, IsIsoDate } from './dto-fields';

/** What every command body may carry besides its data. */
export abstract class CommandRequestDto {
  // No example: command ids are global, and an example id would be used up by the first "Try it out" of the deployment.
  @ApiProperty({ required: false, pattern: IDENTIFIER.source, description: 'Optional: leave it out and a new UUID is drawn. Ids are global and claimed once: the same id answers the first outcome again to the same command (`replayed: true`), COMMAND_ID_REUSED to any other. The `Idempotency-Key` header does the same.' })
  @IsOptional()
  @IsString()
  @Matches(IDENTIFIER, { message: '$property must be 1–128 letters, digits or ._:-' })
  commandId?: string;

  @ApiProperty({ required: false, format: 'date', example: '2025-01-02', description: 'The date the command takes effect (valid time; rules are chosen by it). Default: today in Asia/Shanghai.' })
  @IsOptional()
  @IsIsoDate()
  effectiveDate?: string;
}
