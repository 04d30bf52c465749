import { EntityPositions } from './entity-order';

describe('EntityPositions: a rebuild’s entities in key order', () => {
  it('gives each entity once, in key order, its positions ascending and each once, in chunks that never split an entity', () => {
    const index = new EntityPositions();
    const noted: Array<[string, number]> = [
      ['aux-2', 5], ['aux-10', 1], ['aux-2', 3], ['organ-a', 7], ['aux-10', 1], ['aux-2', 9], ['Aux-0', 4], ['organ-a', 8],
    ];
    for (const [entity, position] of noted) index.add(entity, position);
    expect(index.entities).toBe(4);
    const chunks = [...index.chunks(3)];
    expect(chunks).toEqual([
      // 'A' < 'a' and '1' < '2' in code-unit order, as in SQLite's binary collation.
      [{ entity: 'Aux-0', positions: [4] }, { entity: 'aux-10', positions: [1] }, { entity: 'aux-2', positions: [3, 5, 9] }],
      [{ entity: 'organ-a', positions: [7, 8] }],
    ]);
  });

  it('holds an event once for an entity that several models file it under (the roster and the person file), whatever came between', () => {
    const index = new EntityPositions();
    for (let models = 0; models < 3; models++) {
      index.add('aux-1', 5);
      index.add('organ-a', 5);
    }
    index.add('aux-1', 6);
    index.add('aux-1', 6);
    expect(index.pairCount).toBe(3);
    expect([...index.chunks(1)]).toEqual([[{ entity: 'aux-1', positions: [5, 6] }], [{ entity: 'organ-a', positions: [5] }]]);
  });

  it('keeps positions up to 2^32 − 1 exact and refuses others', () => {
    const index = new EntityPositions();
    index.add('e', 2 ** 32 - 1);
    index.add('e', 0);
    expect(() => index.add('e', 2 ** 32)).toThrow(/out of range/);
    expect(() => index.add('e', -1)).toThrow(/out of range/);
    expect([...index.chunks(1)]).toEqual([[{ entity: 'e', positions: [0, 2 ** 32 - 1] }]]);
  });

  it('gives its chunks once: the pairs are sorted where they are, and nothing may be added after', () => {
    const index = new EntityPositions();
    index.add('b', 2);
    index.add('a', 1);
    expect([...index.chunks(1)]).toEqual([[{ entity: 'a', positions: [1] }], [{ entity: 'b', positions: [2] }]]);
    expect(() => index.add('c', 3)).toThrow(/no entity may be added/);
  });

  it('grows past its first buffer and gives nothing when empty', () => {
    expect([...new EntityPositions().chunks(10)]).toEqual([]);
    const index = new EntityPositions();
    for (let p = 0; p < 100_000; p++) index.add(`e${p % 3}`, p);
    const [chunk] = [...index.chunks(Number.MAX_SAFE_INTEGER)];
    expect(chunk?.map((c) => [c.entity, c.positions.length, c.positions[0], c.positions[c.positions.length - 1]])).toEqual([
      ['e0', 33_334, 0, 99_999],
      ['e1', 33_333, 1, 99_997],
      ['e2', 33_333, 2, 99_998],
    ]);
  });
});
