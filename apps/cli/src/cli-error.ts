import { LedgerError } from '@auxledger/errors';
import type { Bilingual } from '@auxledger/statute';
import { language } from './lang';

/**
 * Why a command could not do its work: a stable code, a message in Chinese and
 * English, and the exit code (1: the work failed or found a problem; 2: the
 * command was called wrongly). `run` prints it; never a stack trace.
 */
export class CliError extends LedgerError {
  constructor(
    code: string,
    messages: Bilingual,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(code, messages);
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

/**
 * How `run` prints an error: the code, then both languages — the CLI's
 * language first (`--lang`, the locale), the other on the next line.
 */
export function describeError(error: CliError): string {
  const [first, second] = language() === 'zh' ? [error.messages.zh, error.messages.en] : [error.messages.en, error.messages.zh];
  return `auxledger: ${error.code}: ${first}\n           ${second}\n`;
}

/**
 * Commander's own errors (an unknown option, a missing argument …), which it
 * words in English only, as the CLI's errors: a stable code and both
 * languages, exit code 2. Null for what is no error (help, version).
 */
export function usageErrorOf(error: { code: string; message: string }): UsageError | null {
  const quoted = [...error.message.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
  const [a = '', b = ''] = quoted;
  const hint = /\(Did you mean ([^?]+)\?\)/.exec(error.message)?.[1];
  const zhHint = hint ? `（是否想用 ${hint}？）` : '';
  const enHint = hint ? ` (did you mean ${hint}?)` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return new UsageError('UNKNOWN_OPTION', { zh: `未知选项 ${a}${zhHint}`, en: `unknown option ${a}${enHint}` });
    case 'commander.unknownCommand':
      return new UsageError('UNKNOWN_COMMAND', { zh: `未知命令 ${a}${zhHint}（auxledger --help 列出全部命令）`, en: `unknown command ${a}${enHint} (auxledger --help lists them)` });
    case 'commander.missingArgument':
      return new UsageError('MISSING_ARGUMENT', { zh: `缺少参数 ${a}`, en: `missing argument ${a}` });
    case 'commander.optionMissingArgument':
      return new UsageError('MISSING_OPTION_VALUE', { zh: `选项 ${a} 缺少取值`, en: `option ${a} needs a value` });
    case 'commander.missingMandatoryOptionValue':
      return new UsageError('MISSING_OPTION', { zh: `须指定选项 ${a}`, en: `option ${a} is required` });
    case 'commander.invalidArgument': {
      const allowed = /Allowed choices are (.+)\.$/.exec(error.message)?.[1];
      return new UsageError('INVALID_OPTION_VALUE', {
        zh: `${a} 的取值 ${b} 无效${allowed ? `，可选：${allowed}` : ''}`,
        en: `${a}: ${b} is not a valid value${allowed ? `; one of ${allowed}` : ''}`,
      });
    }
    case 'commander.excessArguments':
      return new UsageError('TOO_MANY_ARGUMENTS', { zh: `${a ? `命令 ${a} 的` : ''}参数过多`, en: `too many arguments${a ? ` for ${a}` : ''}` });
    case 'commander.conflictingOption':
      return new UsageError('CONFLICTING_OPTIONS', { zh: `选项冲突：${quoted.join('、')}`, en: `conflicting options: ${quoted.join(', ')}` });
    default:
      return null;
  }
}
