import { nmg } from '../citation';
import { violationsOf } from '../testing/judge';

describe('SERVICE-PERIOD (Arts. 24, 40, our reading): nothing about a service before the hire; after the departure only what the regulation still asks', () => {
  const judge = (effectiveDate: string, departedOn: string | null, afterDeparture: ReturnType<typeof nmg> | null = null) =>
    violationsOf(['SERVICE-PERIOD'], { effectiveDate, service: { hiredOn: '2024-10-01', departedOn }, afterDeparture }).map((v) => [v.ruleId, v.citation.article]);

  it.each([
    ['the day before the hire', '2024-09-30', null, null, [['SERVICE-PERIOD', 24]]],
    ['the day before the hire, even for what is allowed after a departure', '2024-09-30', null, nmg(37, 3), [['SERVICE-PERIOD', 24]]],
    ['the hire day', '2024-10-01', null, null, []],
    ['in service, a departure still ahead', '2025-06-29', null, null, []],
    ['the departure day', '2025-06-30', '2025-06-30', null, [['SERVICE-PERIOD', 40]]],
    ['after the departure', '2025-07-10', '2025-06-30', null, [['SERVICE-PERIOD', 40]]],
    ['after the departure, a credential recovered (Art. 37 ¶3)', '2025-07-10', '2025-06-30', nmg(37, 3), []],
  ] as const)('%s → %j', (_name, date, departedOn, allowedBy, expected) => {
    expect(judge(date, departedOn, allowedBy)).toEqual(expected);
  });

  it.each([
    ['hired 2016, its record begun 2025-06-01: a command dated 2025-01-10', '2025-01-10', [['SERVICE-PERIOD', 47]]],
    ['the day its record began', '2025-06-01', []],
  ] as const)('a service recorded as found (EXISTING-SERVICE, Art. 47): %s → %j', (_name, date, expected) => {
    expect(violationsOf(['SERVICE-PERIOD'], { effectiveDate: date, service: { hiredOn: '2016-03-01', departedOn: null, recordedFrom: '2025-06-01' }, afterDeparture: null }).map((v) => [v.ruleId, v.citation.article])).toEqual(expected);
  });

  it('states its reading in both languages (it is not a catalog row)', async () => {
    const { SERVICE_PERIOD } = await import('./service');
    expect(SERVICE_PERIOD.reading?.zh).toContain('第二十四条');
    expect(SERVICE_PERIOD.reading?.en).toContain('Art. 37 ¶3');
  });
});

describe('DECIDING-ORGAN (Art. 34 ¶1, our reading): the using organ or an organ above it decides', () => {
  const judge = (decidingOrganId: string, ancestors: string[] | null) =>
    violationsOf(['DECIDING-ORGAN'], { effectiveDate: '2025-01-01', decision: { decidingOrganId, usingOrganId: 'county-a', usingOrganAncestorIds: ancestors } }).map((v) => [v.kind, v.citation.article]);
  it.each([
    ['the using organ', 'county-a', null, []],
    ['its city', 'city-a', ['city-a', 'region'], []],
    ['the region', 'region', ['city-a', 'region'], []],
    ['a county of another city', 'county-b', ['city-a', 'region'], [['NOT_MET', 34]]],
    ['a higher organ, the ancestors unknown', 'city-a', null, [['CANNOT_DETERMINE', 34]]],
    ['no organ named (DISCIPLINE refuses that)', '', null, []],
  ] as const)('%s → %j', (_n, deciding, ancestors, expected) => {
    expect(judge(deciding, ancestors === null ? null : [...ancestors])).toEqual(expected);
  });
});
