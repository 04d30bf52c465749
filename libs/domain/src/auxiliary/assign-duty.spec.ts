import { dutiesOfCategory, nmg } from '@auxledger/statute';
import { command, on, scenario } from '../testing';
import { type AssignDuty, assignDuty } from './assign-duty';
import { AUX, civilianHired, dutyAssigned, hired, insured, preJobPassed, suspendedOn, terminatedOn, training } from './auxiliary.fixtures';
import { auxiliaryEvent } from './events';

/** Command fields as a spec table writes them (`as const` rows are readonly). */
type AssignInput = { [K in keyof AssignDuty['data']]?: AssignDuty['data'][K] extends (infer T)[] ? readonly T[] : AssignDuty['data'][K] };

const assign = (data: AssignInput = {}, date = '2024-11-01') =>
  command<AssignDuty>(
    'AssignDuty',
    { auxiliaryId: AUX, assignmentId: 'as-1', dutyCodes: ['SVC_PATROL'], nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: null, equipmentIssued: [], ...data } as AssignDuty['data'],
    date,
  );

const given = scenario(assignDuty).given;
const READY = [hired(), preJobPassed(), insured()];
const READY_CIVILIAN = [civilianHired(), preJobPassed(), insured()];

const assigned = (data: Partial<ReturnType<typeof dutyAssigned>['event']['data']> = {}) =>
  auxiliaryEvent('DutyAssigned', { auxiliaryId: AUX, assignmentId: 'as-1', dutyCodes: ['SVC_PATROL'], nationalBasis: null, leadingOfficerIds: ['officer-1'], matterId: null, equipmentIssued: [], from: '2024-11-01', ...data });

describe('AssignDuty', () => {
  describe('given an active duty auxiliary, trained and insured', () => {
    it('assigns a patrol led by an officer, from the effective date', () => {
      given({ auxiliary: READY }).when(assign()).then({ auxiliary: [assigned()] });
    });

    it('records the national rule behind an 其他工作 duty and the matter', () => {
      given({ auxiliary: READY })
        .when(assign({ dutyCodes: ['SVC_OTHER'], nationalBasis: '公安部令第XX号', matterId: 'case-9' }))
        .then({ auxiliary: [assigned({ dutyCodes: ['SVC_OTHER'], nationalBasis: '公安部令第XX号', matterId: 'case-9' })] });
    });

    it('refuses an assignment id that is already open (STATE)', () => {
      given({ auxiliary: [...READY, dutyAssigned('as-1', ['SVC_PATROL'])] }).when(assign()).thenRefusedWithStateCode('DUPLICATE_ID');
    });

    it('refuses an assignment naming no duty (STATE)', () => {
      given({ auxiliary: READY }).when(assign({ dutyCodes: [] })).thenRefusedWithStateCode('NO_DUTY_NAMED');
    });

    it('refuses an assignment dated before the hire (SERVICE-PERIOD, Art. 24)', () => {
      given({ auxiliary: READY }).when(assign({}, '2024-09-30')).thenRefusedCitingRules('SERVICE-PERIOD');
    });
  });

  describe('given an auxiliary on probation (试用期)', () => {
    it('a probationer is employed and may be assigned once trained', () => {
      given({ auxiliary: READY }).when(assign({}, '2025-03-31')).then({ auxiliary: [assigned({ from: '2025-03-31' })] });
    });
  });

  describe('given no hire', () => {
    it('refuses (STATE)', () => {
      given({}).when(assign()).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
    });
  });

  describe('given a suspended auxiliary', () => {
    it('refuses by DUTY-ACTIVE', () => {
      given({ auxiliary: [...READY, suspendedOn('2024-10-20')] }).when(assign()).thenRefusedCitingRules('DUTY-ACTIVE');
    });
  });

  describe('given a departed auxiliary', () => {
    it('refuses by SERVICE-PERIOD (Art. 40) and DUTY-ACTIVE', () => {
      given({ auxiliary: [...READY, terminatedOn('2024-10-20')] }).when(assign()).thenRefusedCitingRules('SERVICE-PERIOD', 'DUTY-ACTIVE');
    });
  });
});

describe('Art. 15 ¶1: no auxiliary does the work forbidden to all, whatever the category', () => {
  const cases = dutiesOfCategory('FORBIDDEN').flatMap((d) => (['CIVILIAN', 'DUTY'] as const).map((category) => [d.code, category, d.citation.item] as const));
  it.each(cases)('%s for a %s auxiliary → DUTY-FORBIDDEN citing item (%s)', (code, category, item) => {
    const history = category === 'CIVILIAN' ? READY_CIVILIAN : READY;
    const [violation] = given({ auxiliary: history }).when(assign({ dutyCodes: [code] })).thenRefusedCitingRules('DUTY-FORBIDDEN');
    expect(violation?.citation).toEqual(nmg(15, 1, item));
  });
});

describe('Art. 15 ¶1 (3): no auxiliary collects evidence, issues expert reports or finds traffic-accident liability', () => {
  it('refused beside a lawful duty in the same assignment: nothing of it is assigned', () => {
    const violations = given({ auxiliary: READY }).when(assign({ dutyCodes: ['SVC_PATROL', 'FORBIDDEN_INVESTIGATION'] })).thenRefusedCitingRules('DUTY-FORBIDDEN');
    expect(violations.map((v) => v.citationText.zh)).toEqual(['《内蒙古自治区公安机关警务辅助人员条例》第十五条第一款第（三）项']);
  });
});

describe('Arts. 11–14, 10: a duty only for the category whose list holds it, none outside the catalog', () => {
  it.each([
    ['a civilian auxiliary, Art. 13 traffic enforcement', ['DUTY-CATEGORY'], READY_CIVILIAN, { dutyCodes: ['ENF_TRAFFIC'] }],
    ['a civilian auxiliary, Art. 14 patrol', ['DUTY-CATEGORY'], READY_CIVILIAN, { dutyCodes: ['SVC_PATROL'] }],
    ['a duty auxiliary, Art. 12 (1) counter service', ['DUTY-CATEGORY'], READY, { dutyCodes: ['CIV_ADMIN'] }],
    ['a duty auxiliary, a code not in the catalog', ['DUTY-CATEGORY'], READY, { dutyCodes: ['INTERROGATION'] }],
    ['a civilian auxiliary, Art. 12 (4) other work without the national rule', ['DUTY-CATEGORY'], READY_CIVILIAN, { dutyCodes: ['CIV_OTHER'] }],
    ['a civilian auxiliary, Art. 12 (4) other work with the national rule', [], READY_CIVILIAN, { dutyCodes: ['CIV_OTHER'], nationalBasis: '国家规定X' }],
    ['a civilian auxiliary, Art. 12 (1) counter service', [], READY_CIVILIAN, { dutyCodes: ['CIV_ADMIN'] }],
    ['a duty auxiliary, Art. 13 ¶1 (3) traffic', [], READY, { dutyCodes: ['ENF_TRAFFIC'] }],
  ] as const)('%s → %j', (_name, failed, history, data) => {
    const outcome = given({ auxiliary: history }).when(assign(data));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 13 ¶2–3: enforcement is led by police officers, never alone or in the auxiliary\'s own name', () => {
  it.each([
    ['enforcement, one officer', [], { dutyCodes: ['ENF_SECURITY_CHECK'], leadingOfficerIds: ['officer-1'] }],
    ['enforcement, no officer', ['DUTY-LED'], { dutyCodes: ['ENF_SECURITY_CHECK'], leadingOfficerIds: [] }],
    ['enforcement, alone, one officer named', ['DUTY-LED'], { dutyCodes: ['ENF_SECURITY_CHECK'], alone: true }],
    ['enforcement, two officers', [], { dutyCodes: ['ENF_COMMUNITY'], leadingOfficerIds: ['officer-1', 'officer-2'] }],
    ['Art. 14 publicity, no officer', [], { dutyCodes: ['SVC_PUBLICITY'], leadingOfficerIds: [] }],
  ] as const)('%s → %j', (_name, failed, data) => {
    const outcome = given({ auxiliary: READY }).when(assign(data));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it('alone and without an officer: both defects listed', () => {
    const violations = given({ auxiliary: READY }).when(assign({ dutyCodes: ['ENF_COMMUNITY'], leadingOfficerIds: [], alone: true })).thenRefusedCitingRules('DUTY-LED');
    expect(violations).toHaveLength(2);
  });
});

describe('Art. 16 ¶2: no weapon is ever issued to or used by an auxiliary', () => {
  it('the weapon duty is refused', () => {
    given({ auxiliary: READY }).when(assign({ dutyCodes: ['WEAPON'] })).thenRefusedCitingRules('DUTY-WEAPON');
  });

  it('a weapon among the equipment issued is refused; protective gear is not', () => {
    given({ auxiliary: READY }).when(assign({ equipmentIssued: [{ kind: 'WEAPON', serial: 'G-1' }] })).thenRefusedCitingRules('DUTY-WEAPON');
    given({ auxiliary: READY })
      .when(assign({ equipmentIssued: [{ kind: 'PROTECTIVE', serial: 'V-1' }] }))
      .then({ auxiliary: [assigned({ equipmentIssued: [{ kind: 'PROTECTIVE', serial: 'V-1' }] })] });
  });
});

describe('Art. 16 ¶1: police vehicles, robots and drones only with the matching qualification valid that day', () => {
  const qualification = (validUntil: string | null) =>
    on('2024-10-20', auxiliaryEvent('QualificationRecorded', { auxiliaryId: AUX, qualificationId: 'q-1', kind: 'POLICE_DRONE_OPERATION', validFrom: '2024-10-20', validUntil, reference: 'UAV-1' }));
  it.each([
    ['no qualification', ['DUTY-VEHICLE'], []],
    ['valid, open-ended', [], [qualification(null)]],
    ['valid until the assignment day', [], [qualification('2024-11-01')]],
    ['expired the day before', ['DUTY-VEHICLE'], [qualification('2024-10-31')]],
  ] as const)('a drone duty, %s → %j', (_name, failed, extra) => {
    const outcome = given({ auxiliary: [...READY, ...extra] }).when(assign({ dutyCodes: ['EQUIP_DRONE'] }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 35 ¶2: no posting before pre-job training (岗前培训) is passed', () => {
  it.each([
    ['none recorded', ['DUTY-TRAINED'], []],
    ['failed', ['DUTY-TRAINED'], [training('PRE_JOB', '2024-10-15', 'FAILED')]],
    ['annual training only', ['DUTY-TRAINED'], [training('ANNUAL', '2024-10-15')]],
    ['passed the day of the assignment', [], [preJobPassed('2024-11-01')]],
    ['passed the day after the assignment', ['DUTY-TRAINED'], [preJobPassed('2024-11-02')]],
    ['failed once, then passed', [], [training('PRE_JOB', '2024-10-10', 'FAILED'), preJobPassed('2024-10-20')]],
  ] as const)('%s → %j', (_name, failed, trainings) => {
    const outcome = given({ auxiliary: [hired(), insured(), ...trainings] }).when(assign());
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 39 ¶1: no assignment to a matter the auxiliary is recused from', () => {
  const recusal = (matterId: string, granted: boolean) =>
    on('2024-10-20', auxiliaryEvent('RecusalDecided', { auxiliaryId: AUX, recusalId: `r-${matterId}`, matterId, initiatedBy: 'PARTY', decidingOrganId: 'xincheng', granted, decidedOn: '2024-10-20' }));
  it.each([
    ['recusal granted on that matter', ['DUTY-RECUSAL'], [recusal('case-1', true)]],
    ['recusal refused on that matter', [], [recusal('case-1', false)]],
    ['recusal granted on another matter', [], [recusal('case-2', true)]],
  ] as const)('%s → %j', (_name, failed, recusals) => {
    const outcome = given({ auxiliary: [...READY, ...recusals] }).when(assign({ matterId: 'case-1' }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 28 ¶2: a high-risk posting needs personal accident insurance on record', () => {
  const socialOnly = insured('2024-10-10', ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND']);
  it.each([
    ['patrol (high risk), no accident insurance', ['INSURANCE-RISK'], ['SVC_PATROL'], [socialOnly]],
    ['patrol (high risk), accident insurance', [], ['SVC_PATROL'], [insured()]],
    ['publicity (not high risk), no accident insurance', [], ['SVC_PUBLICITY'], [socialOnly]],
  ] as const)('%s → %j', (_name, failed, dutyCodes, insurance) => {
    const outcome = given({ auxiliary: [hired(), preJobPassed(), ...insurance] }).when(assign({ dutyCodes: [...dutyCodes] }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 47: the regulation is in force from 2024-09-01', () => {
  const early = [hired({ hiredOn: '2024-08-01', contract: { contractId: 'contract-1', kind: 'OPEN_ENDED', startDate: '2024-08-01', endDate: null, probationLastDay: null, clauses: [] } }), preJobPassed('2024-08-15'), insured('2024-08-10')];
  it('2024-08-31: no rule set in force, refused with RULESET-NOT-IN-FORCE', () => {
    given({ auxiliary: early }).when(assign({}, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
  });
  it('2024-09-01: judged and accepted', () => {
    given({ auxiliary: early }).when(assign({}, '2024-09-01')).then({ auxiliary: [assigned({ from: '2024-09-01' })] });
  });
});

describe('every failed rule is listed, not only the first', () => {
  it('a suspended, untrained, uninsured civilian sent alone to collect evidence and control suspects with a gun', () => {
    const history = [civilianHired(), suspendedOn('2024-10-20')];
    given({ auxiliary: history })
      .when(assign({ dutyCodes: ['FORBIDDEN_INVESTIGATION', 'ENF_SUSPECT_CONTROL'], leadingOfficerIds: [], alone: true, equipmentIssued: [{ kind: 'WEAPON', serial: 'G-1' }] }))
      .thenRefusedCitingRules('DUTY-ACTIVE', 'DUTY-CATEGORY', 'DUTY-FORBIDDEN', 'DUTY-WEAPON', 'DUTY-LED', 'DUTY-TRAINED', 'INSURANCE-RISK');
  });
});
