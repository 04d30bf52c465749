import type { Clock } from '@auxledger/application';
import type { EventStore } from '@auxledger/event-store';
import type { IsoDate, RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import { dateOf, dayOf } from './calendar';
import { type Context, createCounters } from './context';
import { demoRegistry } from './demo-registry';
import { scheduleFines } from './fines';
import type { RegionOrgansFile } from './organs-file';
import type { IdentitySealer } from './identities';
import { FormerPersons } from './people';
import { scheduleRecruitment } from './recruitment';
import { type HistoryProgress, type RefusalSample, Simulation } from './simulation';
import { planWorld, scheduleSetup } from './world';
import { scheduleMigratedOrgan } from './migrated-organ';

export interface HistoryOptions {
  /** The same seed and size give the same commands, and so the same log. */
  seed: number;
  /** Stop once the log holds at least this many events (refusal records included). */
  events: number;
  /** The region's organs file, parsed (`loadRegionOrgans()` reads it). */
  organs: RegionOrgansFile;
  /** Total quota across the organs that use auxiliaries; default: scaled from `events` (about 4 simulated years). */
  headcount?: number;
  /** The first simulated day; default 2024-09-01, the day the regulation took effect. */
  start?: IsoDate;
  /** Rule sets; default `demoRegistry()` (the 2024 rules with demo pay standards). */
  registry?: RuleSetRegistry<RulesInForce>;
  /** Transaction-time clock; default: each command's simulated recording instant (deterministic). */
  clock?: Clock;
  onProgress?: (progress: HistoryProgress) => void;
  /** Call `onProgress` every this many events (default 1000). */
  progressEvery?: number;
  /** Simulated years after which the run stops even if the target is not reached (default 40). */
  maxYears?: number;
  /**
   * Streams whose folded state the command path keeps between commands
   * (default 60 000; 0: each command reads and folds its streams whole). The
   * generator must then be the store's only writer while it runs (the kept
   * states are trusted as current; the store still checks every expected
   * revision). The same decisions either way: the state is the fold of the
   * same events.
   */
  foldedStreams?: number;
  /** Events folded into the kept states, at most (default 500 000, about 250 MiB of heap): what bounds the cache's memory. */
  foldedEvents?: number;
  /**
   * Seals each new applicant's demo identity (name, 公民身份号码 … from the
   * seed) and registers them with it, as register-applicant does: the person
   * key is the vault's. Without it, applicants register by client-made keys.
   */
  identities?: IdentitySealer;
  /** Adds a migrated organ of pre-2024 staff recorded as found (issue 11 item 8, `migrated-organ.ts`); the demo sets it. */
  migratedOrgan?: boolean;
}

export interface HistorySummary {
  seed: number;
  targetEvents: number;
  headcount: number;
  eventsWritten: number;
  commandsAccepted: number;
  commandsRefused: number;
  /** Commands whose effective date is before the day they were recorded. */
  backdatedCommands: number;
  commands: Record<string, { accepted: number; refused: number }>;
  events: Record<string, number>;
  /** STATUTE refusals by rule id; STATE refusals as `STATE:<code>`. */
  refusalsByRule: Record<string, number>;
  /** The first refusals (at most 50), to print. */
  refusals: RefusalSample[];
  firstDate: IsoDate;
  lastDate: IsoDate;
  organs: { registered: number; usingAuxiliaries: number; counties: number };
  auxiliariesActive: number;
  elapsedMs: number;
}

/** Events per unit of headcount that make a history of about four simulated years. */
export const EVENTS_PER_HEAD = 55;

export const defaultHeadcount = (events: number) => Math.max(6, Math.round(events / EVENTS_PER_HEAD));

/**
 * Writes a realistic, legal history into the store by issuing commands through
 * the domain and the command path (never by writing events), with simulated
 * time moving forward from 2024-09-01. Streams: memory holds the pending tasks
 * and the small working state of organs, open plans and auxiliaries in service.
 */
export async function generateHistory(store: EventStore, options: HistoryOptions): Promise<HistorySummary> {
  const started = Date.now();
  const startDay = dayOf(options.start ?? '2024-09-01');
  const headcount = options.headcount ?? defaultHeadcount(options.events);
  const sim = new Simulation({
    store,
    registry: options.registry ?? demoRegistry(),
    seed: options.seed,
    targetEvents: options.events,
    startDay,
    clock: options.clock,
    onProgress: options.onProgress,
    progressEvery: options.progressEvery ?? 1000,
    lastDay: startDay + Math.round((options.maxYears ?? 40) * 365.25),
    foldedStreams: options.foldedStreams ?? 60_000,
    foldedEvents: options.foldedEvents ?? 500_000,
  });
  const world = planWorld(options.organs, headcount, sim.rng);
  const ctx: Context = { sim, world, former: new FormerPersons(), next: createCounters(), ...(options.identities ? { identities: { sealer: options.identities, seed: options.seed, taken: new Set<string>() } } : {}) };

  scheduleSetup(sim, world);
  if (options.migratedOrgan) scheduleMigratedOrgan(sim, world, options.seed);
  for (const city of world.cities) {
    if (city.usingOrgans.length > 0) scheduleRecruitment(ctx, city, startDay + sim.rng.int(5, 40), true);
  }
  scheduleFines(ctx, Math.max(2, world.activeCounties.length * 0.6));
  await sim.run();

  const t = sim.tally;
  const using = [...world.organs.values()].filter((o) => o.using);
  return {
    seed: options.seed,
    targetEvents: options.events,
    headcount,
    eventsWritten: t.eventsWritten,
    commandsAccepted: t.commandsAccepted,
    commandsRefused: t.commandsRefused,
    backdatedCommands: t.backdatedCommands,
    commands: sortKeys(t.commands),
    events: sortKeys(t.events),
    refusalsByRule: sortKeys(t.refusalsByRule),
    refusals: t.refusals,
    firstDate: dateOf(startDay),
    lastDate: dateOf(sim.today),
    organs: { registered: [...world.organs.values()].filter((o) => o.registered).length, usingAuxiliaries: using.length, counties: world.activeCounties.length },
    auxiliariesActive: sim.activeAuxiliaries,
    elapsedMs: Date.now() - started,
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
