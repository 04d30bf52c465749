import { toCsv } from './csv';
import { type OrganNode, rollUpToChildren } from './rollup';

const organs: OrganNode[] = [
  {
    organ_id: 'nmg',
    parent_id: null,
    name: '区',
    level: 'REGION',
    path: '/nmg/',
  },
  {
    organ_id: 'hohhot',
    parent_id: 'nmg',
    name: '呼',
    level: 'CITY',
    path: '/nmg/hohhot/',
  },
  {
    organ_id: 'xincheng',
    parent_id: 'hohhot',
    name: '新',
    level: 'COUNTY',
    path: '/nmg/hohhot/xincheng/',
  },
  {
    organ_id: 'saihan',
    parent_id: 'hohhot',
    name: '赛',
    level: 'COUNTY',
    path: '/nmg/hohhot/saihan/',
  },
  {
    organ_id: 'baotou',
    parent_id: 'nmg',
    name: '包',
    level: 'CITY',
    path: '/nmg/baotou/',
  },
  // A sibling whose id starts like another's: paths end in `/`, so it is not taken for hohhot's.
  {
    organ_id: 'hohhot2',
    parent_id: 'nmg',
    name: '呼2',
    level: 'CITY',
    path: '/nmg/hohhot2/',
  },
];
const used: Record<string, number> = {
  xincheng: 2,
  saihan: 3,
  baotou: 1,
  hohhot2: 7,
};

describe('rollUpToChildren', () => {
  it('sums each child subtree; the organ without values of its own is left out', () => {
    const rows = rollUpToChildren(
      organs,
      'nmg',
      (o) => (used[o.organ_id] === undefined ? null : { used: used[o.organ_id] as number }),
      () => ({ used: 0 }),
    );
    expect(rows.map((r) => [r.organ.organ_id, r.values.used])).toEqual([
      ['hohhot', 5],
      ['baotou', 1],
      ['hohhot2', 7],
    ]);
  });

  it('the organ keeps its own row when it has values; a leaf is itself; an unknown organ nothing', () => {
    const withOwn = rollUpToChildren(
      organs,
      'hohhot',
      (o) => ({ used: o.organ_id === 'hohhot' ? 1 : (used[o.organ_id] ?? 0) }),
      () => ({ used: 0 }),
    );
    expect(withOwn.map((r) => [r.organ.organ_id, r.values.used])).toEqual([
      ['hohhot', 1],
      ['xincheng', 2],
      ['saihan', 3],
    ]);
    expect(
      rollUpToChildren(
        organs,
        'saihan',
        () => ({ used: 3 }),
        () => ({ used: 0 }),
      ).map((r) => r.organ.organ_id),
    ).toEqual(['saihan']);
    expect(
      rollUpToChildren(
        organs,
        'nowhere',
        () => ({ used: 3 }),
        () => ({ used: 0 }),
      ),
    ).toEqual([]);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting, CRLF, a BOM', () => {
    expect(
      toCsv(
        ['机关', 'n'],
        [
          ['a,b', 1],
          ['say "x"', null],
        ],
      ),
    ).toBe('\uFEFF机关,n\r\n"a,b",1\r\n"say ""x""",\r\n');
  });
});
