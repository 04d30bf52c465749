import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { isIsoDate } from '@auxledger/statute';

/**
 * Field decorators for command DTOs: validation and OpenAPI in one line each.
 * Identifiers name streams (`auxiliary-<id>`), so they are short and plain.
 */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_LIST = 100;

type Opt = { optional?: boolean; nullable?: boolean; description?: string };

const optional = (o: Opt) => (o.optional || o.nullable ? [IsOptional()] : []);
const doc = (o: Opt, extra: ApiPropertyOptions) =>
  ApiProperty({ required: !(o.optional || o.nullable), ...(o.nullable ? { nullable: true } : {}), ...(o.description ? { description: o.description } : {}), ...extra } as ApiPropertyOptions);

export function IsIsoDate() {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: (value: unknown) => isIsoDate(value), defaultMessage: () => `${String(propertyName)} must be a calendar date YYYY-MM-DD` },
    });
}

/**
 * What free text may not hold: bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F, U+061C), which
 * make a text display otherwise than it reads (Trojan Source, CVE-2021-42574);
 * zero-width characters (U+200B–U+200D, U+2060, U+FEFF), which make two texts
 * that look alike differ; and every C0 and C1 control (U+0000–U+001F,
 * U+007F–U+009F), line breaks and tabs included. Refused, not normalised: the
 * log records what the operator sent, and a record of the state must not
 * silently differ from what was typed — the client removes the character, or
 * learns where it was.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what this pattern finds
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;

const codePoint = (c: string) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character free text may not hold (`NOT_PLAIN`), as U+XXXX, and where; null when there is none. */
export function notPlain(text: string): { codePoint: string; index: number } | null {
  const m = NOT_PLAIN.exec(text);
  return m ? { codePoint: codePoint(m[0]), index: m.index } : null;
}

/** class-validator: free text without bidi controls, zero-width or control characters (`NOT_PLAIN`); the message names the first one and its position. */
export function IsPlainText(each = false) {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { each },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || notPlain(value) === null,
        defaultMessage: (args) => {
          const found = typeof args?.value === 'string' ? notPlain(args.value) : null;
          return found
            ? `${String(propertyName)} holds ${found.codePoint} at position ${found.index}: bidi controls, zero-width and control characters are refused (remove it)`
            : `${String(propertyName)} must not hold bidi controls, zero-width or control characters`;
        },
      },
    });
}

export const Id = (example: string, o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: String, example, pattern: IDENTIFIER.source }),
    ...optional(o),
    IsString(),
    Matches(IDENTIFIER, { message: '$property must be 1–128 letters, digits or ._:- (starting with a letter or digit)' }),
  );

export const IdList = (example: string[], o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: [String], example }),
    ...optional(o),
    IsArray(),
    ArrayMaxSize(MAX_LIST),
    IsString({ each: true }),
    Matches(IDENTIFIER, { each: true, message: 'each of $property must be 1–128 letters, digits or ._:-' }),
  );

export const Text = (example: string, o: Opt & { max?: number } = {}) =>
  applyDecorators(
    doc(o, { type: String, example, maxLength: o.max ?? 2000, description: [o.description, 'Plain text: no bidi controls, zero-width or control characters (refused, 400).'].filter(Boolean).join(' ') }),
    ...optional(o),
    IsString(),
    MinLength(1),
    MaxLength(o.max ?? 2000),
    IsPlainText(),
  );

export const DateField = (example: string, o: Opt = {}) =>
  applyDecorators(doc(o, { type: String, format: 'date', example }), ...optional(o), IsIsoDate());

export const OneOf = <T extends string>(values: readonly T[], example: T, o: Opt = {}) =>
  applyDecorators(doc(o, { enum: [...values], example }), ...optional(o), IsIn([...values]));

export const ManyOf = <T extends string>(values: readonly T[], example: T[], o: Opt = {}) =>
  applyDecorators(doc(o, { enum: [...values], isArray: true, example }), ...optional(o), IsArray(), ArrayMaxSize(MAX_LIST), IsIn([...values], { each: true }));

export const Integer = (example: number, o: Opt & { min?: number; max?: number } = {}) =>
  applyDecorators(
    doc(o, { type: Number, example, minimum: o.min ?? 0, ...(o.max !== undefined ? { maximum: o.max } : {}) }),
    ...optional(o),
    IsInt(),
    Min(o.min ?? 0),
    ...(o.max !== undefined ? [Max(o.max)] : [Max(Number.MAX_SAFE_INTEGER)]),
  );

export const Flag = (example: boolean, o: Opt = {}) => applyDecorators(doc(o, { type: Boolean, example }), ...optional(o), IsBoolean());

// OpenAPI takes a lazy type only from a function named `type` (declared as `type: () => X`); a thunk passed in is not, so it is wrapped in one.
export const Nested = (type: () => new () => object, o: Opt = {}) =>
  applyDecorators(doc(o, { type: () => type() }), ...optional(o), IsObject(), ValidateNested(), Type(type));

export const NestedList = (type: () => new () => object, o: Opt = {}) =>
  applyDecorators(doc(o, { type: () => type(), isArray: true }), ...optional(o), IsArray(), ArrayMaxSize(MAX_LIST), IsObject({ each: true }), ValidateNested({ each: true }), Type(type));

/** A decimal number (scores): finite, within its range. */
export const Decimal = (example: number, o: Opt & { min?: number; max: number }) =>
  applyDecorators(
    doc(o, { type: Number, example, minimum: o.min ?? 0, maximum: o.max }),
    ...optional(o),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(o.min ?? 0),
    Max(o.max),
  );

/** Whole numbers from a small numbered list, e.g. the items of an article. */
export const IntegerList = (example: number[], o: Opt & { min: number; max: number }) =>
  applyDecorators(
    doc(o, { type: [Number], example, minimum: o.min, maximum: o.max }),
    ...optional(o),
    IsArray(),
    ArrayMaxSize(MAX_LIST),
    IsInt({ each: true }),
    Min(o.min, { each: true }),
    Max(o.max, { each: true }),
  );
