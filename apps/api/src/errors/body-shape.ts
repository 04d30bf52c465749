import { AppError } from './app-error';
import { validationFailed } from './validation-errors';

/**
 * How deep a body may nest objects and arrays; the body itself is level 1.
 * The deepest body a command takes is 4 levels (a plan's openings, each with
 * its targeted categories); 32 leaves room for any command to come and stays
 * far below the thousands of levels at which the recursive code after the
 * parser (class-transformer, class-validator, canonical JSON of the log)
 * exhausts the stack. Checked once, iteratively, right after parsing.
 */
export const MAX_BODY_DEPTH = 32;

/** `toString`, `valueOf`, `hasOwnProperty`, `__proto__`, `constructor`, …, and `prototype`. */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * One walk over the body as parsed, with its own stack (never recursion, so
 * no body can overflow it): BODY_TOO_DEEP beyond MAX_BODY_DEPTH, else the
 * paths of every field named like a member of Object.prototype.
 */
function walk(body: unknown): { tooDeep: true } | { tooDeep: false; inherited: string[] } {
  const inherited: string[] = [];
  const pending: Array<[value: unknown, path: string, depth: number]> = [[body, '', 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) return { tooDeep: true };
    const keys = Object.keys(value);
    // Reversed onto the stack: fields come off it, and are named, in the order sent.
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i] as string;
      const field = path ? `${path}.${key}` : key;
      if (INHERITED.has(key)) inherited.push(field);
      else pending.push([(value as Record<string, unknown>)[key], field, depth + 1]);
    }
  }
  return { tooDeep: false, inherited: inherited.sort() };
}

/**
 * What no body may be, refused before any pipe, recursive or not, sees it:
 * nested deeper than MAX_BODY_DEPTH (400 BODY_TOO_DEEP), or holding a field
 * named like a member of Object.prototype (`toString`, `__proto__`,
 * `constructor`, …) at any depth. Such a field never reaches the whitelist —
 * the ValidationPipe deletes `__proto__`/`constructor`/`prototype` and
 * class-transformer drops the rest when it builds the DTO — so it is refused
 * here as any unknown field is (400 VALIDATION_FAILED). Null when the body is
 * fine.
 */
export function bodyShapeRefusal(body: unknown): Error | null {
  const shape = walk(body);
  if (shape.tooDeep) {
    return new AppError(
      'INVALID_INPUT',
      'BODY_TOO_DEEP',
      { zh: `请求体嵌套过深：对象和数组至多 ${MAX_BODY_DEPTH} 层`, en: `The request body is nested too deeply: at most ${MAX_BODY_DEPTH} levels of objects and arrays` },
      { maxDepth: MAX_BODY_DEPTH },
    );
  }
  if (shape.inherited.length) {
    return validationFailed(shape.inherited.map((property) => ({ property, constraints: { whitelistValidation: `property ${property} should not exist` }, children: [] })));
  }
  return null;
}
