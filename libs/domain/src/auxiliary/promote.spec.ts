import { command, on, scenario } from '../testing';
import { AUX, REGISTRY_WITH_PAY, assessed, disciplined, hired, payOn, suspendedOn, terminatedOn } from './auxiliary.fixtures';
import { auxiliaryEvent } from './events';
import { type Promote, promote } from './promote';

const promoteTo = (toLevel: string, date: string, data: Partial<Promote['data']> = {}) =>
  command<Promote>('Promote', { auxiliaryId: AUX, route: 'ASSESSMENT', toLevel, selectionRef: null, selectionAllowsSkip: false, pay: payOn(toLevel), ...data }, date);

const given = scenario(promote, { registry: REGISTRY_WITH_PAY }).given;
// Hired 2024-10-01 at L1; 称职 in the 2025 assessment.
const QUALIFIED = [hired(), assessed('as-2025', '称职', '2026-01-15')];

const promoted = (data: Partial<ReturnType<typeof auxiliaryEvent<'AuxiliaryPromoted'>>['data']> = {}) =>
  auxiliaryEvent('AuxiliaryPromoted', { auxiliaryId: AUX, route: 'ASSESSMENT', fromLevel: 'L1', toLevel: 'L2', assessmentId: 'as-2025', selectionRef: null, pay: payOn('L2'), promotedOn: '2026-10-01', ...data });

describe('Promote', () => {
  describe('given an active auxiliary, 24 months at L1, assessed 称职', () => {
    it('promotes one level, with the new level\'s pay, resting on the latest assessment', () => {
      given({ auxiliary: QUALIFIED }).when(promoteTo('L2', '2026-10-01')).then({ auxiliary: [promoted()] });
    });

    it('records the selection decision on the selection route', () => {
      given({ auxiliary: QUALIFIED })
        .when(promoteTo('L2', '2026-10-01', { route: 'SELECTION', selectionRef: '选拔决定2026-3' }))
        .then({ auxiliary: [promoted({ route: 'SELECTION', selectionRef: '选拔决定2026-3' })] });
    });

    it('refuses the selection route without its decision (STATE)', () => {
      given({ auxiliary: QUALIFIED }).when(promoteTo('L2', '2026-10-01', { route: 'SELECTION' })).thenRefusedWithStateCode('SELECTION_DECISION_MISSING');
    });
  });

  describe('given a suspended auxiliary', () => {
    it('refuses (STATE)', () => {
      given({ auxiliary: [...QUALIFIED, suspendedOn('2026-09-01')] }).when(promoteTo('L2', '2026-10-01')).thenRefusedWithStateCode('AUXILIARY_SUSPENDED');
    });
  });

  describe('given a departed auxiliary, or none', () => {
    it('refuses after the departure (SERVICE-PERIOD), and without a hire (STATE)', () => {
      given({ auxiliary: [...QUALIFIED, terminatedOn('2026-09-01')] }).when(promoteTo('L2', '2026-10-01')).thenRefusedCitingRules('SERVICE-PERIOD');
      given({}).when(promoteTo('L2', '2026-10-01')).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
    });
  });
});

describe('Art. 36 ¶1: promotion only after the minimum months in the level (promotion.minMonthsInLevel, default 24)', () => {
  it.each([
    ['exactly 24 months (2026-10-01)', [], '2026-10-01'],
    ['one day short (2026-09-30)', ['LEVEL-PROMOTE'], '2026-09-30'],
  ] as const)('%s → %j', (_name, failed, date) => {
    const outcome = given({ auxiliary: QUALIFIED }).when(promoteTo('L2', date));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('the months count from the last level change: L2 reached 2026-10-01, L3 not before 2028-10-01', () => {
    const history = [...QUALIFIED, on('2026-10-01', promoted()), assessed('as-2027', '优秀', '2028-01-15')];
    given({ auxiliary: history }).when(promoteTo('L3', '2028-09-30')).thenRefusedCitingRules('LEVEL-PROMOTE');
    given({ auxiliary: history })
      .when(promoteTo('L3', '2028-10-01'))
      .then({ auxiliary: [promoted({ fromLevel: 'L2', toLevel: 'L3', assessmentId: 'as-2027', pay: payOn('L3'), promotedOn: '2028-10-01' })] });
  });
});

describe('Art. 36 ¶2: a promotion rests on the latest assessment, with a qualifying grade (promotion.qualifyingGrades)', () => {
  it.each([
    ['优秀', [hired(), assessed('a', '优秀', '2026-01-15')], []],
    ['称职', [hired(), assessed('a', '称职', '2026-01-15')], []],
    ['基本称职', [hired(), assessed('a', '基本称职', '2026-01-15')], ['LEVEL-PROMOTE']],
    ['不称职', [hired(), assessed('a', '不称职', '2026-01-15')], ['LEVEL-PROMOTE']],
    ['no assessment', [hired()], ['LEVEL-PROMOTE']],
    ['优秀 then a later 不称职: the latest decides', [hired(), assessed('a', '优秀', '2025-01-15'), assessed('b', '不称职', '2026-01-15')], ['LEVEL-PROMOTE']],
    ['an assessment dated after the promotion does not count', [hired(), assessed('a', '优秀', '2026-10-02')], ['LEVEL-PROMOTE']],
  ] as const)('%s → %j', (_name, history, failed) => {
    const outcome = given({ auxiliary: history }).when(promoteTo('L2', '2026-10-01'));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 36 ¶1: one level at a time, unless a selection decides otherwise', () => {
  it.each([
    ['L1 → L3 by assessment', 'L3', {}, ['LEVEL-PROMOTE']],
    ['L1 → L3 by a selection allowing it', 'L3', { route: 'SELECTION', selectionRef: 'S-1', selectionAllowsSkip: true }, []],
    ['L1 → L3 by a selection not allowing it', 'L3', { route: 'SELECTION', selectionRef: 'S-1' }, ['LEVEL-PROMOTE']],
    ['L1 → L1', 'L1', {}, ['LEVEL-PROMOTE']],
    ['to a level that does not exist', 'L9', {}, ['LEVEL-PROMOTE', 'PAY-LEVEL']],
  ] as const)('%s → %j', (_name, toLevel, data, failed) => {
    const outcome = given({ auxiliary: QUALIFIED }).when(promoteTo(toLevel, '2026-10-01', data));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 34 ¶1 考核奖惩: a sanction blocks promotion for its months (discipline.sanctions; 警告 6)', () => {
  it.each([
    ['警告 from 2026-05-01, promotion 2026-10-31 (last blocked day)', '2026-10-31', ['LEVEL-PROMOTE']],
    ['警告 from 2026-05-01, promotion 2026-11-01 (first free day)', '2026-11-01', []],
  ] as const)('%s → %j', (_name, date, failed) => {
    const outcome = given({ auxiliary: [...QUALIFIED, disciplined('d-1', 'WARNING', '2026-05-01')] }).when(promoteTo('L2', date));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Arts. 27 ¶2, 36 ¶1: pay follows the new level\'s standard (PAY-LEVEL)', () => {
  it('a base pay other than the standard is refused', () => {
    given({ auxiliary: QUALIFIED }).when(promoteTo('L2', '2026-10-01', { pay: { locality: 'hohhot', monthlyBaseFen: 1 } })).thenRefusedCitingRules('PAY-LEVEL');
  });

  it('with no pay standard configured (the default table), PAY-LEVEL cannot decide and the promotion is refused', () => {
    const [violation] = scenario(promote).given({ auxiliary: QUALIFIED }).when(promoteTo('L2', '2026-10-01')).thenRefusedCitingRules('PAY-LEVEL');
    expect(violation?.kind).toBe('CANNOT_DETERMINE');
  });
});

describe('every failed rule is listed, not only the first', () => {
  it('one day short, 基本称职, under a warning, skipping a level, wrong pay', () => {
    const history = [hired(), assessed('a', '基本称职', '2026-01-15'), disciplined('d-1', 'WARNING', '2026-05-01')];
    const violations = given({ auxiliary: history }).when(promoteTo('L3', '2026-09-30', { pay: { locality: 'hohhot', monthlyBaseFen: 1 } })).thenRefusedCitingRules('LEVEL-PROMOTE', 'PAY-LEVEL');
    expect(violations.filter((v) => v.ruleId === 'LEVEL-PROMOTE')).toHaveLength(4);
  });
});
