import { violationsOf } from '../testing/judge';

describe('EXISTING-SERVICE (Arts. 47, 17, 24, our reading): staff serving before the record began are recorded as found, never by the recruitment rules', () => {
  type Given = { hiredOn: string; organRecordFrom?: string; contract?: { startDate: string; endDate: string | null }; dates?: { what: string; on: string }[] };
  const judge = (on: string, g: Given) =>
    violationsOf(['EXISTING-SERVICE'], {
      effectiveDate: on,
      existingService: { hiredOn: g.hiredOn, organRecordFrom: g.organRecordFrom ?? '2024-09-01', contract: g.contract ?? { startDate: g.hiredOn, endDate: null }, datesOnRecord: g.dates ?? [] },
    }).map((v) => [v.ruleId, v.citation.article]);

  it.each([
    ['hired 2015, recorded 2024-09-01', '2024-09-01', { hiredOn: '2015-03-01' }, []],
    ['hired the day before the regulation took effect (Art. 47)', '2025-01-10', { hiredOn: '2024-08-31' }, []],
    ['hired on the day it took effect, the organ registered that day: recruitment (Art. 17)', '2025-01-10', { hiredOn: '2024-09-01' }, [['EXISTING-SERVICE', 17]]],
    ['hired 2025 before the organ\'s record began (a deployment started 2026)', '2026-03-01', { hiredOn: '2025-05-01', organRecordFrom: '2026-03-01' }, []],
    ['hired after the organ\'s record began: recruitment (Art. 17)', '2026-06-01', { hiredOn: '2026-04-01', organRecordFrom: '2026-03-01' }, [['EXISTING-SERVICE', 17]]],
    ['a renewed contract in force, starting after the hire', '2024-10-01', { hiredOn: '2016-01-01', contract: { startDate: '2022-01-01', endDate: '2026-12-31' } }, []],
    ['the contract ended before the day of the record: none in force (Art. 24)', '2024-10-01', { hiredOn: '2016-01-01', contract: { startDate: '2016-01-01', endDate: '2024-06-30' } }, [['EXISTING-SERVICE', 24]]],
    ['the contract starts before the hire (Art. 24)', '2024-10-01', { hiredOn: '2016-01-01', contract: { startDate: '2015-12-01', endDate: null } }, [['EXISTING-SERVICE', 24]]],
    ['a training dated after the day of the record (Art. 24)', '2024-10-01', { hiredOn: '2016-01-01', dates: [{ what: 'PRE_JOB training', on: '2024-10-02' }] }, [['EXISTING-SERVICE', 24]]],
    ['insurance dated before the hire (Art. 24)', '2024-10-01', { hiredOn: '2016-01-01', dates: [{ what: 'insurance', on: '2015-01-01' }] }, [['EXISTING-SERVICE', 24]]],
  ] as const)('%s → %j', (_name, on, given, expected) => {
    expect(judge(on, given as Given)).toEqual(expected);
  });

  it('lists every defect at once', () => {
    expect(judge('2025-01-10', { hiredOn: '2025-02-01', contract: { startDate: '2025-02-01', endDate: null } })).toEqual([
      ['EXISTING-SERVICE', 17],
      ['EXISTING-SERVICE', 47],
      ['EXISTING-SERVICE', 24],
    ]);
  });

  it('states its reading in both languages (it is not a catalog row)', async () => {
    const { EXISTING_SERVICE } = await import('./existing-service');
    expect(EXISTING_SERVICE.reading?.zh).toContain('第四十七条');
    expect(EXISTING_SERVICE.reading?.en).toContain('Art. 17');
  });
});
