import { type IsoDate, addMonths, fromEpochDay, fullMonthsBetween, parseIsoDate, toEpochDay } from '@auxledger/statute';

/** Simulated time is a whole day number (days since 1970-01-01); commands carry it as an IsoDate. */
export const dayOf = (date: IsoDate): number => toEpochDay(date);
export const dateOf = (day: number): IsoDate => fromEpochDay(day);
export const yearOfDay = (day: number): number => parseIsoDate(fromEpochDay(day)).year;
export const dayOfYearStart = (year: number, month = 1, dom = 1): number =>
  toEpochDay(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`);
export const addMonthsToDay = (day: number, months: number): number => toEpochDay(addMonths(fromEpochDay(day), months));
export const monthsBetweenDays = (from: number, to: number): number => fullMonthsBetween(fromEpochDay(from), fromEpochDay(to));

/** The recording instant of the n-th command on a simulated day: office hours, a quarter second apart. */
export function recordingInstant(day: number, n: number): Date {
  const ms = Math.min(8 * 3600_000 + n * 250, 24 * 3600_000 - 1);
  return new Date(day * 86_400_000 + ms);
}
