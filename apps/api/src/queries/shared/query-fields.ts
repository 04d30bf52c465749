import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, registerDecorator } from 'class-validator';
import { IDENTIFIER, IsIsoDate } from '../../commands/shared/dto-fields';

/**
 * Query-string parameters: validation and OpenAPI in one line each. Values
 * arrive as text; lists are comma-separated (`status=ACTIVE,SUSPENDED`); a
 * parameter given twice is an array and refused.
 */
const doc = (description: string, extra: Record<string, unknown> = {}) => ApiProperty({ required: false, description, ...extra });

/** An ISO-8601 instant with its offset: `2025-01-02T08:00:00Z`, `2025-01-02T16:00:00.000+08:00`. Hours 00–23 (no `24:00`), offsets up to ±14:00. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/**
 * The dates a query may ask about: from 1900-01-01 (nothing on record is
 * older; year 0000 is a typo, not a question) to 9999-12-31.
 */
export const EARLIEST_QUERY_DATE = '1900-01-01';

export function IsQueryDate() {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isQueryDate',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value >= EARLIEST_QUERY_DATE,
        defaultMessage: () => `${String(propertyName)} must be on or after ${EARLIEST_QUERY_DATE}`,
      },
    });
}

export function IsInstant() {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && isRealDate(value.slice(0, 10)) && value.slice(0, 10) >= EARLIEST_QUERY_DATE,
        defaultMessage: () => `${String(propertyName)} must be an ISO-8601 instant with its offset, e.g. 2025-01-02T08:00:00Z (hours 00–23, from ${EARLIEST_QUERY_DATE})`,
      },
    });
}

const isRealDate = (date: string) => new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;

/** The instant as the read models store it: ISO-8601 UTC with milliseconds. */
export const normalInstant = (instant: string): string => new Date(instant).toISOString();

export const OrganParam = (description: string, required = false) =>
  applyDecorators(
    ApiProperty({ required, description, example: 'xincheng', pattern: IDENTIFIER.source }),
    ...(required ? [] : [IsOptional()]),
    IsString(),
    Matches(IDENTIFIER, { message: '$property must be an organ id: 1–128 letters, digits or ._:-' }),
  );

export const IdParam = (description: string, example: string) =>
  applyDecorators(doc(description, { example, pattern: IDENTIFIER.source }), IsOptional(), IsString(), Matches(IDENTIFIER, { message: '$property must be 1–128 letters, digits or ._:-' }));

export const AsOfParam = () =>
  applyDecorators(doc('The effective date (valid time), YYYY-MM-DD; default today in Asia/Shanghai', { format: 'date', example: '2025-01-02' }), IsOptional(), IsIsoDate(), IsQueryDate());

export const KnownAtParam = () =>
  applyDecorators(
    doc('As the record stood at this instant (transaction time), ISO-8601 with offset; default now', { format: 'date-time', example: '2025-01-02T08:00:00Z' }),
    IsOptional(),
    IsInstant(),
  );

export const InstantParam = (description: string) => applyDecorators(doc(description, { format: 'date-time' }), IsOptional(), IsInstant());
export const DateParam = (description: string) => applyDecorators(doc(description, { format: 'date' }), IsOptional(), IsIsoDate(), IsQueryDate());

export const FlagParam = (description: string) => applyDecorators(doc(description, { enum: ['true', 'false'] }), IsOptional(), IsIn(['true', 'false']));
export const flag = (value: 'true' | 'false' | undefined, fallback: boolean): boolean => (value === undefined ? fallback : value === 'true');

export const OneOfParam = (values: readonly string[], description: string) => applyDecorators(doc(description, { enum: [...values] }), IsOptional(), IsIn([...values]));

/** A comma-separated list of allowed values. */
export const ListParam = (values: readonly string[], description: string) =>
  applyDecorators(
    doc(`${description}; comma-separated, of ${values.join(', ')}`, { example: values.slice(0, 2).join(',') }),
    IsOptional(),
    IsString(),
    Matches(new RegExp(`^(${values.join('|')})(,(${values.join('|')}))*$`), { message: `$property must be a comma-separated list of ${values.join(', ')}` }),
  );
export const list = (value: string | undefined): string[] | undefined => (value === undefined ? undefined : [...new Set(value.split(','))]);

export const IntParam = (description: string, o: { min: number; max: number; example?: number }) =>
  applyDecorators(
    doc(description, { type: Number, minimum: o.min, maximum: o.max, ...(o.example !== undefined ? { example: o.example } : {}) }),
    IsOptional(),
    // Decimal digits only: `1e1`, `0x10`, ` 10`, `10.0` stay text and are refused, not read as 10.
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value)),
    IsInt(),
    Min(o.min),
    Max(o.max),
  );

/** What every query takes: read-your-writes. */
export abstract class ReadQueryDto {
  @IntParam(
    'Read-your-writes: answer only once the read models hold every event up to this global position (the largest `globalPosition` of the events a command answered). ' +
      'Waits up to AUXLEDGER_MIN_POSITION_WAIT_MS; then 409 PROJECTION_BEHIND. A position the log does not have: 400 MIN_POSITION_BEYOND_LOG.',
    { min: 0, max: Number.MAX_SAFE_INTEGER, example: 42 },
  )
  minPosition?: number;
}

/** Keyset paging: `limit` entries, then pass the answer's `next` as `cursor`. */
export abstract class PagedQueryDto extends ReadQueryDto {
  @IntParam('Entries per page (default 100, at most 1000)', { min: 1, max: 1000, example: 100 })
  limit?: number;

  @ApiProperty({ required: false, description: 'The `next` of the previous page (opaque); absent: the first page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: '$property must be the `next` of a previous answer' })
  cursor?: string;
}

export const DEFAULT_PAGE = 100;
