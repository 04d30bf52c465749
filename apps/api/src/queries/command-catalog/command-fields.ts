import type { Type } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

/** One form field as the DTO's OpenAPI metadata declares it (the ValidationPipe checks the same decorators). */
export interface CommandField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'enum' | 'object' | 'array';
  required: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** enum: the allowed codes (labelled by the catalog). */
  enum?: EnumValue[];
  /** object: its fields. */
  fields?: CommandField[];
  /** array: what each item is. */
  items?: Omit<CommandField, 'name' | 'required'>;
}

export interface EnumValue {
  value: string;
  label?: { zh: string; en: string };
  [extra: string]: unknown;
}

interface SwaggerProperty {
  type?: unknown;
  isArray?: boolean;
  required?: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  enum?: unknown[];
  items?: SwaggerProperty;
}

const isClass = (t: unknown): t is Type => typeof t === 'function' && ![String, Number, Boolean, Object, Array].includes(t as never);

/** The lazy `type: () => X` of a nested DTO (a function named `type`), resolved; otherwise the type as given. */
function resolved(t: unknown): unknown {
  // An arrow function has no prototype; a class (and String, Number …) has one.
  if (typeof t === 'function' && !(t as { prototype?: unknown }).prototype) return (t as () => unknown)();
  return t;
}

function scalar(p: SwaggerProperty, t: unknown, seen: Set<Type>): Omit<CommandField, 'name' | 'required'> {
  if (p.enum) return { type: 'enum', enum: p.enum.map((v) => ({ value: String(v) })) };
  if (t === Number || t === 'number' || t === 'integer') {
    const integer = p.maximum === undefined || Number.isInteger(p.maximum) ? p.minimum !== undefined && Number.isInteger(p.minimum) : false;
    return { type: integer ? 'integer' : 'number' };
  }
  if (t === Boolean || t === 'boolean') return { type: 'boolean' };
  if (isClass(t)) return { type: 'object', fields: fieldsOf(t, seen) };
  if (p.format === 'date') return { type: 'date' };
  return { type: 'string' };
}

/** The fields of a request DTO class, in declaration order, nested objects and arrays included. */
export function fieldsOf(dto: Type, seen: Set<Type> = new Set()): CommandField[] {
  if (seen.has(dto)) return [];
  const inner = new Set(seen).add(dto);
  const names = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, dto.prototype) as string[] | undefined) ?? [];
  return [...new Set(names.map((n) => n.replace(/^:/, '')))].map((name) => {
    const p = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dto.prototype, name) ?? {}) as SwaggerProperty;
    let t = resolved(p.type);
    const isArray = p.isArray === true || Array.isArray(t) || t === 'array';
    if (Array.isArray(t)) t = resolved(t[0]);
    // An array of enum values or scalars is declared with its items (`type: 'array', items: { type, enum }`).
    const item: SwaggerProperty = t === 'array' && p.items ? { ...p, ...p.items } : p;
    if (t === 'array') t = resolved(p.items?.type);
    const shape = scalar(item, t, inner);
    const bounds = {
      ...(p.pattern !== undefined ? { pattern: p.pattern } : {}),
      ...(p.maxLength !== undefined ? { maxLength: p.maxLength } : {}),
      ...(p.minimum !== undefined ? { minimum: p.minimum } : {}),
      ...(p.maximum !== undefined ? { maximum: p.maximum } : {}),
    };
    const common = {
      name,
      required: p.required !== false,
      ...(p.nullable ? { nullable: true } : {}),
      ...(p.description ? { description: p.description } : {}),
      ...(p.example !== undefined ? { example: p.example } : {}),
    };
    return isArray ? { ...common, type: 'array' as const, items: { ...shape, ...bounds } } : { ...common, ...shape, ...bounds };
  });
}
