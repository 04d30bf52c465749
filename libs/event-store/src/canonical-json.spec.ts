import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { JsonProblem, canonicalJson } from './canonical-json';

describe('canonical JSON (RFC 8785)', () => {
  it('writes exactly what the reference implementation writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 4 }), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts members by UTF-16 code units and writes numbers the ECMAScript way', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0, 1.5e-7], '€': true, '😀': null, Z: 'ü' })).toBe(
      '{"Z":"ü","a":[1e+21,0.1,0,1.5e-7],"b":1,"€":true,"😀":null}',
    );
  });

  it.each([
    ['a lone surrogate', { s: 'x\ud800' }, '.s', 'lone surrogate'],
    ['a NUL', { list: ['ok', 'a\u0000b'] }, '.list[1]', 'NUL'],
    ['NaN', { n: Number.NaN }, '.n', 'finite'],
    ['Infinity', [Infinity], '[0]', 'finite'],
    ['undefined', { u: undefined }, '.u', 'undefined'],
    ['a Date', { d: new Date(0) }, '.d', 'plain JSON object'],
    ['a function', { f: () => 1 }, '.f', 'not JSON'],
  ])('refuses %s and says where', (_what, value, where, reason) => {
    let problem: unknown;
    try {
      canonicalJson(value);
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(JsonProblem);
    expect((problem as JsonProblem).where).toBe(where);
    expect((problem as JsonProblem).reason).toContain(reason);
  });
});
