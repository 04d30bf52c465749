import { styleText } from 'node:util';

/**
 * The CLI's language (zh or en) for its help, its tables and the order of its
 * bilingual errors: `--lang zh|en` first, else AUXLEDGER_LANG, else the
 * locale (LC_ALL, LC_MESSAGES, LANG: zh_CN.UTF-8 … is Chinese; C, POSIX and
 * en_* are English), else — no locale at all — Chinese, the regulation's.
 * Errors always carry both languages; the chosen one comes first.
 */
export type Lang = 'zh' | 'en';

let current: Lang = 'zh';

export function language(): Lang {
  return current;
}

export function setLanguage(lang: Lang): void {
  current = lang;
}

/** The text in the CLI's language. */
export function L(zh: string, en: string): string {
  return current === 'zh' ? zh : en;
}

const asLang = (value: string | undefined): Lang | undefined => {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v.startsWith('zh')) return 'zh';
  if (v.startsWith('en') || v === 'c' || v === 'posix' || v.startsWith('c.')) return 'en';
  return undefined;
};

/** `--lang` (as `--lang zh` or `--lang=zh`) wins, then AUXLEDGER_LANG, then the locale variables in POSIX order. */
export function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): { lang: Lang; invalid?: string } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === undefined && arg !== '--lang') continue;
    if (value === 'zh' || value === 'en') return { lang: value };
    return { lang: fromEnvironment(env), invalid: value ?? '' };
  }
  return { lang: fromEnvironment(env) };
}

function fromEnvironment(env: NodeJS.ProcessEnv): Lang {
  const explicit = asLang(env['AUXLEDGER_LANG']);
  if (explicit) return explicit;
  // POSIX: LC_ALL overrides LC_MESSAGES, which overrides LANG; the first one set decides.
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return asLang(value) ?? 'en';
  }
  return 'zh';
}

/** Colours only for a terminal, and never with NO_COLOR set (https://no-color.org); FORCE_COLOR=1 forces them. */
export function wantsColour(stream: { isTTY?: boolean } | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream?.isTTY === true && env['TERM'] !== 'dumb';
}

export type Style = Parameters<typeof styleText>[0];

/** A painter: `styleText` when colours are on, the plain text otherwise. */
export function painter(colour: boolean): (style: Style, text: string) => string {
  return colour ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
