import { LedgerError } from '@auxledger/errors';
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
export class ApplicationError extends LedgerError<ApplicationErrorCode> {
  declare readonly details: Record<string, unknown>;

  constructor(code: ApplicationErrorCode, messages: Bilingual, details: Record<string, unknown> = {}) {
    super(code, messages, details);
    this.name = 'ApplicationError';
  }
}
