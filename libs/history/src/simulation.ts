import { type CommandOutcome, type Clock, type ExecutorDependencies, FoldedStreamCache, executeCommand, prepareCommand } from '@auxledger/application';
import type { Actor, Command, CommandHandler, StreamRef } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import type { IsoDate, RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import { Agenda } from './agenda';
import { dateOf, recordingInstant } from './calendar';
import { Prng } from './prng';

/** What a caller sees while a history is written (for progress bars). */
export interface HistoryProgress {
  eventsWritten: number;
  targetEvents: number;
  commandsAccepted: number;
  commandsRefused: number;
  /** The simulated recording date reached. */
  simulatedDate: IsoDate;
  activeAuxiliaries: number;
}

/** One refused command, as the summary shows it. */
export interface RefusalSample {
  commandType: string;
  commandId: string;
  effectiveDate: IsoDate;
  kind: 'STATUTE' | 'STATE';
  /** Rule ids (STATUTE) or the state code (STATE). */
  reasons: string[];
  message: string;
}

/** The counters a run keeps (its summary is made from them). */
export class Tally {
  /**
   * The events the commands decided, refusal records included: what a
   * history's size counts. Each accepted command also claims its id in the
   * log (`CommandAccepted`, one per command, counted in `events` by type).
   */
  eventsWritten = 0;
  commandsAccepted = 0;
  commandsRefused = 0;
  backdatedCommands = 0;
  readonly commands: Record<string, { accepted: number; refused: number }> = {};
  readonly events: Record<string, number> = {};
  /** STATUTE refusals by rule id; STATE refusals as `STATE:<code>`. */
  readonly refusalsByRule: Record<string, number> = {};
  readonly refusals: RefusalSample[] = [];

  record(command: Command, outcome: CommandOutcome): void {
    const perType = (this.commands[command.type] ??= { accepted: 0, refused: 0 });
    if (outcome.status === 'accepted') {
      this.commandsAccepted += 1;
      perType.accepted += 1;
      this.eventsWritten += outcome.events.length;
      for (const e of outcome.events) this.events[e.type] = (this.events[e.type] ?? 0) + 1;
      this.events['CommandAccepted'] = (this.events['CommandAccepted'] ?? 0) + 1;
      return;
    }
    this.commandsRefused += 1;
    perType.refused += 1;
    this.eventsWritten += 1;
    this.events['CommandRefused'] = (this.events['CommandRefused'] ?? 0) + 1;
    const r = outcome.refusal;
    const reasons = r.kind === 'STATUTE' ? r.judgement.violations.map((v) => v.ruleId) : [r.code];
    for (const reason of reasons) {
      const key = r.kind === 'STATUTE' ? reason : `STATE:${reason}`;
      this.refusalsByRule[key] = (this.refusalsByRule[key] ?? 0) + 1;
    }
    if (this.refusals.length < 50) {
      this.refusals.push({
        commandType: command.type,
        commandId: command.metadata.commandId,
        effectiveDate: command.metadata.effectiveDate,
        kind: r.kind,
        reasons,
        message: r.kind === 'STATUTE' ? r.judgement.violations.map((v) => `${v.ruleId}: ${v.message.en}`).join('; ') : r.message.en,
      });
    }
  }
}

export interface SimulationSettings {
  store: EventStore;
  registry: RuleSetRegistry<RulesInForce>;
  seed: number;
  targetEvents: number;
  startDay: number;
  /** A clock of the caller's; default: the simulated recording instant of each command. */
  clock?: Clock;
  onProgress?: (p: HistoryProgress) => void;
  progressEvery: number;
  lastDay: number;
  /** Streams whose folded state is kept between commands (0: none, every command re-reads and folds its streams). */
  foldedStreams?: number;
  /** Events folded into the kept states, at most (the cache's memory bound). */
  foldedEvents?: number;
}

/**
 * The engine under the generator: simulated days, an agenda of tasks, one
 * seeded random stream, and `issue`, the only way anything reaches the log —
 * a command through `executeCommand`, decided by the domain under the rules
 * in force on its effective date.
 */
export class Simulation {
  readonly rng: Prng;
  readonly agenda = new Agenda();
  readonly tally = new Tally();
  readonly registry: RuleSetRegistry<RulesInForce>;
  /** The simulated recording day: the day of the task being run. */
  today: number;
  stopped = false;
  /** How many auxiliaries are in service now (for progress). */
  activeAuxiliaries = 0;

  private readonly deps: ExecutorDependencies;
  private readonly seedTag: string;
  private commandCount = 0;
  private commandsToday = 0;
  private instantDay = -1;
  private nextProgressAt: number;

  constructor(private readonly settings: SimulationSettings) {
    this.rng = new Prng(settings.seed);
    this.registry = settings.registry;
    this.today = settings.startDay;
    this.seedTag = new Prng(settings.seed ^ 0x5eed).hex8();
    const clock: Clock = settings.clock ?? { now: () => recordingInstant(this.today, this.commandsToday) };
    // Folded states of recently used streams, as the API keeps them, trusted as current (the generator is the log's only writer): a command
    // reads and folds only the streams it names that are not kept, instead of re-reading and re-folding every one.
    const cache = settings.foldedStreams ? new FoldedStreamCache({ maxStreams: settings.foldedStreams, maxEvents: settings.foldedEvents, soleWriter: true }) : undefined;
    this.deps = { store: settings.store, registry: settings.registry, clock, ...(cache ? { cache } : {}) };
    this.nextProgressAt = settings.progressEvery;
  }

  at(day: number, run: () => Promise<void> | void): void {
    this.agenda.add(Math.max(day, this.today), run);
  }

  /** Runs tasks in order until the log holds the target number of events (or time runs out). */
  async run(): Promise<void> {
    for (let task = this.agenda.pop(); task && !this.stopped; task = this.agenda.pop()) {
      if (task.day > this.settings.lastDay) break;
      this.today = task.day;
      await task.run();
    }
    this.stopped = true;
    this.report();
  }

  /**
   * Issues one command, effective today or on an earlier day (a back-dated
   * record), and tallies its outcome. Null once the target is reached: the
   * caller then changes nothing.
   */
  async issue<C extends Command, Refs extends Record<string, StreamRef>>(
    handler: CommandHandler<C, Refs>,
    data: C['data'],
    actor: Actor,
    effectiveDay: number = this.today,
  ): Promise<CommandOutcome | null> {
    if (this.stopped) return null;
    if (this.instantDay !== this.today) {
      this.instantDay = this.today;
      this.commandsToday = 0;
    }
    this.commandCount += 1;
    const { command } = prepareCommand<C>(
      { type: handler.commandType, data, actor, commandId: this.commandId(this.commandCount), effectiveDate: dateOf(effectiveDay) },
      this.deps.clock,
    );
    if (effectiveDay < this.today) this.tally.backdatedCommands += 1;
    const outcome = await executeCommand(this.deps, handler, command);
    this.commandsToday += 1;
    this.tally.record(command, outcome);
    if (this.tally.eventsWritten >= this.nextProgressAt) {
      this.report();
      while (this.nextProgressAt <= this.tally.eventsWritten) this.nextProgressAt += this.settings.progressEvery;
    }
    if (this.tally.eventsWritten >= this.settings.targetEvents) this.stopped = true;
    return outcome;
  }

  /** A UUID-shaped command id: the seed's tag and the command's number, so ids never repeat within a run. */
  private commandId(n: number): string {
    const c = n.toString(16).padStart(15, '0');
    return `${this.seedTag}-${c.slice(0, 4)}-4${c.slice(4, 7)}-8${c.slice(7, 10)}-0000000${c.slice(10)}`;
  }

  report(): void {
    this.settings.onProgress?.({
      eventsWritten: this.tally.eventsWritten,
      targetEvents: this.settings.targetEvents,
      commandsAccepted: this.tally.commandsAccepted,
      commandsRefused: this.tally.commandsRefused,
      simulatedDate: dateOf(this.today),
      activeAuxiliaries: this.activeAuxiliaries,
    });
  }
}

export const accepted = (o: CommandOutcome | null): boolean => o?.status === 'accepted';
