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

/** `{ error: { code, message: { zh, en }, details? } }` — the one error shape. */
export class ErrorBodyDto {
  @ApiProperty({ type: ErrorDto })
  error!: ErrorDto;
}
