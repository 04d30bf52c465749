import { createHash } from 'node:crypto';
import type { Command, CommandHandler, DomainEvent, Envelope, Refusal, StreamRef } from '@auxledger/domain';
import { streamIdOf } from '@auxledger/domain';
import {
  type AppendResult,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  canonicalJson,
  isEventStoreError,
} from '@auxledger/event-store';
import type { Judgement, Rules2024, RuleSetRegistry } from '@auxledger/statute';
import { ApplicationError } from './application-error';
import { deterministicEventId } from './event-ids';

/** The transaction-time clock, injected so that tests and replays control it. */
export interface Clock {
  now(): Date;
}

export interface ExecutorDependencies {
  store: EventStore;
  registry: RuleSetRegistry<Rules2024>;
  clock: Clock;
  /** How many times a decision is re-read and re-made after a concurrent write (default 8). */
  maxAttempts?: number;
}

export type CommandOutcome =
  | { status: 'accepted'; commandId: string; events: RecordedEvent[]; judgement: Judgement | null; replayed: boolean }
  | { status: 'refused'; commandId: string; refusal: Refusal; replayed: boolean };

/** Every command's outcome is kept in a stream of its own: idempotency, and the audit of refusals. */
export const commandStreamId = (commandId: string) => `command-${commandId}`;

export const COMMAND_ACCEPTED = 'CommandAccepted';
export const COMMAND_REFUSED = 'CommandRefused';

interface CommandAcceptedData {
  [key: string]: unknown;
  commandType: string;
  commandDigest: string;
  written: Array<{ streamId: string; fromRevision: number; count: number }>;
}

interface CommandRefusedData {
  [key: string]: unknown;
  commandType: string;
  commandDigest: string;
  command: unknown;
  refusal: Refusal;
}

/**
 * The command path: read → fold → decide → append, with the expected revision
 * of every stream read (ADR 0004), retried a bounded number of times when a
 * concurrent command wrote first. Idempotent by command id: the outcome is
 * recorded atomically with the events, in the command's own stream, and a
 * command id seen before answers its first outcome.
 */
export async function executeCommand<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
): Promise<CommandOutcome> {
  const commandDigest = digestCommand(command);
  const maxAttempts = deps.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    // A first attempt goes straight to deciding: were the command done already, its
    // command stream would make the append fail, and the next attempt answers from it.
    if (attempt > 1) {
      const previous = await previousOutcome(deps.store, command, commandDigest);
      if (previous) return previous;
    }
    try {
      return await decideAndAppend(deps, handler, command, commandDigest);
    } catch (error) {
      // A concurrent write moved a stream; or this command's derived event ids are stored: it ran before.
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

async function decideAndAppend<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
  commandDigest: string,
): Promise<CommandOutcome> {
  const { commandId } = command.metadata;
  const refs = handler.streams(command);
  const roles = Object.keys(refs) as Array<Extract<keyof Refs, string>>;
  const loaded = await Promise.all(
    roles.map(async (role) => {
      const ref = refs[role] as StreamRef;
      const streamId = streamIdOf(ref.aggregate, ref.id);
      const recorded = await deps.store.readStream(streamId);
      let state = ref.aggregate.initialState();
      for (const event of recorded) state = ref.aggregate.evolve(state, toEnvelope(event) as never);
      const revision = recorded.length === 0 ? ('no_stream' as const) : (recorded[recorded.length - 1] as RecordedEvent).streamRevision;
      return { role, streamId, state, revision };
    }),
  );
  const states = Object.fromEntries(loaded.map((l) => [l.role, l.state])) as Parameters<typeof handler.decide>[1];
  const decision = handler.decide(command, states, { metadata: command.metadata, registry: deps.registry });
  const recordedAt = deps.clock.now().toISOString();

  if (!decision.accepted) {
    const refused: CommandRefusedData = { commandType: command.type, commandDigest, command: command.data, refusal: decision.refusal };
    const result = await deps.store.appendToStream(
      commandStreamId(commandId),
      [toNewEvent(command, commandStreamId(commandId), 0, { type: COMMAND_REFUSED, schemaVersion: 1, data: refused }, recordedAt, null)],
      'no_stream',
    );
    if (result.alreadyStored) return answerFirstOutcome(deps.store, command, commandDigest);
    return { status: 'refused', commandId, refusal: decision.refusal, replayed: false };
  }

  const ruleSetRevision = decision.judgement?.ruleSet?.id ?? null;
  const appends: StreamAppend[] = loaded.map(({ role, streamId, revision }) => ({
    streamId,
    expectedRevision: revision,
    events: (decision.events[role] ?? []).map((event, index) => toNewEvent(command, streamId, index, event, recordedAt, ruleSetRevision)),
  }));
  const written = appends
    .filter((a) => a.events.length > 0)
    .map((a) => ({ streamId: a.streamId, fromRevision: a.expectedRevision === 'no_stream' ? 0 : (a.expectedRevision as number) + 1, count: a.events.length }));
  if (written.length === 0) {
    throw new ApplicationError('EMPTY_DECISION', { en: `${command.type} was accepted but decided no event`, zh: `${command.type} 已接受但未产生任何事件` });
  }
  const accepted: CommandAcceptedData = { commandType: command.type, commandDigest, written };
  appends.push({
    streamId: commandStreamId(commandId),
    expectedRevision: 'no_stream',
    events: [toNewEvent(command, commandStreamId(commandId), 0, { type: COMMAND_ACCEPTED, schemaVersion: 1, data: accepted }, recordedAt, ruleSetRevision)],
  });
  const results: AppendResult[] = await deps.store.appendToStreams(appends);
  // The command's outcome was stored before (its ids are derived from the command id): answer that one.
  if (results[results.length - 1]?.alreadyStored) return answerFirstOutcome(deps.store, command, commandDigest);
  return { status: 'accepted', commandId, events: results.slice(0, -1).flatMap((r) => r.events), judgement: decision.judgement, replayed: false };
}

async function answerFirstOutcome(store: EventStore, command: Command, commandDigest: string): Promise<CommandOutcome> {
  const previous = await previousOutcome(store, command, commandDigest);
  if (!previous) throw new Error(`unreachable: the outcome of command ${command.metadata.commandId} was reported stored but cannot be read`);
  return previous;
}

/** The first outcome of a command id seen before, or null. The same id with other content is refused. */
async function previousOutcome(store: EventStore, command: Command, commandDigest: string): Promise<CommandOutcome | null> {
  const [recorded] = await store.readStream(commandStreamId(command.metadata.commandId), { maxCount: 1 });
  if (!recorded) return null;
  const { commandId } = command.metadata;
  if (recorded.data['commandDigest'] !== commandDigest) {
    throw new ApplicationError(
      'COMMAND_ID_REUSED',
      { en: `Command id ${commandId} was already used for a different command`, zh: `指令编号 ${commandId} 已用于另一条不同的指令` },
      { commandId, firstCommandType: recorded.data['commandType'] },
    );
  }
  if (recorded.type === COMMAND_REFUSED) {
    return { status: 'refused', commandId, refusal: (recorded.data as unknown as CommandRefusedData).refusal, replayed: true };
  }
  const data = recorded.data as unknown as CommandAcceptedData;
  const events = (
    await Promise.all(data.written.map((w) => store.readStream(w.streamId, { fromRevision: w.fromRevision, maxCount: w.count })))
  ).flat();
  return { status: 'accepted', commandId, events, judgement: null, replayed: true };
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
      correlationId: commandId,
      causationId: commandId,
      actor: { id: actor.id, role: actor.role, organId: actor.organId },
      effectiveDate,
      recordedAt,
      ruleSetRevision,
    },
  };
}

/** A stored event as the domain folds it. */
export function toEnvelope(event: RecordedEvent): Envelope {
  return {
    event: { type: event.type, schemaVersion: event.schemaVersion, data: event.data },
    effectiveDate: event.metadata.effectiveDate,
    recordedAt: event.metadata.recordedAt,
    commandId: event.metadata.commandId,
    actorId: event.metadata.actor.id,
  };
}

function digestCommand(command: Command): string {
  return createHash('sha256')
    .update(canonicalJson({ type: command.type, data: command.data, effectiveDate: command.metadata.effectiveDate }))
    .digest('hex');
}

/** Backs off a little, with jitter, so that retrying writers do not collide again in step. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
}
