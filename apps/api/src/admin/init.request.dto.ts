import { DateParam, FlagParam, IntParam } from '../queries/shared/query-fields';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The first start's options, in the query string; the body is the region organ file itself. */
export class InitRequestDto {
  @FlagParam('List the commands it would record, record nothing (default false)')
  dryRun?: 'true' | 'false';

  @IntParam('用人额度 (Art. 7) of every county-level organ, set by the region organ; absent: no quota', { min: 0, max: 100_000, example: 20 })
  quota?: number;

  @ApiProperty({ required: false, description: 'The approving document (批准文件) of the quota; required with `quota`', example: '内公辅额〔2026〕1号' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  quotaDocument?: string;

  @DateParam('The effective date of every command (default: today in China)')
  effectiveDate?: string;
}
