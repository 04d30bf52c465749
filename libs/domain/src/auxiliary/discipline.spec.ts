import { nmg } from '@auxledger/statute';
import { CITY, COUNTY, REGION, registered } from '../organ/organ.fixtures';
import { command, scenario } from '../testing';
import { AUX, ORGAN, disciplined, hired, suspendedOn, terminatedOn } from './auxiliary.fixtures';
import { type Discipline, discipline } from './discipline';

const decide = (data: Partial<Discipline['data']> = {}, date = '2025-02-01') =>
  command<Discipline>('Discipline', { auxiliaryId: AUX, disciplineId: 'd-1', misconduct: 'BEYOND_AUTHORITY', description: '超越权限', sanction: 'WARNING', decidingOrganId: ORGAN, effectiveUntil: null, ...data }, date);
const given = scenario(discipline).given;

describe('Discipline', () => {
  describe('given an active auxiliary', () => {
    it('records the decision, effective from the command\'s date', () => {
      given({ auxiliary: [hired()] }).when(decide()).then({ auxiliary: [disciplined('d-1', 'WARNING', '2025-02-01').event] });
    });
    it('refuses a repeated decision id (STATE)', () => {
      given({ auxiliary: [hired(), disciplined('d-1', 'WARNING', '2025-01-01')] }).when(decide()).thenRefusedWithStateCode('DUPLICATE_ID');
    });
  });
  describe('given a suspended auxiliary', () => {
    it('still takes the decision', () => {
      expect(given({ auxiliary: [hired(), suspendedOn('2025-01-10')] }).when(decide()).decision.accepted).toBe(true);
    });
  });
  describe('given a departed auxiliary, or none', () => {
    it('refuses after the departure (SERVICE-PERIOD), and without a hire (STATE)', () => {
      given({ auxiliary: [hired(), terminatedOn('2025-01-10')] }).when(decide()).thenRefusedCitingRules('SERVICE-PERIOD');
      given({}).when(decide()).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
    });
  });
});

describe('Arts. 42 ¶1, 34 ¶1: a disciplinary decision names the violation, a configured sanction, the deciding organ and its period', () => {
  it.each([
    ['Art. 42 weapon use, 记过', [], { misconduct: 'WEAPON_USE', sanction: 'DEMERIT' }],
    ['solo enforcement, 警告 for six months', [], { misconduct: 'SOLO_ENFORCEMENT', effectiveUntil: '2025-07-31' }],
    ['a sanction that is not configured', ['DISCIPLINE'], { sanction: '罚款' }],
    ['no description of the violation', ['DISCIPLINE'], { description: ' ' }],
    ['no deciding organ', ['DISCIPLINE'], { decidingOrganId: '' }],
    ['a period ending before it starts', ['DISCIPLINE'], { effectiveUntil: '2025-01-31' }],
  ] as const)('%s → %j', (_name, failed, data) => {
    const outcome = given({ auxiliary: [hired()] }).when(decide(data));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('every defect listed, the missing organ citing Art. 34 ¶1', () => {
    const violations = given({ auxiliary: [hired()] }).when(decide({ description: '', sanction: '罚款', decidingOrganId: '', effectiveUntil: '2025-01-01' })).thenRefusedCitingRules('DISCIPLINE');
    expect(violations).toHaveLength(4);
    expect(violations.map((v) => v.citation)).toContainEqual(nmg(34, 1));
  });

  it('2024-08-31 vs 2024-09-01', () => {
    const early = hired({ hiredOn: '2024-08-01' });
    given({ auxiliary: [early] }).when(decide({}, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
    expect(given({ auxiliary: [early] }).when(decide({}, '2024-09-01')).decision.accepted).toBe(true);
  });
});

describe('Art. 34 ¶1 (DECIDING-ORGAN, our reading of 谁使用、谁管理、谁负责): the deciding organ is the using organ or one above it', () => {
  // The auxiliary serves 新城区分局 (xincheng) under 呼和浩特市公安局 (hohhot) under the region (nmg); 包头 (baotou) is another city.
  const organs = { 'organ:xincheng': [COUNTY], 'organ:hohhot': [CITY], 'organ:nmg': [REGION], 'organ:baotou': [registered('baotou', 'CITY', 'nmg')] };
  const history = { auxiliary: [hired()], ...organs } as never;
  it.each([
    ['the using organ itself, no path needed', 'xincheng', undefined, []],
    ['the city above, with the path', 'hohhot', ['xincheng', 'hohhot'], []],
    ['the region, with the path', 'nmg', ['xincheng', 'hohhot', 'nmg'], []],
    ['another city, whatever path is named up to the region', 'baotou', ['xincheng', 'hohhot', 'nmg'], ['DECIDING-ORGAN']],
    ['a higher organ without a path: cannot be determined', 'hohhot', undefined, ['DECIDING-ORGAN']],
  ] as const)('decided by %s → %j', (_n, decidingOrganId, organPath, failed) => {
    const outcome = given(history).when(decide({ decidingOrganId, ...(organPath ? { organPath: [...organPath] } : {}) }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('another county\'s organ is refused, citing Art. 34 ¶1 and the organs that may decide', () => {
    const [v] = given(history).when(decide({ decidingOrganId: 'baotou', organPath: ['xincheng', 'hohhot', 'nmg'] })).thenRefusedCitingRules('DECIDING-ORGAN');
    expect(v).toMatchObject({ kind: 'NOT_MET', citation: nmg(34, 1), observed: 'baotou', expected: ['xincheng', 'hohhot', 'nmg'] });
  });

  it('a path that is not the organ registry\'s is refused (STATE): the hierarchy is read, never taken from the command', () => {
    given(history).when(decide({ decidingOrganId: 'baotou', organPath: ['xincheng', 'baotou'] })).thenRefusedWithStateCode('ORGAN_PATH_NOT_ON_RECORD');
    given(history).when(decide({ decidingOrganId: 'hohhot', organPath: ['hohhot'] })).thenRefusedWithStateCode('ORGAN_PATH_NOT_ON_RECORD');
  });

  it('reads the streams of the organs on the path', () => {
    expect(Object.keys(discipline.streams(decide({ organPath: ['xincheng', 'hohhot'] }))).sort()).toEqual(['auxiliary', 'organ:hohhot', 'organ:xincheng']);
  });
});
