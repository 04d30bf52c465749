import { createHash } from 'node:crypto';
import type { Command, CommandHandler, DomainEvent, Refusal, StreamRef } from '@auxledger/domain';
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
import { FoldedStreamCache, loadStream, rememberAppended } from './folded-streams';
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
  /** Folded states of recently used streams (one per process); without it every command re-reads its streams whole. */
  cache?: FoldedStreamCache;
}

export type CommandOutcome =
  | { status: 'accepted'; commandId: string; events: RecordedEvent[]; judgement: Judgement | null; replayed: boolean }
  | { status: 'refused'; commandId: string; refusal: Refusal; replayed: boolean };

/** A refused command is kept in a stream of its own: for auditors, and to answer it again. */
export const commandStreamId = (commandId: string) => `command-${commandId}`;

export const COMMAND_REFUSED = 'CommandRefused';

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
 * concurrent command wrote first. Idempotent by command id (ADR 0003):
 * - an accepted command's events carry its id and ids derived from it; a
 *   command found in the streams it names is answered with those events;
 * - a refused command is recorded in its own stream `command-<id>` (for
 *   auditors: who, when, what, which rules) and answered from there;
 * - each outcome's append asserts the other cannot be stored meanwhile: an
 *   acceptance checks that the command stream is still empty, a refusal that
 *   the streams it read have not moved.
 */
export async function executeCommand<C extends Command, Refs extends Record<string, StreamRef>>(
  deps: ExecutorDependencies,
  handler: CommandHandler<C, Refs>,
  command: C,
): Promise<CommandOutcome> {
  const commandDigest = digestCommand(command);
  const maxAttempts = deps.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    const refusedBefore = await previousRefusal(deps.store, command, commandDigest);
    if (refusedBefore) return refusedBefore;
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
    roles.map(async (role) => ({ role, ...(await loadStream(deps.store, deps.cache, refs[role] as StreamRef, commandId)) })),
  );
  const done = loaded.flatMap((l) => l.ofCommand).sort((a, b) => a.globalPosition - b.globalPosition);
  if (done.length > 0) return { status: 'accepted', commandId, events: done, judgement: null, replayed: true };

  const states = Object.fromEntries(loaded.map((l) => [l.role, l.state])) as Parameters<typeof handler.decide>[1];
  const decision = handler.decide(command, states, { metadata: command.metadata, registry: deps.registry });
  const recordedAt = deps.clock.now().toISOString();
  const unchanged = loaded.map(({ streamId, revision }): StreamAppend => ({ streamId, events: [], expectedRevision: revision }));

  if (!decision.accepted) {
    const refused: CommandRefusedData = { commandType: command.type, commandDigest, command: command.data, refusal: decision.refusal };
    const record = toNewEvent(command, commandStreamId(commandId), 0, { type: COMMAND_REFUSED, schemaVersion: 1, data: refused }, recordedAt, null);
    const results = await deps.store.appendToStreams([...unchanged, { streamId: commandStreamId(commandId), events: [record], expectedRevision: 'no_stream' }]);
    if (results[results.length - 1]?.alreadyStored) return answerFirstOutcome(deps.store, command, commandDigest);
    return { status: 'refused', commandId, refusal: decision.refusal, replayed: false };
  }

  const ruleSetRevision = decision.judgement?.ruleSet?.id ?? null;
  const appends: StreamAppend[] = loaded.map(({ role, streamId, revision }) => ({
    streamId,
    expectedRevision: revision,
    events: (decision.events[role] ?? []).map((event, index) => toNewEvent(command, streamId, index, event, recordedAt, ruleSetRevision)),
  }));
  if (!appends.some((a) => a.events.length > 0)) {
    throw new ApplicationError('EMPTY_DECISION', { en: `${command.type} was accepted but decided no event`, zh: `${command.type} 已接受但未产生任何事件` });
  }
  // No refusal of this command may be stored meanwhile.
  appends.push({ streamId: commandStreamId(commandId), events: [], expectedRevision: 'no_stream' });
  const results: AppendResult[] = await deps.store.appendToStreams(appends);
  loaded.forEach((l, i) => rememberAppended(deps.cache, refs[l.role] as StreamRef, l, results[i] as AppendResult));
  const written = results.filter((r) => r.events.length > 0);
  return {
    status: 'accepted',
    commandId,
    events: written.flatMap((r) => r.events),
    judgement: written.every((r) => r.alreadyStored) ? null : decision.judgement,
    replayed: written.every((r) => r.alreadyStored),
  };
}

async function answerFirstOutcome(store: EventStore, command: Command, commandDigest: string): Promise<CommandOutcome> {
  const previous = await previousRefusal(store, command, commandDigest);
  if (!previous) throw new Error(`unreachable: the outcome of command ${command.metadata.commandId} was reported stored but cannot be read`);
  return previous;
}

/** The refusal of a command id seen before, or null. The same id with other content is refused. */
async function previousRefusal(store: EventStore, command: Command, commandDigest: string): Promise<CommandOutcome | null> {
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
  return { status: 'refused', commandId, refusal: (recorded.data as unknown as CommandRefusedData).refusal, replayed: true };
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

function digestCommand(command: Command): string {
  return createHash('sha256')
    .update(canonicalJson({ type: command.type, data: command.data, effectiveDate: command.metadata.effectiveDate }))
    .digest('hex');
}

/** Backs off a little, with jitter, so that retrying writers do not collide again in step. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
}
