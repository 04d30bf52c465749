import { command, on, scenario } from '../testing';
import { quotaSet } from './organ';
import { CITY, COUNTY, REGION } from './organ.fixtures';
import { setQuota, type SetQuota } from './set-quota';

const set = (data: Partial<SetQuota['data']> = {}, on = '2024-10-01') =>
  command<SetQuota>('SetQuota', { organId: 'xincheng', category: null, headcount: 120, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', ...data }, on);

const given = scenario(setQuota).given;

describe('SetQuota', () => {
  describe('given a registered county and the region organ', () => {
    it('records the quota from the effective date', () => {
      given({ organ: [COUNTY], authority: [REGION] })
        .when(set({}, '2025-01-01'))
        .then({ organ: [quotaSet({ organId: 'xincheng', category: null, headcount: 120, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2025-01-01' })] });
    });

    it('records a per-category quota', () => {
      given({ organ: [COUNTY], authority: [REGION] })
        .when(set({ category: 'CIVILIAN', headcount: 30 }))
        .then({ organ: [quotaSet({ organId: 'xincheng', category: 'CIVILIAN', headcount: 30, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2024-10-01' })] });
    });

    it('records a new quota beside the old one (history kept)', () => {
      const first = quotaSet({ organId: 'xincheng', category: null, headcount: 100, documentRef: 'A', setByOrganId: 'nmg', from: '2024-09-01' });
      given({ organ: [COUNTY, first], authority: [REGION] })
        .when(set({ headcount: 90, documentRef: 'B' }, '2025-03-01'))
        .then({ organ: [quotaSet({ organId: 'xincheng', category: null, headcount: 90, documentRef: 'B', setByOrganId: 'nmg', from: '2025-03-01' })] });
    });
  });

  it('the region organ sets its own quota, reading one stream', () => {
    expect(setQuota.streams(set({ organId: 'nmg' }))).not.toHaveProperty('authority');
    given({ organ: [REGION] })
      .when(set({ organId: 'nmg', headcount: 40 }))
      .then({ organ: [quotaSet({ organId: 'nmg', category: null, headcount: 40, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2024-10-01' })] });
  });

  it('refuses a quota for an organ not registered (STATE)', () => {
    given({ authority: [REGION] }).when(set()).thenRefusedWithStateCode('ORGAN_NOT_REGISTERED');
  });

  it('refuses a setting authority not registered (STATE)', () => {
    given({ organ: [COUNTY] }).when(set()).thenRefusedWithStateCode('AUTHORITY_NOT_REGISTERED');
  });

  it('refuses a quota from a date before the organ was registered (STATE ORGAN_NOT_REGISTERED): the organ did not exist then', () => {
    const outcome = given({ organ: [on('2025-01-01', COUNTY)], authority: [REGION] }).when(set({}, '2024-12-31'));
    outcome.thenRefusedWithStateCode('ORGAN_NOT_REGISTERED');
    const refusal = outcome.decision as { accepted: false; refusal: { message: { zh: string; en: string } } };
    expect(refusal.refusal.message.en).toContain('2024-12-31');
    expect(refusal.refusal.message.zh).toContain('2024-12-31');
    given({ organ: [on('2025-01-01', COUNTY)], authority: [REGION] }).when(set({}, '2025-01-01')).then({
      organ: [quotaSet({ organId: 'xincheng', category: null, headcount: 120, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2025-01-01' })],
    });
  });

  it('refuses a setting authority registered only after the quota’s date (STATE AUTHORITY_NOT_REGISTERED)', () => {
    given({ organ: [COUNTY], authority: [on('2024-11-01', REGION)] }).when(set({}, '2024-10-01')).thenRefusedWithStateCode('AUTHORITY_NOT_REGISTERED');
  });
});

describe('Art. 7 (QUOTA-SET): a quota is set by a REGION-level authority, with its approving document, as a whole number', () => {
  it.each([
    ['the region organ, with document, 120', REGION, '内公发〔2024〕12号', 120, []],
    ['the region organ, 0 (no auxiliaries at all)', REGION, '内公发〔2024〕12号', 0, []],
    ['a city organ', CITY, '呼公发〔2024〕3号', 120, ['QUOTA-SET']],
    ['the region organ, no document', REGION, '  ', 120, ['QUOTA-SET']],
    ['the region organ, -1', REGION, 'D', -1, ['QUOTA-SET']],
    ['the region organ, 1.5', REGION, 'D', 1.5, ['QUOTA-SET']],
  ] as const)('set by %s → %j', (_name, authority, documentRef, headcount, failed) => {
    const outcome = given({ organ: [COUNTY], authority: [authority] }).when(set({ setByOrganId: authority.data.organId, documentRef, headcount }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('a city organ without document: every defect of QUOTA-SET is listed', () => {
    const violations = given({ organ: [COUNTY], authority: [CITY] }).when(set({ setByOrganId: 'hohhot', documentRef: '' })).thenRefusedCitingRules('QUOTA-SET');
    expect(violations).toHaveLength(2);
  });

  it('2024-08-31 is before the regulation: no rule set in force; 2024-09-01 is judged', () => {
    // Organs registered before (under earlier rules): the date alone decides.
    given({ organ: [on('2024-08-01', COUNTY)], authority: [on('2024-08-01', REGION)] }).when(set({}, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
    expect(given({ organ: [COUNTY], authority: [REGION] }).when(set({}, '2024-09-01')).decision.accepted).toBe(true);
  });
});
