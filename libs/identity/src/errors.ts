import type { Bilingual } from '@auxledger/statute';

/** What the identity vault refuses, with a stable code and a message in Chinese and English. */
export class IdentityError extends Error {
  constructor(
    readonly code: string,
    readonly messages: Bilingual,
    readonly details?: Record<string, unknown>,
  ) {
    super(messages.en);
    this.name = 'IdentityError';
  }
}
