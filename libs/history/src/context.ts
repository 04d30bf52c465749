import type { Actor } from '@auxledger/domain';
import type { IdentitySealer } from './identities';
import type { FormerPersons } from './people';
import type { Simulation } from './simulation';
import type { OrganWork, World } from './world';

/** What every part of the generator shares: the engine, the organs, and the few counters ids are made from. */
export interface Context {
  sim: Simulation;
  world: World;
  former: FormerPersons;
  /** With it, applicants register with a demo identity (RegisterApplicant, server-made person keys); without, by client keys (RegisterApplication). */
  identities?: { sealer: IdentitySealer; seed: number; /** The 公民身份号码 given so far (each names one person). */ taken: Set<string> };
  /** Next number per id kind ('aux', 'app', 'plan-hohhot-2025', …). */
  next(kind: string): number;
}

export function createCounters(): (kind: string) => number {
  const counters = new Map<string, number>();
  return (kind) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return n;
  };
}

export const pad = (n: number, width = 6) => String(n).padStart(width, '0');

/** An operator of the organ (a unit's own, or one of its county organ's). */
export function operatorFor(ctx: Context, organ: OrganWork): Actor {
  const own = ctx.world.operatorsOf.get(organ.id);
  if (own && own.length > 0) return ctx.sim.rng.pick(own);
  return ctx.world.regionOperator;
}

/** An operator of the county-level organ above (or of) this organ. */
export function countyOperatorFor(ctx: Context, organ: OrganWork): Actor {
  const county = organ.countyId ? ctx.world.organs.get(organ.countyId) : undefined;
  return operatorFor(ctx, county ?? organ);
}
