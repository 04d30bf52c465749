import { REGISTRY, type IsoDate, type RuleSetRegistry, type RulesInForce, type Violation } from '@auxledger/statute';
import { type Command, type CommandHandler, type CommandMetadata, type Decision, type DomainEvent, type Envelope, type EventsByRole, type StreamRef, type Upcasters, fold, upcast } from '../kernel';

/**
 * given / when / then for command handlers, Emmett-style, for specs only:
 *
 *   scenario(assignDuty).given({ auxiliary: [hired, trained] }).when(command).then({ auxiliary: [assigned] });
 *   … .when(command).thenRefusedCitingRules('DUTY-FORBIDDEN', 'DUTY-TRAINED');   // every failed rule, no more, no less
 *   … .when(command).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
 *
 * History is given per stream role, as events (dated `DEFAULT_EVENT_DATE`) or
 * envelopes (`on(date, event)`); a role left out is an empty stream.
 */

export const DEFAULT_EVENT_DATE: IsoDate = '2024-09-01';

export function on<E extends DomainEvent>(effectiveDate: IsoDate, event: E): Envelope<E> {
  return { event, effectiveDate, recordedAt: `${effectiveDate}T00:00:00.000Z`, commandId: `given-${event.type}`, actorId: 'given' };
}

export function metadataOn(effectiveDate: IsoDate, overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  return {
    commandId: `cmd-${effectiveDate}`,
    actor: { id: 'operator-1', role: 'operator', organId: null },
    effectiveDate,
    recordedAt: `${effectiveDate}T08:00:00.000Z`,
    ...overrides,
  };
}

const isEnvelope = (x: DomainEvent | Envelope): x is Envelope => 'event' in x && 'effectiveDate' in x;
const toEnvelope = (x: DomainEvent | Envelope): Envelope => (isEnvelope(x) ? x : on(DEFAULT_EVENT_DATE, x));
/** A given event is read as the store's would be: upcast to its newest version (an older one stands for an event stored before). */
const asStored = (envelope: Envelope, upcasters: Upcasters | undefined): Envelope => (upcasters ? { ...envelope, event: upcast(envelope.event, upcasters) } : envelope);

type AnyHandler = CommandHandler<Command, Record<string, StreamRef>>;
type History<Refs> = { [K in keyof Refs]?: readonly (DomainEvent | Envelope)[] };

export interface Outcome<Roles extends string> {
  readonly decision: Decision<Roles>;
  /** The accepted events, per role (fails when refused). */
  then(expected: EventsByRole<Roles>): void;
  /** Refused by the statute, with exactly these rule ids failing (order-free, duplicates ignored). */
  thenRefusedCitingRules(...ruleIds: string[]): readonly Violation[];
  /** Refused because the command does not fit the record (a STATE refusal), with this stable code. */
  thenRefusedWithStateCode(code: string): void;
}

/** Decides a command against states folded from the given history: what the application does, minus the store. */
export function decideWith<C extends Command, Refs extends Record<string, StreamRef>>(
  handler: CommandHandler<C, Refs>,
  history: History<Refs>,
  command: C,
  registry: RuleSetRegistry<RulesInForce> = REGISTRY,
): Decision<Extract<keyof Refs, string>> {
  const refs = handler.streams(command);
  const states = Object.fromEntries(
    Object.entries(refs).map(([role, ref]) => [role, fold(ref.aggregate as never, (history[role as keyof Refs] ?? []).map((x) => asStored(toEnvelope(x), ref.aggregate.upcasters)) as never)]),
  );
  return handler.decide(command, states as never, { metadata: command.metadata, registry });
}

export function scenario<C extends Command, Refs extends Record<string, StreamRef>>(
  handler: CommandHandler<C, Refs>,
  options: { registry?: RuleSetRegistry<RulesInForce> } = {},
) {
  type Roles = Extract<keyof Refs, string>;
  return {
    given(history: History<Refs> = {}) {
      return {
        when(command: C): Outcome<Roles> {
          const decision = decideWith(handler, history, command, options.registry);
          return {
            decision,
            then(expected) {
              if (!decision.accepted) throw new Error(`expected acceptance, got refusal: ${JSON.stringify(describeRefusal(decision))}`);
              expect(decision.events).toEqual(expected);
            },
            thenRefusedCitingRules(...ruleIds) {
              if (decision.accepted) throw new Error(`expected a refusal by ${ruleIds.join(', ')}, got events: ${JSON.stringify(decision.events)}`);
              if (decision.refusal.kind !== 'STATUTE') throw new Error(`expected a statute refusal, got state refusal ${decision.refusal.code}`);
              const failed = [...new Set(decision.refusal.judgement.violations.map((v) => v.ruleId))].sort();
              expect(failed).toEqual([...new Set(ruleIds)].sort());
              return decision.refusal.judgement.violations;
            },
            thenRefusedWithStateCode(code) {
              if (decision.accepted) throw new Error(`expected refusal ${code}, got events: ${JSON.stringify(decision.events)}`);
              expect(decision.refusal.kind === 'STATE' ? decision.refusal.code : decision.refusal.judgement.violations.map((v) => v.ruleId)).toEqual(code);
            },
          };
        },
      };
    },
  };
}

function describeRefusal(decision: Decision): unknown {
  if (decision.accepted) return null;
  return decision.refusal.kind === 'STATE' ? decision.refusal.code : decision.refusal.judgement.violations.map((v) => `${v.ruleId}: ${v.message.en}`);
}

/** For handler-agnostic helpers (property tests running many kinds of command). */
export type { AnyHandler };
