import { command, on, scenario } from '../testing';
import { AUX, HIRED_ON, PERSON, hired, suspendedOn, terminatedOn } from './auxiliary.fixtures';
import { type HealthCheckResult, auxiliaryEvent } from './events';
import { type RecordHealthCheck, recordHealthCheck } from './record-health-check';
import { Auxiliary, healthCheckFacts } from './state';
import { fold } from '../kernel';
import { judgeInForce, REGISTRY } from '@auxledger/statute';

const check = (checkedOn: string, date = checkedOn, result: HealthCheckResult = 'NORMAL') =>
  command<RecordHealthCheck>('RecordHealthCheck', { auxiliaryId: AUX, checkedOn, result }, date);
const recorded = (checkedOn: string, result: HealthCheckResult = 'NORMAL') => auxiliaryEvent('HealthCheckRecorded', { auxiliaryId: AUX, checkedOn, result });
const given = scenario(recordHealthCheck).given;

describe('RecordHealthCheck (Art. 28 ¶3 定期健康体检)', () => {
  describe('given an auxiliary in service', () => {
    it('records the check: its date and result category, nothing more', () => {
      given({ auxiliary: [hired()] }).when(check('2025-09-20', '2025-09-25', 'FOLLOW_UP')).then({ auxiliary: [recorded('2025-09-20', 'FOLLOW_UP')] });
    });

    it('records the category sealed under the person key when the command carries it sealed (schema version 2, ADR 0006)', () => {
      const sealed = { alg: 'A256GCM' as const, keyId: 'dk-1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };
      given({ auxiliary: [hired()] })
        .when(command<RecordHealthCheck>('RecordHealthCheck', { auxiliaryId: AUX, checkedOn: '2025-09-20', result: sealed }, '2025-09-25'))
        .then({ auxiliary: [{ ...auxiliaryEvent('HealthCheckRecorded', { auxiliaryId: AUX, checkedOn: '2025-09-20', personKey: PERSON, sealedResult: sealed }), schemaVersion: 2 }] });
    });

    it('records a check of a suspended auxiliary (still employed)', () => {
      given({ auxiliary: [hired(), suspendedOn('2025-09-01')] }).when(check('2025-09-20')).then({ auxiliary: [recorded('2025-09-20')] });
    });

    it('refuses a second record of the same day (STATE)', () => {
      given({ auxiliary: [hired(), on('2025-09-20', recorded('2025-09-20'))] }).when(check('2025-09-20')).thenRefusedWithStateCode('HEALTH_CHECK_ALREADY_RECORDED');
    });

    it('refuses a result outside the categories (STATE: no medical detail is kept)', () => {
      given({ auxiliary: [hired()] }).when(command<RecordHealthCheck>('RecordHealthCheck', { auxiliaryId: AUX, checkedOn: '2025-09-20', result: '高血压' as HealthCheckResult }, '2025-09-20')).thenRefusedWithStateCode('HEALTH_CHECK_RESULT_UNKNOWN');
    });
  });

  describe('the check lies between the hire and the effective date (STATE)', () => {
    it.each([
      ['on the hire day', HIRED_ON, '2024-10-01', null],
      ['the day before the hire', '2024-09-30', '2024-10-01', 'HEALTH_CHECK_DATE_OUT_OF_RANGE'],
      ['on the effective date', '2025-09-20', '2025-09-20', null],
      ['the day after the effective date', '2025-09-21', '2025-09-20', 'HEALTH_CHECK_DATE_OUT_OF_RANGE'],
    ] as const)('checked %s → %s', (_name, checkedOn, date, code) => {
      const outcome = given({ auxiliary: [hired()] }).when(check(checkedOn, date));
      if (code) outcome.thenRefusedWithStateCode(code);
      else outcome.then({ auxiliary: [recorded(checkedOn)] });
    });
  });

  it('refuses someone not employed: never hired (STATE), or departed (SERVICE-PERIOD)', () => {
    given({}).when(check('2025-09-20')).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
    given({ auxiliary: [hired(), terminatedOn('2025-06-30')] }).when(check('2025-06-20', '2025-07-01')).thenRefusedCitingRules('SERVICE-PERIOD');
  });

  it('Art. 47: 2024-08-31 refused, 2024-09-01 accepted', () => {
    const early = hired({ hiredOn: '2024-08-01' });
    given({ auxiliary: [early] }).when(check('2024-08-20', '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
    given({ auxiliary: [early] }).when(check('2024-08-20', '2024-09-01')).then({ auxiliary: [recorded('2024-08-20')] });
  });
});

describe('Art. 28 ¶3 (HEALTH-CHECK): the latest check on record is what supervision judges overdue (default yearly)', () => {
  const overdue = (history: Parameters<typeof fold>[1], asOf: string) => {
    const state = fold(Auxiliary, history as never);
    if (state.status === 'NOT_HIRED') throw new Error('not hired');
    return judgeInForce(REGISTRY, ['HEALTH-CHECK'], { effectiveDate: asOf, ...healthCheckFacts(state.service) }).violations.map((v) => v.ruleId);
  };

  it.each([
    ['no check, 12 months after the hire', [], '2025-10-01', []],
    ['no check, 12 months and a day after the hire', [], '2025-10-02', ['HEALTH-CHECK']],
    ['checked 2025-09-20, on 2026-09-20', ['2025-09-20'], '2026-09-20', []],
    ['checked 2025-09-20, on 2026-09-21', ['2025-09-20'], '2026-09-21', ['HEALTH-CHECK']],
    ['an older check recorded late does not move the latest back', ['2025-09-20', '2025-03-01'], '2026-09-20', []],
  ])('%s → %j', (_name, checks, asOf, failed) => {
    expect(overdue([hired(), ...checks.map((d) => on(d, recorded(d)))], asOf)).toEqual(failed);
  });
});
