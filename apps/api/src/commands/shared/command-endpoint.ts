import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/principal';
import { ErrorBodyDto } from '../../errors/error-body.dto';

class CommandAcceptedDto {
  @ApiProperty({ example: '8d3c5e1a-4f7b-4c1e-9a51-2b7d0c6e9f10' })
  commandId!: string;

  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';

  @ApiProperty({ description: 'True when this command id was accepted before: the events are those of the first time' })
  replayed!: boolean;

  @ApiProperty({
    description: 'The events as stored: eventId, type, schemaVersion, data, metadata (commandId, actor, effectiveDate, recordedAt, ruleSetRevision, prevHash, hash), streamId, streamRevision, globalPosition',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  events!: unknown[];

  @ApiProperty({ nullable: true, description: 'The rule set and parameters (value, source, isDefault) the decision read; null on a replay', type: 'object', additionalProperties: true })
  judgement!: unknown;
}

const error = (status: number, description: string) => ApiResponse({ status, description, type: ErrorBodyDto });

/**
 * The optional `Idempotency-Key` header, on the route: OpenAPI merges it by
 * name with the header the handler reads, which it would otherwise list as required.
 */
export const IdempotencyKeyHeader = () =>
  ApiHeader({ name: 'idempotency-key', required: false, description: 'Idempotency-Key: the command id; the same key answers the first outcome again, without new events' });

/** What every command endpoint shares: roles and the documented answers (POST answers 201). */
export const CommandEndpoint = () =>
  applyDecorators(
    ApiTags('commands'),
    ApiBearerAuth(),
    Roles('admin', 'operator'),
    ApiResponse({ status: 201, description: 'Accepted: the events written', type: CommandAcceptedDto }),
    error(400, 'Malformed body: every field error in Chinese and English'),
    error(401, 'No valid API key'),
    error(403, 'Role not allowed, or organ outside the key’s organs'),
    error(409, 'Refused by the state of the record (STATE), concurrent writes after retries, or COMMAND_ID_REUSED'),
    error(422, 'Refused by the regulation: every violation with its citation'),
  );
