import type { Command } from './messages';
import type { Decision, DecisionContext } from './decision';
import type { DomainEvent, Envelope, Upcasters } from './messages';

/**
 * An aggregate is a fold: its initial state and how each event changes it.
 * Its events live in streams named `${streamPrefix}-${id}`. `evolve` sees
 * each event at its newest schema version: the aggregate's `upcasters` bring
 * older stored ones there where envelopes are made (`envelopeOf`).
 */
export interface Aggregate<S, E extends DomainEvent = DomainEvent> {
  streamPrefix: string;
  initialState(): S;
  evolve(state: S, envelope: Envelope<E>): S;
  /** Its event types' older schema versions, each to the next; none: every event is still at version 1. */
  upcasters?: Upcasters;
}

export const streamIdOf = (aggregate: Aggregate<unknown, never>, id: string): string => `${aggregate.streamPrefix}-${id}`;

/** The stream a command reads in one of its roles, e.g. `{ auxiliary: …, organ: …, person: … }`. */
export interface StreamRef<S = unknown> {
  aggregate: Aggregate<S, never>;
  id: string;
}

type StateOfRef<R> = R extends StreamRef<infer S> ? S : never;

/**
 * How one kind of command is decided. It names the streams it reads (by role);
 * the application layer reads and folds each, calls `decide` with the states,
 * and appends the events of every role in one atomic append, with the
 * expected revision of every stream it read — so that facts read from another
 * stream (a quota, a person's other contracts) cannot change underneath.
 */
export interface CommandHandler<C extends Command, Refs extends Record<string, StreamRef>> {
  commandType: C['type'];
  streams(command: C): Refs;
  decide(command: C, states: { [K in keyof Refs]: StateOfRef<Refs[K]> }, context: DecisionContext): Decision<Extract<keyof Refs, string>>;
}

/** Folds envelopes into a state: what the application does after reading a stream, and what tests do. */
export function fold<S, E extends DomainEvent>(aggregate: Aggregate<S, E>, envelopes: Iterable<Envelope<E>>): S {
  let state = aggregate.initialState();
  for (const envelope of envelopes) state = aggregate.evolve(state, envelope);
  return state;
}
