import {
  COMMAND_ACCEPTED,
  COMMAND_REFUSED,
  COMMAND_TIMING,
  type Command,
  type CommandAcceptedData,
  type CommandHandler,
  type CommandRefusedData,
  type DomainEvent,
  type Refusal,
  type StreamRef,
  type WrittenRange,
  commandStreamId,
} from '@auxledger/domain';
import { type AppendResult, type EventStore, type NewEvent, type RecordedEvent, type StreamAppend, isEventStoreError } from '@auxledger/event-store';
import { type IsoDate, type Judgement, type RulesInForce, type RuleSetRegistry, addDays, parameterOn, ruleSetInForce } from '@auxledger/statute';
import { ApplicationError } from './application-error';
import { FoldedStreamCache, loadStream, rememberAppended } from './folded-streams';
import { deterministicEventId } from './event-ids';
import { type Clock, dayInChina, digestCommand } from './prepare-command';

export interface ExecutorDependencies {
  store: EventStore;
  registry: RuleSetRegistry<RulesInForce>;
  clock: Clock;
  /** How many times a decision is re-read and re-made after a concurrent write (default 8). */
  maxAttempts?: number;
  /** Folded states of recently used streams (one per process); without it every command re-reads its streams whole. */
  cache?: FoldedStreamCache;
}

export type CommandOutcome =
  | { status: 'accepted'; commandId: string; events: RecordedEvent[]; judgement: Judgement | null; replayed: boolean }
  | { status: 'refused'; commandId: string; refusal: Refusal; replayed: boolean };

export interface ExecuteOptions {
  /** The sender left the effective date to the default (`PreparedCommand.effectiveDateDefaulted`). */
  effectiveDateDefaulted?: boolean;
  /**
   * Dry run: judge the command exactly as a real sending (the same dates
   * check, reads, fold and decision, the same answer to an id already
   * claimed) but append nothing — no events, no claim of the command id, no
   * refusal record. The events it would write are answered unstored.
   */
  dryRun?: boolean;
}

/** An event a dry run would write: the stream and revision it would take, no global position (nothing was stored). */
export type PlannedEvent = NewEvent & { streamId: string; streamRevision: number };

/** The outcome of a dry run: what a real sending would answer now, nothing recorded. */
export type DryRunOutcome =
  | { status: 'accepted'; dryRun: true; commandId: string; events: PlannedEvent[]; judgement: Judgement | null; replayed: boolean }
  | { status: 'refused'; dryRun: true; commandId: string; refusal: Refusal; replayed: boolean };

/**
 * The command path: read → fold → decide → append, with the expected revision
 * of every stream read (ADR 0004), retried a bounded number of times when a
 * concurrent command wrote first. Idempotent by command id (ADR 0003): every
 * id is claimed once, in the log, by the first event of its stream
 * `command-<id>` — `CommandAccepted` in the same atomic append as the
 * command's events, or `CommandRefused`. A command sent again is answered
 * from that record, and only when it is the same command (type and content
 * digest); anything else is COMMAND_ID_REUSED, carrying nothing of what was
 * stored. Whoever chose the id (a client, the API, an import, the generator).
 */
export async function executeCommand<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
  options: ExecuteOptions & { dryRun: true },
): Promise<DryRunOutcome>;
export async function executeCommand<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
  options?: ExecuteOptions & { dryRun?: false },
): Promise<CommandOutcome>;
export async function executeCommand<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
  options: ExecuteOptions = {},
): Promise<CommandOutcome | DryRunOutcome> {
  const maxAttempts = deps.maxAttempts ?? 8;
  if (options.dryRun) {
    const first = await firstOutcome(deps.store, command, options);
    if (first) return { ...first, dryRun: true };
    checkDates(command, dayInChina(deps.clock.now()), deps.registry);
    return judgeWithoutAppend(deps, handler, command);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt === 1) checkDates(command, dayInChina(deps.clock.now()), deps.registry);
      // The claim of the command id is checked inside the append: its stream is expected new. No read before.
      // A retry reads every stream past its kept state: what failed may have been decided on an old one.
      return await decideAndAppend(deps, handler, command, options, attempt > 1);
    } catch (error) {
      // Whatever failed, the id may be claimed already: by this very command, sent before (answer as the first
      // time, however it would be judged now), or by another (COMMAND_ID_REUSED).
      let first: CommandOutcome | null;
      try {
        first = await firstOutcome(deps.store, command, options);
      } catch (readError) {
        // COMMAND_ID_REUSED; a store that cannot be read answers with what failed first.
        if (readError instanceof ApplicationError) throw readError;
        throw error;
      }
      if (first) return first;
      // A concurrent write moved a stream.
      if (!isEventStoreError(error, 'WRONG_EXPECTED_REVISION') && !isEventStoreError(error, 'DUPLICATE_EVENT_ID')) throw error;
      if (attempt >= maxAttempts) {
        throw new ApplicationError(
          'CONCURRENCY_CONFLICT',
          { en: `The records changed ${attempt} times while command ${command.metadata.commandId} was being decided; try again`, zh: `处理指令 ${command.metadata.commandId} 期间记录被并发修改 ${attempt} 次，请重试` },
          { commandId: command.metadata.commandId, attempts: attempt },
        );
      }
      await pause(attempt);
    }
  }
}

/**
 * What a command and its dry run both do first: read and fold each stream the handler names (from the cache where it
 * holds them; `fresh`: read past it), refuse an id whose events stand without its claim, and decide on the states.
 */
async function readAndDecide<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
  fresh = false,
) {
  const refs = handler.streams(command);
  const roles = Object.keys(refs) as Array<Extract<keyof Refs, string>>;
  const loaded = await Promise.all(
    roles.map(async (role) => ({ role, ...(await loadStream(deps.store, deps.cache, refs[role] as StreamRef, command.metadata.commandId, fresh)) })),
  );
  // Events of this id without its claim: written before ids were claimed; what they were sent with is unknown.
  if (loaded.some((l) => l.ofCommand.length > 0)) throw commandIdReused(command, null);
  const states = Object.fromEntries(loaded.map((l) => [l.role, l.state])) as Parameters<typeof handler.decide>[1];
  const decision = handler.decide(command, states, { metadata: command.metadata, registry: deps.registry });
  return { refs, loaded, decision };
}

async function decideAndAppend<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
  options: ExecuteOptions,
  fresh: boolean,
): Promise<CommandOutcome> {
  const { commandId } = command.metadata;
  const { refs, loaded, decision } = await readAndDecide(deps, handler, command, fresh);
  const recordedAt = deps.clock.now().toISOString();
  const commandDigest = digestCommand(command, command.metadata.effectiveDate);
  const claim = (type: string, data: CommandAcceptedData | CommandRefusedData, ruleSetRevision: string | null): StreamAppend => ({
    streamId: commandStreamId(commandId),
    events: [toNewEvent(command, commandStreamId(commandId), 0, { type, schemaVersion: 1, data }, recordedAt, ruleSetRevision)],
    expectedRevision: 'no_stream',
  });

  if (!decision.accepted) {
    const unchanged = loaded.map(({ streamId, revision }): StreamAppend => ({ streamId, events: [], expectedRevision: revision }));
    const refused: CommandRefusedData = { commandType: command.type, commandDigest, command: command.data, refusal: decision.refusal };
    const results = await deps.store.appendToStreams([...unchanged, claim(COMMAND_REFUSED, refused, null)]);
    if (results[results.length - 1]?.alreadyStored) return answerFirstOutcome(deps.store, command, options);
    return { status: 'refused', commandId, refusal: decision.refusal, replayed: false };
  }

  const ruleSetRevision = decision.judgement?.ruleSet?.id ?? null;
  const appends: StreamAppend[] = loaded.map(({ role, streamId, revision }) => ({
    streamId,
    expectedRevision: revision,
    events: (decision.events[role] ?? []).map((event, index) => toNewEvent(command, streamId, index, event, recordedAt, ruleSetRevision)),
  }));
  const written: WrittenRange[] = appends
    .filter((a) => a.events.length > 0)
    .map((a) => ({ streamId: a.streamId, fromRevision: a.expectedRevision === 'no_stream' ? 0 : (a.expectedRevision as number) + 1, count: a.events.length }));
  if (written.length === 0) {
    throw new ApplicationError('EMPTY_DECISION', { en: `${command.type} was accepted but decided no event`, zh: `${command.type} 已接受但未产生任何事件` });
  }
  const accepted: CommandAcceptedData = { commandType: command.type, commandDigest, written };
  const results: AppendResult[] = await deps.store.appendToStreams([...appends, claim(COMMAND_ACCEPTED, accepted, ruleSetRevision)]);
  loaded.forEach((l, i) => rememberAppended(deps.cache, refs[l.role] as StreamRef, l, results[i] as AppendResult));
  const events = results.slice(0, appends.length).filter((r) => r.events.length > 0);
  const replayed = events.every((r) => r.alreadyStored);
  return { status: 'accepted', commandId, events: events.flatMap((r) => r.events), judgement: replayed ? null : decision.judgement, replayed };
}

/** A dry run's decision: the same reads, fold and decision as `decideAndAppend`, and nothing appended. */
async function judgeWithoutAppend<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
): Promise<DryRunOutcome> {
  const { commandId } = command.metadata;
  const { loaded, decision } = await readAndDecide(deps, handler, command);
  if (!decision.accepted) return { status: 'refused', dryRun: true, commandId, refusal: decision.refusal, replayed: false };
  const recordedAt = deps.clock.now().toISOString();
  const ruleSetRevision = decision.judgement?.ruleSet?.id ?? null;
  const events = loaded.flatMap(({ role, streamId, revision }) => {
    const from = revision === 'no_stream' ? 0 : (revision as number) + 1;
    return (decision.events[role] ?? []).map(
      (event, index): PlannedEvent => ({ ...toNewEvent(command, streamId, index, event, recordedAt, ruleSetRevision), streamId, streamRevision: from + index }),
    );
  });
  if (events.length === 0) {
    throw new ApplicationError('EMPTY_DECISION', { en: `${command.type} was accepted but decided no event`, zh: `${command.type} 已接受但未产生任何事件` });
  }
  return { status: 'accepted', dryRun: true, commandId, events, judgement: decision.judgement, replayed: false };
}

async function answerFirstOutcome(store: EventStore, command: Command, options: ExecuteOptions): Promise<CommandOutcome> {
  const first = await firstOutcome(store, command, options);
  if (!first) throw new Error(`unreachable: the outcome of command ${command.metadata.commandId} was reported stored but cannot be read`);
  return first;
}

/**
 * The first outcome of this command id, or null if the id is unclaimed. Only
 * the same command gets it: the same type and content digest — over the
 * first sending's effective date when this sending left the date to the
 * default, so that a repeat after midnight is still the same command.
 */
async function firstOutcome(store: EventStore, command: Command, options: ExecuteOptions): Promise<CommandOutcome | null> {
  const { commandId } = command.metadata;
  const [claim] = await store.readStream(commandStreamId(commandId), { maxCount: 1 });
  if (!claim) return null;
  const record = claim.data as unknown as CommandAcceptedData | CommandRefusedData;
  const onDate = options.effectiveDateDefaulted ? claim.metadata.effectiveDate : command.metadata.effectiveDate;
  if (record.commandType !== command.type || record.commandDigest !== digestCommand(command, onDate)) throw commandIdReused(command, claim);
  if (claim.type === COMMAND_REFUSED) return { status: 'refused', commandId, refusal: (record as CommandRefusedData).refusal, replayed: true };
  const runs = await Promise.all(
    (record as CommandAcceptedData).written.map((w) => store.readStream(w.streamId, { fromRevision: w.fromRevision, maxCount: w.count })),
  );
  const events = runs.flat().sort((a, b) => a.globalPosition - b.globalPosition);
  return { status: 'accepted', commandId, events, judgement: null, replayed: true };
}

/** The id space is global: another sender learns only that the id is taken; its first sender also learns for what. */
function commandIdReused(command: Command, claim: RecordedEvent | null): ApplicationError {
  const { commandId, actor } = command.metadata;
  const sameSender = claim !== null && claim.metadata.actor.id === actor.id;
  return new ApplicationError(
    'COMMAND_ID_REUSED',
    { en: `Command id ${commandId} was already used for a different command`, zh: `指令编号 ${commandId} 已用于另一条不同的指令` },
    { commandId, ...(sameSender ? { firstCommandType: (claim.data as { commandType?: unknown }).commandType } : {}) },
  );
}

/**
 * The bounds of every effective date, against the day the command is
 * recorded (in China): what happened cannot have happened after it was
 * recorded; what takes effect may lie ahead by at most the horizon in force.
 */
function checkDates(command: Command, recordedOn: IsoDate, registry: RuleSetRegistry<RulesInForce>): void {
  const { effectiveDate } = command.metadata;
  if (effectiveDate <= recordedOn) return;
  if (COMMAND_TIMING[command.type] !== 'TAKES_EFFECT') {
    throw new ApplicationError(
      'EFFECTIVE_DATE_IN_FUTURE',
      {
        zh: `${command.type} 记录已发生的事项，其生效日期 ${effectiveDate} 不得晚于记录日期 ${recordedOn}`,
        en: `${command.type} records something that happened: its effective date ${effectiveDate} cannot be after the day it is recorded, ${recordedOn}`,
      },
      { effectiveDate, recordedOn },
    );
  }
  const ruleSet = ruleSetInForce(registry, recordedOn) ?? registry[0];
  const horizon = ruleSet ? parameterOn(ruleSet.parameters, 'record.effectiveDateHorizonDays', recordedOn) : null;
  if (!horizon) return;
  const latest = addDays(recordedOn, horizon.value);
  if (effectiveDate > latest) {
    throw new ApplicationError(
      'EFFECTIVE_DATE_BEYOND_HORIZON',
      {
        zh: `生效日期 ${effectiveDate} 晚于记录日期 ${recordedOn} 后 ${horizon.value} 日（最迟 ${latest}；参数 record.effectiveDateHorizonDays${horizon.isDefault ? '，默认值' : ''}）`,
        en: `The effective date ${effectiveDate} is more than ${horizon.value} days after the day it is recorded, ${recordedOn} (at the latest ${latest}; parameter record.effectiveDateHorizonDays${horizon.isDefault ? ', default' : ''})`,
      },
      { effectiveDate, recordedOn, latest, parameter: { key: horizon.key, value: horizon.value, source: horizon.source, isDefault: horizon.isDefault } },
    );
  }
}

function toNewEvent(
  command: Command,
  streamId: string,
  index: number,
  event: DomainEvent,
  recordedAt: string,
  ruleSetRevision: string | null,
): NewEvent {
  const { commandId, actor, effectiveDate } = command.metadata;
  return {
    eventId: deterministicEventId(commandId, streamId, index),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data as NewEvent['data'],
    metadata: {
      commandId,
      commandType: command.type,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: actor.id, role: actor.role, organId: actor.organId },
      effectiveDate,
      recordedAt,
      ruleSetRevision,
    },
  };
}

/** Backs off a little, with jitter, so that retrying writers do not collide again in step. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
}
