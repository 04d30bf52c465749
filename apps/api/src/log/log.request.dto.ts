import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IntParam } from '../queries/shared/query-fields';

/** `GET /api/log/proofs/inclusion`: which event, and in which tree. */
export class InclusionProofRequestDto {
  @ApiProperty({ description: 'The event: its id (UUID) or its global position', example: '42' })
  @IsString()
  @Matches(/^([1-9][0-9]{0,14}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, { message: '$property must be an event id (lower-case UUID) or a global position' })
  event!: string;

  @IntParam('The tree size to prove against (default: the latest signed checkpoint, or a new one when the event came after it)', { min: 1, max: Number.MAX_SAFE_INTEGER, example: 1000 })
  treeSize?: number;
}
