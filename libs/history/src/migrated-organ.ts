import { type InsuranceKind, type IsoDate, CONTRACT_CLAUSES, addDays, addMonths, addYears } from '@auxledger/statute';
import { type RecordExistingService, recordExistingService, registerOrgan, setQuota } from '@auxledger/domain';
import { dateOf, yearOfDay } from './calendar';
import { levelsOn, payStandardOn } from './demo-registry';
import { Prng } from './prng';
import { type Simulation, accepted } from './simulation';
import type { World } from './world';

/**
 * A migrated organ of pre-2024 staff (issue 11 item 8): a 看守所 under the
 * first city, registered two days after the history starts, whose auxiliaries
 * were hired between 2010 and August 2024 — before the regulation (Art. 47) —
 * and are recorded as found (`RecordExistingService`), each with what their
 * file holds: some without pre-job training, some without personal-accident
 * insurance, one without any insurance on file. Supervision then lists what
 * they lack. Its own ids (`aux-m…`, `pk-mig-…`) and its own random numbers
 * (a generator seeded apart), so no other id of the history moves; it stays
 * out of the world (no recruitment, no careers).
 */

export const MIGRATED_STAFF = 8;
const ALL_INSURANCE: readonly InsuranceKind[] = ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'];

export function migratedOrganId(world: World): string | null {
  const city = world.cities[0];
  return city ? `${city.organ.id}-kss` : null;
}

export function scheduleMigratedOrgan(sim: Simulation, world: World, seed: number): void {
  const city = world.cities[0];
  const organId = migratedOrganId(world);
  if (!city || !organId) return;
  const rng = new Prng(seed ^ 0x6d16);
  sim.at(sim.today + 2, async () => {
    const on = dateOf(sim.today);
    if (!accepted(await sim.issue(registerOrgan, { organId, name: `${city.organ.name}看守所`, level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId: city.organ.id }, world.admin))) return;
    const year = yearOfDay(sim.today);
    await sim.issue(setQuota, { organId, category: null, headcount: MIGRATED_STAFF + 2, documentRef: `内公辅额〔${year}〕迁移1号`, setByOrganId: world.region.id }, world.regionOperator);
    const levels = levelsOn(sim.registry, on);
    for (let n = 1; n <= MIGRATED_STAFF; n++) {
      const data = existingStaff(rng, n, seed, organId, city.id, on, levels, (level) => payStandardOn(sim.registry, city.id, level, on) ?? 0);
      await sim.issue(recordExistingService, data, world.admin);
    }
  });
}

function existingStaff(rng: Prng, n: number, seed: number, organId: string, locality: string, on: IsoDate, levels: readonly string[], payOf: (level: string) => number): RecordExistingService['data'] {
  const id = String(n).padStart(4, '0');
  const drawn = addDays('2010-01-01', rng.int(0, 5300));
  const hiredOn = drawn < '2024-08-01' ? drawn : '2024-08-01';
  // The contract in force: the latest renewal, three years from a 1 January after the hire (or the hire itself), still running on `on`.
  const renewedOn = hiredOn >= '2022-01-01' ? hiredOn : `${rng.int(2022, 2024)}-01-01`;
  const endDate = addDays(addYears(renewedOn, 3), -1) >= on ? addDays(addYears(renewedOn, 3), -1) : addDays(addYears(on, 2), -1);
  const level = levels.length > 0 ? (levels[Math.min(levels.length - 1, rng.int(0, 2))] as string) : 'L1';
  const trained = n % 3 !== 0;
  const insurance: InsuranceKind[] = n % 4 === 0 ? [] : n % 2 === 0 ? ALL_INSURANCE.filter((k) => k !== 'PERSONAL_ACCIDENT') : [...ALL_INSURANCE];
  const lastYear = Number(on.slice(0, 4)) - 1;
  return {
    auxiliaryId: `aux-m${id}`,
    personKey: `pk-mig-${seed}-${id}`,
    usingOrganId: organId,
    category: n % 5 === 0 ? 'CIVILIAN' : 'DUTY',
    hiredOn,
    contract: { contractId: `contract-m${id}-${renewedOn.slice(0, 4)}`, kind: 'FIXED_TERM', startDate: renewedOn, endDate, probationLastDay: null, clauses: [...CONTRACT_CLAUSES] },
    level,
    pay: { locality, monthlyBaseFen: payOf(level) },
    probationCompletedOn: addMonths(hiredOn, 6) <= on ? addMonths(hiredOn, 6) : null,
    trainings: trained
      ? [
          { trainingId: `trn-m${id}-pre`, kind: 'PRE_JOB', year: null, topics: ['POLITICS', 'LAW', 'DISCIPLINE', 'ETHICS', 'SECRECY'], completedOn: addDays(hiredOn, 14) },
          ...(hiredOn < `${lastYear}-01-01` ? [{ trainingId: `trn-m${id}-${lastYear}`, kind: 'ANNUAL' as const, year: lastYear, topics: ['POLITICS' as const, 'LAW' as const, 'SKILLS' as const], completedOn: `${lastYear}-11-20` }] : []),
        ]
      : [],
    insurance: insurance.length === 0 ? [] : [{ kinds: insurance, enrolledOn: addDays(hiredOn, 20), reference: `社保登记-m${id}` }],
    sourceRef: `辅警人事档案（迁移）m${id}`,
  };
}
