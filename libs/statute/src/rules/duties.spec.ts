import { PARAMETERS_2024 } from '../parameters-2024';
import { withParameterValues } from '../parameters';
import { judge } from '../rule-set';
import { RULE_SET_2024 } from '../rule-sets/2024';
import { failedRules, violationsOf } from '../testing/judge';

const on = '2024-10-01';
const category = (category: 'CIVILIAN' | 'DUTY', dutyCodes: string[], nationalBasis: string | null = null) =>
  failedRules(['DUTY-CATEGORY'], { effectiveDate: on, auxiliary: { category }, assignment: { dutyCodes, nationalBasis } });

describe('Arts. 11–14: a duty only for the category whose list holds it', () => {
  it.each([
    ['CIVILIAN', 'CIV_ADMIN', []],
    ['CIVILIAN', 'CIV_TECH', []],
    ['CIVILIAN', 'ENF_TRAFFIC', ['DUTY-CATEGORY']],
    ['CIVILIAN', 'SVC_PATROL', ['DUTY-CATEGORY']],
    ['DUTY', 'ENF_TRAFFIC', []],
    ['DUTY', 'SVC_110', []],
    ['DUTY', 'CIV_EQUIPMENT_UPKEEP', ['DUTY-CATEGORY']],
    ['CIVILIAN', 'EQUIP_VEHICLE', []],
    ['DUTY', 'EQUIP_DRONE', []],
  ] as const)('%s auxiliary, %s → %j', (c, code, failed) => expect(category(c, [code])).toEqual(failed));

  it('cites the item of the duty that does not fit', () => {
    const [v] = violationsOf(['DUTY-CATEGORY'], { effectiveDate: on, auxiliary: { category: 'CIVILIAN' }, assignment: { dutyCodes: ['ENF_DRUG_CONTROL'], nationalBasis: null } });
    expect(v?.citationText.zh).toBe('《内蒙古自治区公安机关警务辅助人员条例》第十三条第一款第（五）项');
  });

  it.each([['CIV_OTHER', 'CIVILIAN'], ['ENF_OTHER', 'DUTY'], ['SVC_OTHER', 'DUTY']] as const)('"other work" %s needs the national rule on record', (code, c) => {
    expect(category(c, [code])).toEqual(['DUTY-CATEGORY']);
    expect(category(c, [code], '公安部《公安机关警务辅助人员管理办法》')).toEqual([]);
  });
});

describe('Art. 10: no work beyond authority — a duty outside the catalog is refused', () => {
  it('an unknown duty code fails, citing Art. 10', () => {
    const [v] = violationsOf(['DUTY-CATEGORY'], { effectiveDate: on, auxiliary: { category: 'DUTY' }, assignment: { dutyCodes: ['ISSUE_FINES'], nationalBasis: null } });
    expect(v).toMatchObject({ ruleId: 'DUTY-CATEGORY', observed: 'ISSUE_FINES', citation: { article: 10 } });
  });
});

describe('Art. 15 ¶1: work forbidden to every auxiliary, whatever the category', () => {
  it.each([
    ['FORBIDDEN_STATE_SECURITY', 1],
    ['FORBIDDEN_STATE_SECRETS', 2],
    ['FORBIDDEN_INVESTIGATION', 3],
    ['FORBIDDEN_CRIMINAL_COERCION', 4],
    ['FORBIDDEN_ADMIN_DECISION', 5],
    ['FORBIDDEN_CASE_REVIEW', 6],
    ['FORBIDDEN_WEAPON_CUSTODY', 7],
    ['FORBIDDEN_OTHER', 8],
  ])('Art. 15 ¶1 (%#): %s is refused for both categories', (code, item) => {
    for (const c of ['CIVILIAN', 'DUTY'] as const) {
      const violations = violationsOf(['DUTY-CATEGORY', 'DUTY-FORBIDDEN'], { effectiveDate: on, auxiliary: { category: c }, assignment: { dutyCodes: [code], nationalBasis: null } });
      expect(violations.map((v) => v.ruleId)).toEqual(['DUTY-FORBIDDEN']);
      expect(violations[0]?.citation).toEqual({ law: 'NMG-AUX', revision: '2024', article: 15, paragraph: 1, item });
    }
  });

  describe('Art. 15 ¶1 (3): no auxiliary collects evidence', () => {
    it.each([
      ['FORBIDDEN_INVESTIGATION', ['DUTY-FORBIDDEN']],
      ['ENF_ADMIN_CASE_INTAKE', []],
    ])('%s → %j (receiving evidence in an administrative case, Art. 13 ¶1 (8), is not collecting it)', (code, failed) => {
      expect(failedRules(['DUTY-FORBIDDEN'], { effectiveDate: on, assignment: { dutyCodes: [code] } })).toEqual(failed);
    });
  });

  it('reports every forbidden duty of one assignment, not only the first', () => {
    expect(failedRules(['DUTY-FORBIDDEN'], { effectiveDate: on, assignment: { dutyCodes: ['FORBIDDEN_CASE_REVIEW', 'SVC_PATROL', 'FORBIDDEN_ADMIN_DECISION'] } })).toEqual(['DUTY-FORBIDDEN', 'DUTY-FORBIDDEN']);
  });
});

describe('Art. 13 ¶2–3: enforcement is led by police officers, never alone', () => {
  const led = (dutyCodes: string[], leadingOfficerIds: string[], alone = false) =>
    failedRules(['DUTY-LED'], { effectiveDate: on, assignment: { dutyCodes, leadingOfficerIds, alone } });
  it.each([
    ['traffic control with one officer', ['ENF_TRAFFIC'], ['p1'], false, []],
    ['traffic control with no officer', ['ENF_TRAFFIC'], [], false, ['DUTY-LED']],
    ['traffic control alone, in own name', ['ENF_TRAFFIC'], ['p1'], true, ['DUTY-LED']],
    ['the same officer twice counts once', ['ENF_TRAFFIC'], ['p1', 'p1'], false, []],
    ['publicity work without officer (Art. 14, not enforcement)', ['SVC_PUBLICITY'], [], false, []],
  ])('%s → %j', (_n, codes, officers, alone, failed) => expect(led(codes, officers, alone)).toEqual(failed));

  it('a configured minimum of two officers for security checks: one fails, two pass', () => {
    const ruleSet = {
      ...RULE_SET_2024,
      parameters: withParameterValues(PARAMETERS_2024, 'duty.minOfficers', [
        { from: '2024-09-01', value: { default: 1, byDuty: { ENF_SECURITY_CHECK: 2 } }, source: '《公安机关办理行政案件程序规定》检查不得少于二人', isDefault: false },
      ]),
    };
    const run = (leadingOfficerIds: string[]) => judge(ruleSet, ['DUTY-LED'], { effectiveDate: on, assignment: { dutyCodes: ['ENF_SECURITY_CHECK'], leadingOfficerIds, alone: false } });
    expect(run(['p1']).violations.map((v) => v.observed)).toEqual([1]);
    expect(run(['p1', 'p2']).violations).toEqual([]);
    expect(run(['p1']).parameters).toEqual([expect.objectContaining({ key: 'duty.minOfficers', isDefault: false })]);
  });
});

describe('Art. 16 ¶2: no weapon is ever issued to or used by an auxiliary', () => {
  it.each([
    ['weapon duty', ['WEAPON'], [], 1],
    ['pistol issued', ['SVC_PATROL'], [{ kind: 'WEAPON', serial: 'G-1' }], 1],
    ['baton and vest issued', ['SVC_PATROL'], [{ kind: 'POLICE_GEAR', serial: 'B-1' }, { kind: 'PROTECTIVE', serial: 'V-1' }], 0],
  ] as const)('%s → %i', (_n, dutyCodes, equipmentIssued, count) => {
    expect(violationsOf(['DUTY-WEAPON'], { effectiveDate: on, assignment: { dutyCodes }, equipmentIssued })).toHaveLength(count);
  });
});

describe('Art. 16 ¶1: police vehicles, robots and drones need the matching qualification', () => {
  const q = [{ kind: 'POLICE_VEHICLE_DRIVING' as const, validFrom: '2024-01-01', validUntil: '2024-10-01' }];
  it.each([
    ['driving, qualified, last valid day', 'EQUIP_VEHICLE', '2024-10-01', []],
    ['driving, qualification expired the day before', 'EQUIP_VEHICLE', '2024-10-02', ['DUTY-VEHICLE']],
    ['flying a drone with a driving qualification', 'EQUIP_DRONE', '2024-09-15', ['DUTY-VEHICLE']],
    ['patrol on foot', 'SVC_PATROL', '2024-09-15', []],
  ])('%s → %j', (_n, code, effectiveDate, failed) => {
    expect(failedRules(['DUTY-VEHICLE'], { effectiveDate, assignment: { dutyCodes: [code] }, qualifications: q })).toEqual(failed);
  });
});

describe('Art. 35 ¶2: no posting before pre-job training is passed', () => {
  it.each([
    ['2024-10-01', []],
    ['2024-10-02', ['DUTY-TRAINED']],
    [null, ['DUTY-TRAINED']],
  ])('passed on %s, posted 2024-10-01 → %j', (preJobPassedOn, failed) => {
    expect(failedRules(['DUTY-TRAINED'], { effectiveDate: on, training: { preJobPassedOn } })).toEqual(failed);
  });
});

describe('Art. 39: no assignment to a matter the auxiliary is recused from', () => {
  it.each([
    ['m1', true, ['DUTY-RECUSAL']],
    ['m1', false, []],
    ['m2', true, []],
  ])('matter %s, recusal granted %s on m1 → %j', (matterId, granted, failed) => {
    expect(failedRules(['DUTY-RECUSAL'], { effectiveDate: on, assignment: { matterId }, recusals: [{ matterId: 'm1', granted }] })).toEqual(failed);
  });
});

describe('Art. 10: only an active auxiliary is assigned', () => {
  it.each([
    ['ACTIVE', []],
    ['APPLICANT', ['DUTY-ACTIVE']],
    ['SUSPENDED', ['DUTY-ACTIVE']],
    ['DEPARTED', ['DUTY-ACTIVE']],
  ] as const)('%s → %j', (status, failed) => {
    expect(failedRules(['DUTY-ACTIVE'], { effectiveDate: on, auxiliary: { status } })).toEqual(failed);
  });
});
