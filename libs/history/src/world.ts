import { type Actor, registerOrgan, setQuota } from '@auxledger/domain';
import type { OrganLevel } from '@auxledger/statute';
import { dayOfYearStart, yearOfDay } from './calendar';
import { type CityDivision, REGION_ORGAN_ID, type RegionOrgansFile, citiesOf } from './organs-file';
import type { Prng } from './prng';
import { type Simulation, accepted } from './simulation';

/**
 * The organs of the history: the REGION organ, the 12 盟市 organs, the
 * county-level organs that employ auxiliaries at this size (all 103 at full
 * size), and generated units (派出所, 交警大队 …) below them. Every organ that
 * uses auxiliaries (a county organ itself and its units) gets a quota (用人额度,
 * Art. 7) set by the REGION organ.
 */

export interface OrganWork {
  id: string;
  name: string;
  level: OrganLevel;
  parentId: string | null;
  cityId: string;
  /** The county-level organ it belongs to (itself for a county organ). */
  countyId: string | null;
  /** Uses auxiliaries: has a quota. */
  using: boolean;
  quota: number;
  /** Auxiliaries counting against the quota now. */
  active: number;
  /** Openings of open plans not yet filled. */
  reserved: number;
  registered: boolean;
}

export interface CityWork {
  id: string;
  organ: OrganWork;
  division: string;
  usingOrgans: OrganWork[];
  counties: OrganWork[];
  operators: Actor[];
  plansDrafted: number;
}

export interface World {
  region: OrganWork;
  cities: CityWork[];
  organs: Map<string, OrganWork>;
  /** County-level organs with auxiliaries (they impose fines too). */
  activeCounties: OrganWork[];
  admin: Actor;
  regionOperator: Actor;
  operatorsOf: Map<string, Actor[]>;
}

const UNIT_KINDS: readonly { code: string; name: string }[] = [
  { code: 'pcs1', name: '城关派出所' },
  { code: 'pcs2', name: '东城派出所' },
  { code: 'pcs3', name: '西城派出所' },
  { code: 'pcs4', name: '新区派出所' },
  { code: 'jj', name: '交通管理大队' },
  { code: 'za', name: '治安管理大队' },
  { code: 'xt', name: '巡特警大队' },
  { code: 'zh', name: '指挥中心' },
  { code: 'crj', name: '出入境管理大队' },
];

/** Auxiliaries a county-level organ and its units employ on average at full size. */
export const HEADCOUNT_PER_COUNTY = 45;

function organ(id: string, name: string, level: OrganLevel, parentId: string | null, cityId: string, countyId: string | null): OrganWork {
  return { id, name, level, parentId, cityId, countyId, using: false, quota: 0, active: 0, reserved: 0, registered: false };
}

const operator = (organId: string, n: number): Actor => ({ id: `op-${organId}-${n}`, role: 'operator', organId });

/** Chooses the organs and quotas for a total headcount (the sum of all quotas). */
export function planWorld(file: RegionOrgansFile, headcount: number, rng: Prng): World {
  const divisions: CityDivision[] = citiesOf(file);
  const region = organ(REGION_ORGAN_ID, file.region.organ, 'REGION', null, REGION_ORGAN_ID, null);
  const organs = new Map<string, OrganWork>([[region.id, region]]);
  const operatorsOf = new Map<string, Actor[]>();
  const cities: CityWork[] = divisions.map((d) => {
    const o = organ(d.id, d.organ, 'CITY', region.id, d.id, null);
    organs.set(o.id, o);
    const ops = [operator(o.id, 1), operator(o.id, 2)];
    operatorsOf.set(o.id, ops);
    return { id: d.id, organ: o, division: d.division, usingOrgans: [], counties: [], operators: ops, plansDrafted: 0 };
  });

  // Counties in service: round-robin over the cities (in a seeded order), so that even a small history spans several 盟市.
  const totalCounties = divisions.reduce((n, d) => n + d.counties.length, 0);
  const wanted = Math.min(totalCounties, Math.max(1, Math.ceil(headcount / HEADCOUNT_PER_COUNTY)));
  const queues = rng.shuffle(divisions.map((d, i) => ({ city: cities[i] as CityWork, counties: rng.shuffle(d.counties) })));
  const chosen: { city: CityWork; county: CityDivision['counties'][number] }[] = [];
  while (chosen.length < wanted) {
    for (const q of queues) {
      const county = q.counties.shift();
      if (county && chosen.length < wanted) chosen.push({ city: q.city, county });
    }
  }

  const activeCounties: OrganWork[] = [];
  const share = headcount / chosen.length;
  for (const { city, county } of chosen) {
    const c = organ(county.id, county.organ, 'COUNTY', city.id, city.id, county.id);
    organs.set(c.id, c);
    operatorsOf.set(c.id, [operator(c.id, 1), operator(c.id, 2)]);
    city.counties.push(c);
    activeCounties.push(c);
    const units = rng.shuffle(UNIT_KINDS).slice(0, rng.int(2, 4)).map((k) => {
      const u = organ(`${c.id}-${k.code}`, `${county.organ}${k.name}`, 'UNIT', c.id, city.id, c.id);
      organs.set(u.id, u);
      operatorsOf.set(u.id, [operator(u.id, 1)]);
      return u;
    });
    // The county organ's own offices take a smaller share than its units.
    const users = [c, ...units];
    const weights = users.map((u) => (u === c ? 0.5 : 0.6 + rng.next()));
    const total = weights.reduce((a, b) => a + b, 0);
    users.forEach((u, i) => {
      u.using = true;
      u.quota = Math.max(2, Math.round((share * (weights[i] as number)) / total));
      city.usingOrgans.push(u);
    });
  }
  return {
    region,
    cities,
    organs,
    activeCounties,
    admin: { id: 'admin-nmg', role: 'admin', organId: null },
    regionOperator: operator(region.id, 1),
    operatorsOf,
  };
}

/** Registers the organs, parents first, and sets every using organ's quota. */
export function scheduleSetup(sim: Simulation, world: World): void {
  const start = sim.today;
  const ordered = [...world.organs.values()];
  sim.at(start, async () => {
    for (const o of ordered) {
      const outcome = await sim.issue(registerOrgan, { organId: o.id, name: o.name, level: o.level, kind: 'PUBLIC_SECURITY', parentId: o.parentId }, world.admin);
      if (accepted(outcome)) o.registered = true;
    }
  });
  sim.at(start + 1, async () => {
    let n = 0;
    for (const o of ordered.filter((x) => x.using)) {
      n += 1;
      await sim.issue(setQuota, { organId: o.id, category: null, headcount: o.quota, documentRef: `内公辅额〔${yearOfDay(start)}〕${n}号`, setByOrganId: world.region.id }, world.regionOperator);
    }
  });
  scheduleQuotaReview(sim, world, yearOfDay(start) + 1);
}

/**
 * Each January the REGION organ raises some quotas (some decisions recorded
 * weeks after they take effect on 1 January: back-dated, for as-of views).
 * Quotas are never lowered below what is held, so that plans stay within them.
 */
function scheduleQuotaReview(sim: Simulation, world: World, year: number): void {
  const jan1 = dayOfYearStart(year);
  const backdated = sim.rng.chance(0.5);
  sim.at(backdated ? jan1 + sim.rng.int(14, 40) : jan1 + sim.rng.int(2, 10), async () => {
    let n = 0;
    for (const o of world.organs.values()) {
      if (!o.using || !sim.rng.chance(0.15)) continue;
      n += 1;
      const headcount = o.quota + sim.rng.int(1, Math.max(1, Math.round(o.quota * 0.1)));
      const outcome = await sim.issue(
        setQuota,
        { organId: o.id, category: null, headcount, documentRef: `内公辅额〔${year}〕${100 + n}号`, setByOrganId: world.region.id },
        world.regionOperator,
        backdated ? jan1 : sim.today,
      );
      if (accepted(outcome)) o.quota = headcount;
    }
    scheduleQuotaReview(sim, world, year + 1);
  });
}
