import type { Bilingual } from '@auxledger/statute';

export type ApplicationErrorCode =
  | 'CONCURRENCY_CONFLICT'
  | 'COMMAND_ID_REUSED'
  | 'EMPTY_DECISION'
  /** A command recording what happened, dated after the day it is recorded. */
  | 'EFFECTIVE_DATE_IN_FUTURE'
  /** A command dated further ahead than the horizon in force. */
  | 'EFFECTIVE_DATE_BEYOND_HORIZON';

/** A failure of the command path that is not a refusal: a stable code, a message in both languages. */
export class ApplicationError extends Error {
  constructor(
    readonly code: ApplicationErrorCode,
    readonly messages: Bilingual,
    readonly details: Record<string, unknown> = {},
  ) {
    super(messages.en);
    this.name = 'ApplicationError';
  }
}
