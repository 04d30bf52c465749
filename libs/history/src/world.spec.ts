import { loadRegionOrgans } from './load-organs';
import { CITY_IDS, citiesOf } from './organs-file';
import { Prng } from './prng';
import { planWorld } from './world';

const file = loadRegionOrgans();

describe('the organs of a history', () => {
  it('reads the 12 盟市 and 103 county-level divisions, each with a stable id', () => {
    const cities = citiesOf(file);
    expect(cities.map((c) => c.id).sort()).toEqual(Object.values(CITY_IDS).sort());
    const counties = cities.flatMap((c) => c.counties);
    expect(counties).toHaveLength(103);
    expect(new Set(counties.map((c) => c.id)).size).toBe(103);
    expect(counties[0]?.id).toBe('hohhot-01');
  });

  it('at full size employs auxiliaries in all 103 county-level organs and their units, the quotas summing to the headcount', () => {
    const world = planWorld(file, 20_000, new Prng(1));
    expect(world.activeCounties).toHaveLength(103);
    const using = [...world.organs.values()].filter((o) => o.using);
    const total = using.reduce((n, o) => n + o.quota, 0);
    expect(Math.abs(total - 20_000) / 20_000).toBeLessThan(0.02);
    expect(using.every((o) => o.level === 'COUNTY' || o.level === 'UNIT')).toBe(true);
  });

  it('lists parents before children (registration order), and a small history still spans several 盟市', () => {
    const world = planWorld(file, 200, new Prng(3));
    const seen = new Set<string>();
    for (const o of world.organs.values()) {
      if (o.parentId !== null) expect(seen.has(o.parentId)).toBe(true);
      seen.add(o.id);
    }
    expect(new Set(world.activeCounties.map((c) => c.cityId)).size).toBe(world.activeCounties.length);
    expect(world.region.level).toBe('REGION');
    expect(world.cities).toHaveLength(12);
  });
});
