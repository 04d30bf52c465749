import { PARAMETERS_2024, RULE_SET_2024, createRegistry, withParameterValues, type InsuranceKind, type IsoDate, type TerminationReason, type RuleSetRegistry, type RulesInForce } from '@auxledger/statute';
import type { Envelope } from '../kernel';
import { on } from '../testing';
import { type AuxiliaryEvent, type AuxiliaryHired, type LabourContract, type TrainingRecorded, auxiliaryEvent } from './events';

/**
 * Spec fixtures: auxiliary `aux-1` (person `pk-1`), a 勤务辅警 of the Xincheng
 * county bureau, hired 2024-10-01 on a three-year contract with six months'
 * probation, level L1.
 */

export const AUX = 'aux-1';
export const PERSON = 'pk-1';
export const ORGAN = 'xincheng';
export const HIRED_ON = '2024-10-01';

export const CONTRACT: LabourContract = {
  contractId: 'contract-1',
  kind: 'FIXED_TERM',
  startDate: HIRED_ON,
  endDate: '2027-09-30',
  probationLastDay: '2025-03-31',
  clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'],
};

/** Pay standards for Hohhot levels L1–L6 (the default table has none: PAY-LEVEL cannot decide without them). */
export const PAY_FEN: Readonly<Record<string, number>> = { L1: 400000, L2: 430000, L3: 460000, L4: 490000, L5: 520000, L6: 550000 };

export const REGISTRY_WITH_PAY: RuleSetRegistry<RulesInForce> = createRegistry([
  {
    ...RULE_SET_2024,
    parameters: withParameterValues(PARAMETERS_2024, 'pay.standards', [
      {
        from: '2024-09-01',
        value: Object.entries(PAY_FEN).map(([level, monthlyBaseFen]) => ({ locality: 'hohhot', level, monthlyBaseFen })),
        source: 'spec: 呼和浩特市辅警薪酬标准 (test values)',
        isDefault: false,
      },
    ]),
  },
]);

export const payOn = (level: string) => ({ locality: 'hohhot', monthlyBaseFen: PAY_FEN[level] ?? 0 });

export function hired(data: Partial<AuxiliaryHired['data']> = {}): Envelope<AuxiliaryHired> {
  const d: AuxiliaryHired['data'] = {
    auxiliaryId: AUX,
    personKey: PERSON,
    applicationId: 'application-1',
    usingOrganId: ORGAN,
    category: 'DUTY',
    contract: CONTRACT,
    level: 'L1',
    pay: payOn('L1'),
    hiredOn: HIRED_ON,
    ...data,
  };
  return on(d.hiredOn, auxiliaryEvent('AuxiliaryHired', d));
}

export const civilianHired = () => hired({ category: 'CIVILIAN' });

export function training(kind: TrainingRecorded['data']['kind'], completedOn: IsoDate, outcome: 'PASSED' | 'FAILED' = 'PASSED', trainingId = `training-${kind}-${completedOn}`): Envelope<AuxiliaryEvent> {
  return on(completedOn, auxiliaryEvent('TrainingRecorded', { auxiliaryId: AUX, trainingId, kind, year: kind === 'ANNUAL' ? Number(completedOn.slice(0, 4)) : null, topics: ['LAW'], completedOn, outcome }));
}

export const preJobPassed = (completedOn: IsoDate = '2024-10-15') => training('PRE_JOB', completedOn);

export const insured = (enrolledOn: IsoDate = '2024-10-10', kinds: InsuranceKind[] = ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT']) =>
  on(enrolledOn, auxiliaryEvent('InsuranceEnrolled', { auxiliaryId: AUX, kinds, enrolledOn, reference: 'SI-1' }));

export const dutyAssigned = (assignmentId: string, dutyCodes: string[], from: IsoDate = '2024-11-01', matterId: string | null = null) =>
  on(from, auxiliaryEvent('DutyAssigned', { auxiliaryId: AUX, assignmentId, dutyCodes, nationalBasis: null, leadingOfficerIds: ['officer-1'], matterId, equipmentIssued: [], from }));

export const assessed = (assessmentId: string, grade: string, assessedOn: IsoDate) =>
  on(assessedOn, auxiliaryEvent('AssessmentRecorded', { auxiliaryId: AUX, assessmentId, period: assessedOn.slice(0, 4), dimensions: ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'], grade, assessedOn }));

export const disciplined = (disciplineId: string, sanction: string, effectiveFrom: IsoDate) =>
  on(effectiveFrom, auxiliaryEvent('DisciplineDecided', { auxiliaryId: AUX, disciplineId, misconduct: 'BEYOND_AUTHORITY', description: '超越权限', sanction, decidingOrganId: ORGAN, effectiveFrom, effectiveUntil: null }));

export const suspendedOn = (date: IsoDate) => on(date, auxiliaryEvent('AuxiliarySuspended', { auxiliaryId: AUX, decisionRef: 'S-1', reason: '接受调查', suspendedOn: date }));

export const terminatedOn = (date: IsoDate, reason: TerminationReason = 'RESIGNATION') =>
  on(date, auxiliaryEvent('AuxiliaryTerminated', { auxiliaryId: AUX, personKey: PERSON, contractId: CONTRACT.contractId, usingOrganId: ORGAN, reason, ground: { kind: 'LAW', ref: '劳动合同法第三十七条' }, departedOn: date, credentialsToRecover: [] }));
