import { addDays, addMonths, addYears, ageOn, daysBetween, fromEpochDay, fullMonthsBetween, isIsoDate, toEpochDay } from './dates';

describe('dates: plain YYYY-MM-DD arithmetic, no clock', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-9-1', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
  ])('isIsoDate(%s) is %s', (date, ok) => expect(isIsoDate(date)).toBe(ok));

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-09-01', 3, '2024-12-01'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-01-15', -13, '2022-12-15'],
  ])('addMonths(%s, %i) = %s (month end clamps, 民法典 Art. 202)', (date, n, out) => expect(addMonths(date, n)).toBe(out));

  it('addYears clamps 29 February to 28 February in a common year', () => {
    expect(addYears('2008-02-29', 18)).toBe('2026-02-28');
    expect(addYears('2008-02-29', 16)).toBe('2024-02-29');
  });

  it.each([
    ['1970-01-01', 0],
    ['2024-09-01', 19967],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
  ])('toEpochDay(%s) = %i and back', (date, n) => {
    expect(toEpochDay(date)).toBe(n);
    expect(fromEpochDay(n)).toBe(date);
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-09-01', -1)).toBe('2024-08-31');
    expect(daysBetween('2024-09-01', '2025-09-01')).toBe(365);
  });

  describe('ageOn: 周岁, the birthday completes the year', () => {
    it.each([
      ['2006-09-01', '2024-08-31', 17],
      ['2006-09-01', '2024-09-01', 18],
      ['2006-09-01', '2024-09-02', 18],
      ['2006-02-28', '2024-02-27', 17],
      ['2006-02-28', '2024-02-28', 18],
      ['2008-02-29', '2026-02-27', 17],
      ['2008-02-29', '2026-02-28', 18],
      ['2008-02-29', '2028-02-28', 19],
      ['2008-02-29', '2028-02-29', 20],
    ])('born %s, on %s: %i', (birth, on, age) => expect(ageOn(birth, on)).toBe(age));
  });

  it.each([
    ['2022-09-01', '2024-08-31', 23],
    ['2022-09-01', '2024-09-01', 24],
    ['2024-01-31', '2024-02-28', 0],
    ['2024-01-31', '2024-02-29', 1],
    ['2024-05-10', '2024-05-10', 0],
  ])('fullMonthsBetween(%s, %s) = %i', (from, to, n) => expect(fullMonthsBetween(from, to)).toBe(n));

  it('refuses malformed dates', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
  });
});
