import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type Command,
  type CommandHandler,
  type DomainEvent,
  type StreamRef,
  streamIdOf,
} from '@auxledger/domain';
import { type EventStore, type JsonObject, type NewEvent, type RecordedEvent, type StreamAppend } from '@auxledger/event-store';
import { PARAMETERS_2024, RULE_SET_2024, type RuleSetRegistry, type RulesInForce, createRegistry, withParameterValues } from '@auxledger/statute';
import { COMMAND_REFUSED, envelopeOf } from '@auxledger/domain';

/**
 * Real events for the read-model tests. Projections may not import
 * libs/application (lint), so `runCommand` is the command path in small: read
 * and fold every stream the domain's handler names, decide with the rule sets
 * in force, append the events of every role with the command's metadata (or
 * record `CommandRefused` in `command-<id>`), as `executeCommand` does —
 * without its retries and idempotency, which these tests do not exercise.
 */

export const PAY_FEN: Readonly<Record<string, number>> = { L1: 400000, L2: 430000, L3: 460000, L4: 490000 };
export const payOn = (level: string) => ({ locality: 'hohhot', monthlyBaseFen: PAY_FEN[level] ?? 0 });

export const REGISTRY: RuleSetRegistry<RulesInForce> = createRegistry([
  {
    ...RULE_SET_2024,
    parameters: withParameterValues(PARAMETERS_2024, 'pay.standards', [
      {
        from: '2024-09-01',
        value: Object.entries(PAY_FEN).flatMap(([level, monthlyBaseFen]) => [
          { locality: 'hohhot', level, monthlyBaseFen },
          // Another locality's standard, for AdjustPay.
          { locality: 'xincheng', level, monthlyBaseFen: monthlyBaseFen + 10000 },
        ]),
        source: 'test: 呼和浩特市辅警薪酬标准 (test values)',
        isDefault: false,
      },
    ]),
  },
]);

export const ADMIN: Actor = { id: 'admin-nmg', role: 'admin', organId: 'nmg' };

export interface Outcome {
  status: 'accepted' | 'refused';
  events: RecordedEvent[];
  ruleIds: string[];
}

export async function runCommand<C extends Command, Refs extends Record<string, StreamRef>>(
  store: EventStore,
  handler: CommandHandler<C, Refs>,
  type: C['type'],
  data: C['data'],
  when: { effectiveDate: string; recordedAt: string; actor?: Actor },
): Promise<Outcome> {
  const commandId = randomUUID();
  const command = { type, data, metadata: { commandId, actor: when.actor ?? ADMIN, effectiveDate: when.effectiveDate, recordedAt: when.recordedAt } } as C;
  const refs = handler.streams(command);
  const loaded = await Promise.all(
    Object.entries(refs).map(async ([role, ref]) => {
      const streamId = streamIdOf(ref.aggregate, ref.id);
      const recorded = await store.readStream(streamId);
      let state = ref.aggregate.initialState();
      for (const e of recorded) state = ref.aggregate.evolve(state, envelopeOf(e) as never);
      return { role, streamId, state, revision: recorded.length === 0 ? ('no_stream' as const) : (recorded[recorded.length - 1] as RecordedEvent).streamRevision };
    }),
  );
  const states = Object.fromEntries(loaded.map((l) => [l.role, l.state])) as never;
  const decision = handler.decide(command, states, { metadata: command.metadata, registry: REGISTRY });
  const metadata = (ruleSetRevision: string | null) => ({
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: command.metadata.actor,
    effectiveDate: when.effectiveDate,
    recordedAt: when.recordedAt,
    ruleSetRevision,
  });
  if (!decision.accepted) {
    const refusal = decision.refusal;
    const record: NewEvent = {
      eventId: randomUUID(),
      type: COMMAND_REFUSED,
      schemaVersion: 1,
      data: JSON.parse(JSON.stringify({ commandType: type, commandDigest: 'test', command: data, refusal })) as JsonObject,
      metadata: metadata(null),
    };
    const [result] = await store.appendToStreams([{ streamId: `command-${commandId}`, events: [record], expectedRevision: 'no_stream' }]);
    return { status: 'refused', events: result?.events ?? [], ruleIds: refusal.kind === 'STATUTE' ? refusal.judgement.violations.map((v) => v.ruleId) : [refusal.code] };
  }
  const revision = decision.judgement?.ruleSet?.id ?? null;
  const appends: StreamAppend[] = loaded.map(({ role, streamId, revision: expectedRevision }) => ({
    streamId,
    expectedRevision,
    events: ((decision.events as Record<string, DomainEvent[] | undefined>)[role] ?? []).map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data as JsonObject,
      metadata: metadata(revision),
    })),
  }));
  const results = await store.appendToStreams(appends);
  return { status: 'accepted', events: results.flatMap((r) => r.events), ruleIds: [] };
}

/** Appends domain events as a past command would have (one command id, one recordedAt): for records no handler here writes. */
export async function given(
  store: EventStore,
  streamId: string,
  events: readonly DomainEvent[],
  when: { effectiveDate: string; recordedAt: string; actor?: Actor },
): Promise<RecordedEvent[]> {
  const commandId = randomUUID();
  const [result] = await store.appendToStreams([
    {
      streamId,
      expectedRevision: 'any',
      events: events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data as JsonObject,
        metadata: { commandId, correlationId: commandId, causationId: commandId, actor: when.actor ?? ADMIN, effectiveDate: when.effectiveDate, recordedAt: when.recordedAt, ruleSetRevision: '2024' },
      })),
    },
  ]);
  return result?.events ?? [];
}
