import { type Bilingual, isIsoDate } from '@auxledger/statute';

/**
 * Why a command could not do its work: a stable code, a message in Chinese and
 * English, and the exit code (1: the work failed or found a problem; 2: the
 * command was called wrongly). `run` prints it; never a stack trace.
 */
export class CliError extends Error {
  constructor(
    readonly code: string,
    readonly messages: Bilingual,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(messages.en);
    this.name = 'CliError';
  }
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends CliError {
  constructor(code: string, messages: Bilingual) {
    super(code, messages, 2);
    this.name = 'UsageError';
  }
}

/** How `run` prints an error: the code, then the Chinese and the English line. */
export function describeError(error: CliError): string {
  return `auxledger: ${error.code}: ${error.messages.zh}\n           ${error.messages.en}\n`;
}

/** `--as-of`, `--from` …: a YYYY-MM-DD date, or a usage error naming the option. */
export function dateOption(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError('INVALID_DATE', { zh: `${option} 须为日期 YYYY-MM-DD（收到 ${value}）`, en: `${option} takes a date, YYYY-MM-DD (got ${value})` });
  return value;
}
