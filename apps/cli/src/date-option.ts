import { isIsoDate } from '@auxledger/statute';
import { UsageError } from './cli-error';

/** `--as-of`, `--from` …: a YYYY-MM-DD date, or a usage error naming the option. */
export function dateOption(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError('INVALID_DATE', { zh: `${option} 须为日期 YYYY-MM-DD（收到 ${value}）`, en: `${option} takes a date, YYYY-MM-DD (got ${value})` });
  return value;
}
