import type { Refusal } from './decision';

/**
 * Every command id is claimed once, in the log, by the first event of its own
 * stream `command-<commandId>`: `CommandAccepted` beside the events an
 * accepted command wrote (in the same atomic append), or `CommandRefused` for
 * a refusal. A command sent again is answered from this record — only when it
 * is the same command (same type and content digest); anything else is
 * COMMAND_ID_REUSED (ADR 0003).
 */
export const commandStreamId = (commandId: string) => `command-${commandId}`;

export const COMMAND_ACCEPTED = 'CommandAccepted';
export const COMMAND_REFUSED = 'CommandRefused';

/** A run of events one command wrote in one stream. */
export interface WrittenRange {
  streamId: string;
  fromRevision: number;
  count: number;
}

export interface CommandAcceptedData {
  [key: string]: unknown;
  commandType: string;
  /** The content digest (`digestCommand`): the same command sent again has the same one. */
  commandDigest: string;
  /** Where its events are: a repeat is answered with exactly these. */
  written: WrittenRange[];
}

export interface CommandRefusedData {
  [key: string]: unknown;
  commandType: string;
  commandDigest: string;
  /** The refused command's data: for auditors, who see what was asked. */
  command: unknown;
  refusal: Refusal;
}
