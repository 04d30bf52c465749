import { addDays, judgeInForce, REGISTRY } from '@auxledger/statute';
import fc from 'fast-check';
import { fold, type Envelope } from '../kernel';
import {
  activeHeadcount, holdsQuotaPlace, Organ, planOpeningFacts, planOpeningsReleased, planOpeningsReserved, quotaFacts, quotaInForce,
  quotaPlaceReleased, quotaPlaceTaken, quotaSet, type OrganEvent, type OrganState, type RegisteredOrgan,
} from './organ';
import { COUNTY } from './organ.fixtures';

const at = (effectiveDate: string, event: OrganEvent): Envelope<OrganEvent> => ({ event, effectiveDate, recordedAt: `${effectiveDate}T00:00:00Z`, commandId: 'c', actorId: 'a' });
const quota = (headcount: number, from: string, category: 'CIVILIAN' | 'DUTY' | null = null, documentRef = 'D') =>
  quotaSet({ organId: 'xincheng', category, headcount, documentRef, setByOrganId: 'nmg', from });
const taken = (auxiliaryId: string, category: 'CIVILIAN' | 'DUTY' = 'DUTY', planId: string | null = null) => quotaPlaceTaken({ auxiliaryId, category, planId });

function organOf(...events: (OrganEvent | [string, OrganEvent])[]): RegisteredOrgan {
  const state = fold(Organ, [COUNTY, ...events].map((e) => (Array.isArray(e) ? at(e[0], e[1]) : at('2024-09-01', e))));
  if (state.status !== 'REGISTERED') throw new Error('not registered');
  return state;
}

describe('organ state', () => {
  it('starts unregistered, and ignores quota events before registration', () => {
    const state: OrganState = fold(Organ, [at('2024-09-01', quota(10, '2024-09-01'))]);
    expect(state).toEqual({ status: 'UNREGISTERED' });
  });

  it('counts a place once however often it is taken, and releases it', () => {
    const organ = organOf(taken('a1'), taken('a1'), taken('a2', 'CIVILIAN'));
    expect(activeHeadcount(organ)).toBe(2);
    expect(activeHeadcount(organ, 'CIVILIAN')).toBe(1);
    const after = organOf(taken('a1'), taken('a2'), quotaPlaceReleased({ auxiliaryId: 'a1' }), quotaPlaceReleased({ auxiliaryId: 'zz' }));
    expect(activeHeadcount(after)).toBe(1);
    expect(holdsQuotaPlace(after, 'a1')).toBe(false);
    expect(holdsQuotaPlace(after, 'a2')).toBe(true);
    expect(after.places['a2']).toEqual({ category: 'DUTY', takenOn: '2024-09-01' });
  });
});

describe('Art. 7: the quota in force on a date is the latest set from on or before it, history kept', () => {
  const organ = organOf(quota(100, '2024-09-01', null, 'A'), quota(80, '2025-01-01', null, 'B'), quota(85, '2025-01-01', null, 'B-corrected'), quota(20, '2024-09-01', 'CIVILIAN'));
  it.each([
    ['2024-08-31', null],
    ['2024-09-01', 'A'],
    ['2024-12-31', 'A'],
    ['2025-01-01', 'B-corrected'],
    ['2030-06-30', 'B-corrected'],
  ])('on %s → %s', (date, doc) => {
    expect(quotaInForce(organ, date, null)?.documentRef ?? null).toBe(doc);
  });
  it('keeps every quota ever set', () => {
    expect(organ.quotas.map((q) => q.documentRef)).toEqual(['A', 'B', 'B-corrected', 'D']);
  });
  it('a category quota is its own history', () => {
    expect(quotaInForce(organ, '2025-02-01', 'CIVILIAN')?.headcount).toBe(20);
    expect(quotaInForce(organ, '2025-02-01', 'DUTY')).toBeNull();
  });
});

describe('Art. 7 (QUOTA-HIRE facts): quotaFacts gives the quota in force and the headcount before the hire', () => {
  it('organ-wide quota and headcount', () => {
    const organ = organOf(quota(3, '2024-09-01'), taken('a1'), taken('a2', 'CIVILIAN'));
    expect(quotaFacts(organ, '2024-10-01')).toEqual({ organId: 'xincheng', quota: 3, activeHeadcount: 2 });
    expect(quotaFacts(organ, '2024-08-31')).toEqual({ organId: 'xincheng', quota: null, activeHeadcount: 2 });
  });

  it('with a category, the tighter of the organ-wide and the category quota', () => {
    const organ = organOf(quota(10, '2024-09-01'), quota(1, '2024-09-01', 'CIVILIAN'), taken('a1', 'CIVILIAN'), taken('a2'));
    expect(quotaFacts(organ, '2024-10-01', 'CIVILIAN')).toEqual({ organId: 'xincheng', quota: 1, activeHeadcount: 1 });
    expect(quotaFacts(organ, '2024-10-01', 'DUTY')).toEqual({ organId: 'xincheng', quota: 10, activeHeadcount: 2 });
  });

  it('a category quota alone binds its category; another category has none', () => {
    const organ = organOf(quota(5, '2024-09-01', 'CIVILIAN'), taken('a1', 'CIVILIAN'), taken('a2', 'DUTY'));
    expect(quotaFacts(organ, '2024-10-01', 'CIVILIAN')).toEqual({ organId: 'xincheng', quota: 5, activeHeadcount: 1 });
    expect(quotaFacts(organ, '2024-10-01', 'DUTY').quota).toBeNull();
  });
});

describe('Art. 18 ¶1 (QUOTA-PLAN facts): committed headcount counts active auxiliaries and other plans\' unfilled openings', () => {
  const reserve = (planId: string, ...openings: { category: 'CIVILIAN' | 'DUTY' | null; count: number }[]) => planOpeningsReserved({ planId, openings });
  const any = (count: number) => ({ category: null, count });

  it('another plan\'s reservation counts until filled or released; the plan\'s own does not', () => {
    const reserved = organOf(quota(10, '2024-09-01'), taken('a1'), reserve('p1', any(4)), reserve('p2', any(2)));
    expect(planOpeningFacts(reserved, '2024-10-01', 'p2', [any(2)])).toEqual([{ organId: 'xincheng', count: 2, quota: 10, committedHeadcount: 5 }]);
    const filled = organOf(quota(10, '2024-09-01'), reserve('p1', any(4)), taken('a1', 'DUTY', 'p1'), taken('a2', 'DUTY', 'p1'));
    expect(planOpeningFacts(filled, '2024-10-01', 'p9', [any(1)])[0]?.committedHeadcount).toBe(4);
    const released = organOf(quota(10, '2024-09-01'), reserve('p1', any(4)), taken('a1', 'DUTY', 'p1'), planOpeningsReleased({ planId: 'p1' }));
    expect(planOpeningFacts(released, '2024-10-01', 'p9', [any(1)])[0]?.committedHeadcount).toBe(1);
  });

  it('a hire fills an opening of its category first, then one for either category', () => {
    const organ = organOf(reserve('p1', { category: 'CIVILIAN', count: 1 }, any(1)), taken('a1', 'CIVILIAN', 'p1'), taken('a2', 'CIVILIAN', 'p1'), taken('a3', 'CIVILIAN', 'p1'));
    expect(organ.reservations['p1']).toEqual({ CIVILIAN: { count: 1, filled: 1 }, ANY: { count: 1, filled: 1 } });
  });

  it('one row for the organ-wide quota and one per category quota in force', () => {
    const organ = organOf(quota(10, '2024-09-01'), quota(3, '2024-09-01', 'CIVILIAN'), taken('c1', 'CIVILIAN'), taken('d1', 'DUTY'), reserve('p1', { category: 'DUTY', count: 4 }), reserve('p2', any(1)));
    expect(planOpeningFacts(organ, '2024-10-01', 'p3', [{ category: 'CIVILIAN', count: 2 }, { category: 'DUTY', count: 1 }])).toEqual([
      { organId: 'xincheng', count: 3, quota: 10, committedHeadcount: 7 },
      { organId: 'xincheng', count: 2, quota: 3, committedHeadcount: 2 },
    ]);
  });

  it('openings of a category with its own quota, and no organ-wide quota: the category row alone', () => {
    const organ = organOf(quota(5, '2024-09-01', 'CIVILIAN'));
    expect(planOpeningFacts(organ, '2024-10-01', 'p1', [{ category: 'CIVILIAN', count: 5 }])).toEqual([{ organId: 'xincheng', count: 5, quota: 5, committedHeadcount: 0 }]);
  });

  it('openings no quota covers: an organ-wide row without quota', () => {
    const organ = organOf(quota(5, '2024-09-01', 'CIVILIAN'));
    expect(planOpeningFacts(organ, '2024-10-01', 'p1', [{ category: 'DUTY', count: 1 }])).toEqual([{ organId: 'xincheng', count: 1, quota: null, committedHeadcount: 0 }]);
  });
});

describe('Art. 7 (QUOTA-HIRE): a hire fits while the headcount before it is below the quota in force', () => {
  it.each([
    [3, 1, '2024-10-01', []],
    [3, 2, '2024-10-01', []],
    [3, 3, '2024-10-01', ['QUOTA-HIRE']],
    [3, 4, '2024-10-01', ['QUOTA-HIRE']],
    // The quota is set from 2024-09-01: the day before, there is none in force — and no rule set either.
    [3, 0, '2024-08-31', ['RULESET-NOT-IN-FORCE']],
  ])('quota %i, %i active, hire on %s → %j', (q, active, date, failed) => {
    const organ = organOf(quota(q, '2024-09-01'), ...Array.from({ length: active }, (_, i) => taken(`a${i}`)));
    const judgement = judgeInForce(REGISTRY, ['QUOTA-HIRE'], { effectiveDate: date, usingOrganQuota: quotaFacts(organ, date, 'DUTY') });
    expect(judgement.violations.map((v) => v.ruleId)).toEqual(failed);
  });

  it('a quota lowered from a date binds hires from that date only', () => {
    const organ = organOf(quota(5, '2024-09-01'), quota(2, '2025-01-01'), taken('a1'), taken('a2'));
    const on = (date: string) => judgeInForce(REGISTRY, ['QUOTA-HIRE'], { effectiveDate: date, usingOrganQuota: quotaFacts(organ, date) }).ok;
    expect([on('2024-12-31'), on('2025-01-01')]).toEqual([true, false]);
  });
});

describe('properties of the organ state', () => {
  const auxiliaryIds = fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5');
  const placeEvent = fc.oneof(
    auxiliaryIds.map((auxiliaryId): OrganEvent => taken(auxiliaryId)),
    auxiliaryIds.map((auxiliaryId): OrganEvent => quotaPlaceReleased({ auxiliaryId })),
  );

  it('the headcount is the number of auxiliaries whose last place event is a take', () => {
    fc.assert(
      fc.property(fc.array(placeEvent, { maxLength: 30 }), (events) => {
        const holding = new Set<string>();
        for (const e of events) {
          if (e.type === 'QuotaPlaceTaken') holding.add(e.data.auxiliaryId);
          else if (e.type === 'QuotaPlaceReleased') holding.delete(e.data.auxiliaryId);
        }
        expect(activeHeadcount(organOf(...events))).toBe(holding.size);
      }),
    );
  });

  it('the quota in force on a date is the last recorded of those with the latest from on or before it', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2024-09-01', n));
    fc.assert(
      fc.property(fc.array(fc.record({ headcount: fc.nat(50), from: day }), { maxLength: 12 }), day, (quotas, date) => {
        const organ = organOf(...quotas.map((q, i) => quota(q.headcount, q.from, null, `doc-${i}`)));
        const eligible = quotas.map((q, i) => ({ ...q, i })).filter((q) => q.from <= date);
        const latest = eligible.reduce<(typeof eligible)[number] | null>((best, q) => (best === null || q.from >= best.from ? q : best), null);
        expect(quotaInForce(organ, date, null)?.documentRef ?? null).toBe(latest ? `doc-${latest.i}` : null);
      }),
    );
  });
});
