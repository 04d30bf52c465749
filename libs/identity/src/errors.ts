import { LedgerError } from '@auxledger/errors';
import type { Bilingual } from '@auxledger/statute';

/** What the identity vault refuses, with a stable code and a message in Chinese and English. */
export class IdentityError extends LedgerError {
  constructor(code: string, messages: Bilingual, details?: Record<string, unknown>) {
    super(code, messages, details);
    this.name = 'IdentityError';
  }
}
