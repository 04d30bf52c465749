import { ApiProperty } from '@nestjs/swagger';

export class BilingualDto {
  @ApiProperty({ example: '该辅警编号已有聘用记录' })
  zh!: string;

  @ApiProperty({ example: 'This auxiliary id already has a hire on record' })
  en!: string;
}

export class ErrorDto {
  @ApiProperty({
    example: 'REFUSED_BY_STATUTE',
    description:
      'Stable code. 400 VALIDATION_FAILED, MALFORMED_JSON, BODY_TOO_DEEP, INVALID_IDEMPOTENCY_KEY, COMMAND_ID_MISMATCH, INVALID_JSON_VALUE, MIN_POSITION_BEYOND_LOG, INVALID_CURSOR, ORGAN_REQUIRED; ' +
      '401 UNAUTHENTICATED, INVALID_API_KEY; 403 ROLE_NOT_ALLOWED, ORGAN_OUT_OF_SCOPE; 404 NOT_FOUND, KEY_NOT_FOUND, PERSON_NOT_FOUND, ORGAN_NOT_FOUND; ' +
      '409 a STATE refusal code of the domain (AUXILIARY_NOT_HIRED …), CONCURRENCY_CONFLICT, COMMAND_ID_REUSED, PROJECTION_BEHIND; 413 BODY_TOO_LARGE, EVENT_TOO_LARGE; ' +
      '408 REQUEST_TIMEOUT; 422 REFUSED_BY_STATUTE; 429 TOO_MANY_REQUESTS; 431 HEADERS_TOO_LARGE; 500 INTERNAL_ERROR; 503 NOT_READY, STORE_UNAVAILABLE, READ_MODELS_NOT_BUILT, READ_MODELS_OUTDATED',
  })
  code!: string;

  @ApiProperty({ type: BilingualDto })
  message!: BilingualDto;

  @ApiProperty({
    required: false,
    description:
      'VALIDATION_FAILED: { fields: [{ field, constraints: [{ rule, zh, en }] }] }. REFUSED_BY_STATUTE: { commandId, commandType, refusal: "STATUTE", effectiveDate, ruleSet, usedDefaults, ' +
      'violations: [{ ruleId, kind, citation, citationText: { zh, en }, alsoCited, message: { zh, en }, observed, expected, parameters: [{ key, value, source, isDefault, from, until }] }], recordedOnly }. ' +
      'STATE refusals: { commandId, commandType, refusal: "STATE", context? }.',
    type: Object,
    additionalProperties: true,
  })
  details?: Record<string, unknown>;
}

/**
 * The one error shape, served as RFC 9457 problem details
 * (`application/problem+json`): type, title, status, detail, instance, then
 * our code, message and violations — and `error: { code, message, details? }`
 * as before.
 */
export class ErrorBodyDto {
  @ApiProperty({ example: 'urn:auxledger:problem:REFUSED_BY_STATUTE', description: 'RFC 9457 type: urn:auxledger:problem:<code>' })
  type!: string;

  @ApiProperty({ example: 'Unprocessable Entity', description: 'RFC 9457 title: the status phrase' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiProperty({ example: 'The regulation refuses this command: 1 violation(s) of PAY-LEVEL', description: 'The message in the language of Accept-Language (zh…, else English)' })
  detail!: string;

  @ApiProperty({ required: false, example: '/api/commands/hire', description: 'The path (never the query)' })
  instance?: string;

  @ApiProperty({ example: 'REFUSED_BY_STATUTE', description: 'The stable code (as error.code)' })
  code!: string;

  @ApiProperty({ type: BilingualDto })
  message!: BilingualDto;

  @ApiProperty({ required: false, type: 'array', items: { type: 'object', additionalProperties: true }, description: 'REFUSED_BY_STATUTE: the violations; VALIDATION_FAILED: the fields and their errors (as in error.details)' })
  violations?: unknown[];

  @ApiProperty({ type: ErrorDto })
  error!: ErrorDto;
}
