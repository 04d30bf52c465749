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
  applyDecorators(doc(o, { type: String, example, maxLength: o.max ?? 2000 }), ...optional(o), IsString(), MinLength(1), MaxLength(o.max ?? 2000));

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
