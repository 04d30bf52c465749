import type { IsoDate } from '@auxledger/statute';

/** Who issues a command. Roles are the API's; `system` is the platform itself (imports, generators). */
export type Role = 'admin' | 'operator' | 'auditor' | 'viewer' | 'system';

export interface Actor {
  id: string;
  role: Role;
  /** The organ the actor acts for; null for region-wide roles. */
  organId: string | null;
}

/**
 * What travels with every command: its id (idempotency), who issued it, the
 * date it takes effect (valid time, chosen by the operator: rules are chosen
 * by it) and when it was recorded (transaction time, from the injected clock).
 */
export interface CommandMetadata {
  commandId: string;
  actor: Actor;
  effectiveDate: IsoDate;
  recordedAt: string;
}

/** Commands are imperative (`Hire`), plain data. */
export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}

/**
 * Events are past tense (`AuxiliaryHired`), plain JSON data with a schema
 * version (an upcaster per change, never an edit of stored events: `Upcasters`). Their
 * envelope (ids, actor, dates, hash chain) is added by the application layer.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  schemaVersion: number;
  data: Data;
}

/** An event as folded: with the dates of its envelope, which evolve functions may read. */
export interface Envelope<E extends DomainEvent = DomainEvent> {
  event: E;
  effectiveDate: IsoDate;
  recordedAt: string;
  commandId: string;
  actorId: string;
}

/**
 * How events of an older schema version are read: by event type, the
 * upcaster from each version to the next (`{ ApplicationRegistered: { 1:
 * (v1) => v2 } }`). A stored event is never edited; it is upcast, step by
 * step, to the newest version each time it is read, so evolve functions and
 * rules see one shape per event type. An upcaster is pure and supplies only
 * what the older event implies (a field it never had is given as "not
 * recorded", never guessed).
 */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, (data: never) => unknown>>>>;

/** The event as its newest schema version, through every upcaster from its own version on. */
export function upcast(event: DomainEvent, upcasters: Upcasters): DomainEvent {
  const steps = upcasters[event.type];
  if (steps === undefined) return event;
  let { schemaVersion, data } = event;
  for (let step = steps[schemaVersion]; step !== undefined; step = steps[schemaVersion]) {
    data = step(data as never);
    schemaVersion += 1;
  }
  return schemaVersion === event.schemaVersion ? event : { type: event.type, schemaVersion, data };
}

/** The parts of a stored event an envelope is made of (the event store's RecordedEvent has them). */
export interface StoredEventLike {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: { effectiveDate: IsoDate; recordedAt: string; commandId: string; actor: { id: string } };
}

/** A stored event as the domain folds it, upcast by `upcasters`: the one place where the two meet (the domain's `envelopeOf` gives every aggregate's). */
export function envelopeWith(upcasters: Upcasters, event: StoredEventLike): Envelope {
  return {
    event: upcast({ type: event.type, schemaVersion: event.schemaVersion, data: event.data }, upcasters),
    effectiveDate: event.metadata.effectiveDate,
    recordedAt: event.metadata.recordedAt,
    commandId: event.metadata.commandId,
    actorId: event.metadata.actor.id,
  };
}
