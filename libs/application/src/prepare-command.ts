import { hash, randomUUID } from 'node:crypto';
import type { Actor, Command } from '@auxledger/domain';
import { canonicalJson } from '@auxledger/event-store';
import type { IsoDate } from '@auxledger/statute';

/** The transaction-time clock, injected so that tests and replays control it. */
export interface Clock {
  now(): Date;
}

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** China has kept UTC+8 without daylight saving since 1992 (it last observed it in 1986–1991). */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const UTC_PLUS_8_MS = 8 * 60 * 60 * 1000;

/**
 * The calendar day of an instant in China (UTC+8): "today" for a command
 * recorded then. Called twice a command: since 1992 by arithmetic, a tenth
 * of the time zone database's formatting; before, through it.
 */
export const dayInChina = (instant: Date): IsoDate => {
  const ms = instant.getTime();
  if (ms >= FIXED_OFFSET_SINCE) return new Date(ms + UTC_PLUS_8_MS).toISOString().slice(0, 10);
  return CHINA_DAY.format(instant);
};

/** What a caller (the API, the CLI, the history generator) knows of a command before it is built. */
export interface CommandInput<C extends Command> {
  type: C['type'];
  data: C['data'];
  actor: Actor;
  /** The client's id (idempotency); default: a new UUID, which no other command can hold. */
  commandId?: string;
  /** The date it takes effect; default: the day of its recording in China. */
  effectiveDate?: IsoDate;
}

/** A command as built once for the command path, and whether its date was left to the default. */
export interface PreparedCommand<C extends Command = Command> {
  command: C;
  /**
   * True when the sender left the effective date to the default: a repeat of
   * it the next day is still the same command (it is answered as the first
   * time, decided on the first day).
   */
  effectiveDateDefaulted: boolean;
}

/** Builds a command: its id, actor, effective date and the instant it is recorded, from the injected clock. */
export function prepareCommand<C extends Command>(input: CommandInput<C>, clock: Clock): PreparedCommand<C> {
  const now = clock.now();
  const command = {
    type: input.type,
    data: input.data,
    metadata: {
      commandId: input.commandId ?? randomUUID(),
      actor: { id: input.actor.id, role: input.actor.role, organId: input.actor.organId },
      effectiveDate: input.effectiveDate ?? dayInChina(now),
      recordedAt: now.toISOString(),
    },
  } as C;
  return { command, effectiveDateDefaulted: input.effectiveDate === undefined };
}

/**
 * The content digest of a command: SHA-256 over the canonical JSON of its
 * type, data and effective date — what makes a repeat "the same command".
 * The one digest of the command path (ADR 0003).
 */
export function digestCommand(command: Pick<Command, 'type' | 'data'>, effectiveDate: IsoDate): string {
  return hash('sha256', canonicalJson({ type: command.type, data: command.data as never, effectiveDate }), 'hex');
}
