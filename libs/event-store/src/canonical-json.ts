/**
 * RFC 8785 (JSON Canonicalization Scheme) for the JSON an event may hold, and
 * the check that it may hold it, in one walk: this runs on every append.
 *
 * - object members sorted by their names' UTF-16 code units (JavaScript's
 *   default sort), no white space;
 * - numbers and strings as ECMAScript's JSON.stringify writes them (which is
 *   what RFC 8785 prescribes);
 * - refused: non-finite numbers, ill-formed Unicode (lone surrogates), NUL
 *   (PostgreSQL cannot keep it), undefined, and anything but plain objects,
 *   arrays, strings, finite numbers, booleans and null.
 *
 * The `canonicalize` package, the reference implementation, is the oracle of
 * its property test.
 */
export class JsonProblem extends Error {
  /** Where, innermost last: `.data.items[2].name`. */
  readonly path: string[] = [];

  constructor(
    readonly reason: string,
    readonly reasonZh: string,
  ) {
    super(reason);
    this.name = 'JsonProblem';
  }

  get where(): string {
    return this.path.join('');
  }
}

export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new JsonProblem('is not a finite number', '不是有限数值');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          try {
            out += canonicalJson(value[i]);
          } catch (error) {
            // Where it was is spelled out only on the way out of a refusal, never on the way in.
            throw within(error, `[${i}]`);
          }
        }
        return `${out}]`;
      }
      // Any realm's Object.prototype (data may come from another realm: a worker, structuredClone).
      const proto = Object.getPrototypeOf(value);
      if (proto !== null && Object.getPrototypeOf(proto) !== null) throw new JsonProblem('is not a plain JSON object', '不是普通 JSON 对象');
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        const item = record[key];
        if (item === undefined) throw withSegment(new JsonProblem('is undefined', '未定义'), `.${key}`);
        if (i > 0) out += ',';
        try {
          out += canonicalString(key);
        } catch (error) {
          throw within(error, `.${key} (key)`);
        }
        out += ':';
        try {
          out += canonicalJson(item);
        } catch (error) {
          throw within(error, `.${key}`);
        }
      }
      return `${out}}`;
    }
    default:
      throw new JsonProblem(`is not JSON (${typeof value})`, `不是 JSON 值（${typeof value}）`);
  }
}

function canonicalString(value: string): string {
  if (!value.isWellFormed()) throw new JsonProblem('holds a lone surrogate (ill-formed Unicode)', '含有不成对的代理项（Unicode 无效）');
  if (value.includes('\u0000')) throw new JsonProblem('holds a NUL character', '含有 NUL 字符');
  return JSON.stringify(value);
}

/** A refusal from inside a member or item, with that member's or item's place prefixed to its path. */
function within(error: unknown, segment: string): unknown {
  return error instanceof JsonProblem ? withSegment(error, segment) : error;
}

function withSegment(problem: JsonProblem, segment: string): JsonProblem {
  problem.path.unshift(segment);
  return problem;
}
