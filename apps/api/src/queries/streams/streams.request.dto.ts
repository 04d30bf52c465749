import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IntParam, ReadQueryDto } from '../shared/query-fields';

/** A stream id: its kind, `-`, the record's id (`auxiliary-a-001`, `application-app-7`, `command-<uuid>`). */
const STREAM_ID = /^[A-Za-z0-9._:-]{1,200}$/;

export class StreamsRequestDto extends ReadQueryDto {
  @ApiProperty({ required: false, description: 'Only streams whose id starts with this (e.g. `application-`, `auxiliary-a-0`); default: every stream', example: 'application-' })
  @IsOptional()
  @IsString()
  @Matches(STREAM_ID, { message: '$property must be the start of a stream id: 1–200 letters, digits or ._:-' })
  prefix?: string;

  @IntParam('Streams per page (default 100, at most 1000)', { min: 1, max: 1000, example: 100 })
  limit?: number;

  @ApiProperty({ required: false, description: 'The `next` of the previous page (a stream id); absent: the first page' })
  @IsOptional()
  @IsString()
  @Matches(STREAM_ID, { message: '$property must be the `next` of a previous answer' })
  cursor?: string;
}

export class StreamParamsDto {
  @ApiProperty({ description: 'The stream id, as `GET /api/streams` lists it', example: 'application-app-7', pattern: STREAM_ID.source })
  @IsString()
  @Matches(STREAM_ID, { message: '$property must be a stream id: 1–200 letters, digits or ._:-' })
  streamId!: string;
}

export class StreamEventsRequestDto {
  @IntParam('The first revision to answer (0-based, default 0): the `next` of the previous page', { min: 0, max: Number.MAX_SAFE_INTEGER, example: 0 })
  fromRevision?: number;

  @IntParam('Events per page (default 100, at most 1000)', { min: 1, max: 1000, example: 100 })
  limit?: number;
}
