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
