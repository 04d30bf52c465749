/** A message in Chinese (the authority) and English: the same shape as the statute's `Bilingual`. */
export interface BilingualMessages {
  readonly zh: string;
  readonly en: string;
}

/**
 * What every layer throws when it cannot do what it was asked: a stable
 * `code` that callers branch on (never the text), the message in Chinese and
 * English (`message` is the English one, for stacks and logs), and the ids
 * and values behind it. The event store, the command path, personal data,
 * the API and the CLI each extend it with their own codes; whoever answers
 * a user reads `code`, `messages` and `details` alike, whatever threw.
 */
export class LedgerError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly messages: BilingualMessages,
    readonly details?: Record<string, unknown>,
  ) {
    super(messages.en);
    this.name = 'LedgerError';
  }
}

export const isLedgerError = (error: unknown): error is LedgerError => error instanceof LedgerError;
