import { command, on, scenario } from '../testing';
import { AUX, REGISTRY_WITH_PAY, assessed, disciplined, hired, payOn } from './auxiliary.fixtures';
import { type Demote, demote } from './demote';
import { auxiliaryEvent } from './events';

const AT_L2 = [hired(), on('2026-10-01', auxiliaryEvent('AuxiliaryPromoted', { auxiliaryId: AUX, route: 'ASSESSMENT', fromLevel: 'L1', toLevel: 'L2', assessmentId: 'a', selectionRef: null, pay: payOn('L2'), promotedOn: '2026-10-01' }))];
const demoteTo = (toLevel: string, basis: Demote['data']['basis'], date = '2027-03-01', pay = payOn(toLevel)) =>
  command<Demote>('Demote', { auxiliaryId: AUX, toLevel, basis, pay }, date);
const given = scenario(demote, { registry: REGISTRY_WITH_PAY }).given;

describe('Demote', () => {
  describe('given an auxiliary at L2 with a 降级 sanction on record', () => {
    const history = [...AT_L2, disciplined('d-1', 'DEMOTION', '2027-02-01')];
    it('demotes to L1 on that basis, with L1 pay', () => {
      given({ auxiliary: history })
        .when(demoteTo('L1', { kind: 'DISCIPLINE', ref: 'd-1' }))
        .then({ auxiliary: [auxiliaryEvent('AuxiliaryDemoted', { auxiliaryId: AUX, fromLevel: 'L2', toLevel: 'L1', basis: { kind: 'DISCIPLINE', ref: 'd-1' }, pay: payOn('L1'), demotedOn: '2027-03-01' })] });
    });

    it('refuses a basis that is not on this record (STATE)', () => {
      given({ auxiliary: history }).when(demoteTo('L1', { kind: 'DISCIPLINE', ref: 'd-404' })).thenRefusedWithStateCode('DEMOTION_BASIS_NOT_ON_RECORD');
      given({ auxiliary: history }).when(demoteTo('L1', { kind: 'ASSESSMENT', ref: 'd-1' })).thenRefusedWithStateCode('DEMOTION_BASIS_NOT_ON_RECORD');
    });
  });

  describe('given no hire', () => {
    it('refuses (STATE)', () => {
      given({}).when(demoteTo('L1', { kind: 'ASSESSMENT', ref: 'a' })).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
    });
  });
});

describe('Art. 36 ¶2: a demotion moves to a lower level and rests on an assessment result or a disciplinary decision', () => {
  const history = [...AT_L2, assessed('a-2026', '不称职', '2027-01-15')];
  it.each([
    ['L2 → L1 on a 不称职 assessment', 'L1', { kind: 'ASSESSMENT', ref: 'a-2026' }, []],
    ['L2 → L2', 'L2', { kind: 'ASSESSMENT', ref: 'a-2026' }, ['LEVEL-DEMOTE']],
    ['L2 → L3 (upwards)', 'L3', { kind: 'ASSESSMENT', ref: 'a-2026' }, ['LEVEL-DEMOTE']],
    ['L2 → L1 with a blank basis', 'L1', { kind: 'ASSESSMENT', ref: ' ' }, ['LEVEL-DEMOTE']],
  ] as const)('%s → %j', (_name, toLevel, basis, failed) => {
    const outcome = given({ auxiliary: history }).when(demoteTo(toLevel, basis));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('every failed rule is listed: upwards, blank basis, wrong pay', () => {
    const violations = given({ auxiliary: history }).when(demoteTo('L3', { kind: 'ASSESSMENT', ref: '' }, '2027-03-01', { locality: 'hohhot', monthlyBaseFen: 5 })).thenRefusedCitingRules('LEVEL-DEMOTE', 'PAY-LEVEL');
    expect(violations).toHaveLength(3);
  });
});
