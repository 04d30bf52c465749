import { validationFailed } from '../../errors/validation-errors';

/** `toString`, `valueOf`, `hasOwnProperty`, … */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

function inheritedNamePaths(value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    return INHERITED.has(key) ? [field] : inheritedNamePaths((value as Record<string, unknown>)[key], field);
  });
}

/**
 * class-transformer drops a field named like a member of Object.prototype
 * (`toString`, `valueOf`, …) when it builds the DTO, so the whitelist never
 * sees it: such a field of the body as parsed is refused here, as any unknown
 * field is (400 VALIDATION_FAILED).
 */
export function refuseInheritedNames(body: unknown): void {
  const fields = inheritedNamePaths(body, '');
  if (fields.length) {
    throw validationFailed(fields.map((property) => ({ property, constraints: { whitelistValidation: `property ${property} should not exist` }, children: [] })));
  }
}
