import type { RecordedEvent } from '@auxledger/event-store';

/** Small helpers the read models share. */

/** The id after a stream's prefix (`auxiliary-<id>` → `<id>`), or null for another prefix. */
export function idInStream(event: RecordedEvent, prefix: string): string | null {
  return event.streamId.startsWith(`${prefix}-`) ? event.streamId.slice(prefix.length + 1) : null;
}

/** A text field of the event's data, or null. */
export function text(data: Readonly<Record<string, unknown>> | null | undefined, field: string): string | null {
  const value = data?.[field];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Sorted distinct strings (JSON columns compare as text: a stable order keeps equal rows equal). */
export const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** The day before an ISO date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today in UTC (the default "as of" of the query helpers; read models themselves never read a clock). */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Probation ends by the calendar (Art. 24; 劳动合同法 Art. 19): the status of a
 * roster or person-file row on a date. A stored version holds the status of
 * its first day; one that was ON_PROBATION and runs past the probation's last
 * day is ACTIVE from the day after, with or without a recorded 转正 (the
 * domain's fold turns it ACTIVE at the next event; the days between are
 * answered here, for every query of these models).
 */
export function statusOn<S extends string>(row: { status: S; probation_last_day: string | null }, date: string): S | 'ACTIVE' {
  return row.status === 'ON_PROBATION' && row.probation_last_day !== null && date > row.probation_last_day ? 'ACTIVE' : row.status;
}

/** A row with its status as of the date (`statusOn`). */
export function withStatusOn<R extends { status: string; probation_last_day: string | null }>(row: R, date: string): R {
  const status = statusOn(row, date);
  return status === row.status ? row : ({ ...row, status } as R);
}
