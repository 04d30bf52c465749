import { dayInChina } from './prepare-command';

const byTimeZoneDatabase = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('dayInChina', () => {
  it('is the day in Asia/Shanghai, around each midnight there (16:00 UTC) and across the years of daylight saving (1986–1991)', () => {
    const instants: number[] = [];
    for (let year = 1984; year <= 2100; year += year < 1994 ? 1 : 7) {
      for (let day = 0; day < 366; day += year < 1994 ? 1 : 29) {
        const midnight = Date.UTC(year, 0, 1 + day, 16);
        instants.push(midnight - 3_600_001, midnight - 1, midnight, midnight + 1, midnight + 3_599_999);
      }
    }
    for (const ms of instants) expect([new Date(ms).toISOString(), dayInChina(new Date(ms))]).toEqual([new Date(ms).toISOString(), byTimeZoneDatabase.format(ms)]);
  });

  it('names the day by China’s clock, not UTC’s', () => {
    expect(dayInChina(new Date('2025-02-28T15:59:59.999Z'))).toBe('2025-02-28');
    expect(dayInChina(new Date('2025-02-28T16:00:00.000Z'))).toBe('2025-03-01');
    // 1988, daylight saving (UTC+9) in summer: 15:00 UTC is already the next day.
    expect(dayInChina(new Date('1988-07-01T15:30:00Z'))).toBe('1988-07-02');
  });
});
