import { Prng } from './prng';

describe('Prng', () => {
  it('gives the same sequence for the same seed, another for another seed', () => {
    const seq = (seed: number) => Array.from({ length: 8 }, ((r) => () => r.nextUint32())(new Prng(seed)));
    expect(seq(1)).toEqual(seq(1));
    expect(seq(1)).not.toEqual(seq(2));
  });

  it('stays in range and spreads evenly enough', () => {
    const r = new Prng(42);
    const counts = [0, 0, 0, 0, 0, 0];
    let outside = 0;
    for (let i = 0; i < 60_000; i++) {
      const x = r.int(1, 6);
      if (x < 1 || x > 6) outside++;
      else counts[x - 1] = (counts[x - 1] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('picks by weight and shuffles without losing items', () => {
    const r = new Prng(7);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted({ a: 9, b: 1 }) === 'a') heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
