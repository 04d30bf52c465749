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
 * version (an upcaster per change, never an edit of stored events). Their
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

/** The parts of a stored event an envelope is made of (the event store's RecordedEvent has them). */
export interface StoredEventLike {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: { effectiveDate: IsoDate; recordedAt: string; commandId: string; actor: { id: string } };
}

/** A stored event as the domain folds it: the one place where the two meet. */
export function envelopeOf(event: StoredEventLike): Envelope {
  return {
    event: { type: event.type, schemaVersion: event.schemaVersion, data: event.data },
    effectiveDate: event.metadata.effectiveDate,
    recordedAt: event.metadata.recordedAt,
    commandId: event.metadata.commandId,
    actorId: event.metadata.actor.id,
  };
}
