import { validationFailed } from './validation-errors';

/** `toString`, `valueOf`, `hasOwnProperty`, `__proto__`, `constructor`, …, and `prototype`. */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function inheritedNamePaths(value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    return INHERITED.has(key) ? [field] : inheritedNamePaths((value as Record<string, unknown>)[key], field);
  });
}

/**
 * A field named like a member of Object.prototype (`toString`, `__proto__`,
 * `constructor`, …) never reaches the whitelist: the ValidationPipe deletes
 * `__proto__`/`constructor`/`prototype` and class-transformer drops the rest
 * when it builds the DTO. Such a field of the body as parsed is refused here,
 * before any pipe, as any unknown field is (400 VALIDATION_FAILED); null when
 * there is none.
 */
export function inheritedNamesRefusal(body: unknown): Error | null {
  const fields = inheritedNamePaths(body, '');
  if (fields.length) {
    return validationFailed(fields.map((property) => ({ property, constraints: { whitelistValidation: `property ${property} should not exist` }, children: [] })));
  }
  return null;
}
