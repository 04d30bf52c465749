import { LedgerError } from '@auxledger/errors';
import type { Bilingual } from '@auxledger/statute';

/**
 * What went wrong, without HTTP: a stable code, a message in Chinese and
 * English, and a kind that the one exception filter turns into a status.
 */
export type AppErrorKind =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'REFUSED_BY_STATUTE'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAVAILABLE';

export class AppError extends LedgerError {
  constructor(
    readonly kind: AppErrorKind,
    code: string,
    messages: Bilingual,
    details?: Record<string, unknown>,
  ) {
    super(code, messages, details);
    this.name = 'AppError';
  }
}

/** The one error shape of every answer that is not a success. */
export interface ErrorBody {
  error: { code: string; message: Bilingual; details?: unknown };
}
