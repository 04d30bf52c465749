import { command, scenario } from '../testing';
import { AUX, dutyAssigned, hired, preJobPassed, suspendedOn, terminatedOn } from './auxiliary.fixtures';
import { completeProbation, type CompleteProbation } from './complete-probation';
import { type EndDuty, endDuty } from './end-duty';
import { auxiliaryEvent } from './events';
import { type Reinstate, type Suspend, reinstate, suspend } from './suspension';

const ON_DUTY = [hired(), preJobPassed(), dutyAssigned('as-1', ['SVC_PUBLICITY']), dutyAssigned('as-2', ['SVC_110'])];

describe('Suspend / Reinstate', () => {
  const s = (date = '2024-12-01', decisionRef = 'S-1') => command<Suspend>('Suspend', { auxiliaryId: AUX, decisionRef, reason: '接受调查' }, date);
  const r = (date = '2025-01-10', decisionRef = 'R-1') => command<Reinstate>('Reinstate', { auxiliaryId: AUX, decisionRef }, date);
  it('given an auxiliary on duty: suspension ends every open assignment in the same append', () => {
    scenario(suspend).given({ auxiliary: ON_DUTY }).when(s()).then({
      auxiliary: [
        auxiliaryEvent('DutyEnded', { auxiliaryId: AUX, assignmentId: 'as-1', endedOn: '2024-12-01', reason: 'SUSPENDED' }),
        auxiliaryEvent('DutyEnded', { auxiliaryId: AUX, assignmentId: 'as-2', endedOn: '2024-12-01', reason: 'SUSPENDED' }),
        auxiliaryEvent('AuxiliarySuspended', { auxiliaryId: AUX, decisionRef: 'S-1', reason: '接受调查', suspendedOn: '2024-12-01' }),
      ],
    });
  });
  it('refuses suspending twice or without a decision (STATE), and after departure (SERVICE-PERIOD)', () => {
    scenario(suspend).given({ auxiliary: [hired(), suspendedOn('2024-11-01')] }).when(s()).thenRefusedWithStateCode('AUXILIARY_SUSPENDED');
    scenario(suspend).given({ auxiliary: [hired()] }).when(s('2024-12-01', ' ')).thenRefusedWithStateCode('DECISION_REF_MISSING');
    scenario(suspend).given({ auxiliary: [hired(), terminatedOn('2024-11-01')] }).when(s()).thenRefusedCitingRules('SERVICE-PERIOD');
  });
  it('given a suspended auxiliary: reinstates, not before the suspension', () => {
    scenario(reinstate).given({ auxiliary: [hired(), suspendedOn('2024-12-01')] }).when(r()).then({ auxiliary: [auxiliaryEvent('AuxiliaryReinstated', { auxiliaryId: AUX, decisionRef: 'R-1', reinstatedOn: '2025-01-10' })] });
    scenario(reinstate).given({ auxiliary: [hired(), suspendedOn('2024-12-01')] }).when(r('2024-11-30')).thenRefusedWithStateCode('REINSTATED_BEFORE_SUSPENSION');
    scenario(reinstate).given({ auxiliary: [hired()] }).when(r()).thenRefusedWithStateCode('AUXILIARY_NOT_SUSPENDED');
  });
});

describe('EndDuty', () => {
  const end = (assignmentId: string, date = '2024-12-01') => command<EndDuty>('EndDuty', { auxiliaryId: AUX, assignmentId, reason: 'COMPLETED' }, date);
  it('ends an open assignment', () => {
    scenario(endDuty).given({ auxiliary: ON_DUTY }).when(end('as-1')).then({ auxiliary: [auxiliaryEvent('DutyEnded', { auxiliaryId: AUX, assignmentId: 'as-1', endedOn: '2024-12-01', reason: 'COMPLETED' })] });
  });
  it('refuses an assignment not open, or an end before its start (STATE)', () => {
    scenario(endDuty).given({ auxiliary: ON_DUTY }).when(end('as-9')).thenRefusedWithStateCode('ASSIGNMENT_NOT_OPEN');
    scenario(endDuty).given({ auxiliary: ON_DUTY }).when(end('as-1', '2024-10-31')).thenRefusedWithStateCode('END_BEFORE_START');
  });
});

describe('CompleteProbation (转正)', () => {
  const complete = (date = '2025-04-01') => command<CompleteProbation>('CompleteProbation', { auxiliaryId: AUX }, date);
  it('given an auxiliary on probation: records it', () => {
    scenario(completeProbation).given({ auxiliary: [hired()] }).when(complete()).then({ auxiliary: [auxiliaryEvent('ProbationCompleted', { auxiliaryId: AUX, completedOn: '2025-04-01' })] });
  });
  it('refuses when there is no probation (STATE)', () => {
    const noProbation = hired({ contract: { contractId: 'c', kind: 'OPEN_ENDED', startDate: '2024-10-01', endDate: null, probationLastDay: null, clauses: [] } });
    scenario(completeProbation).given({ auxiliary: [noProbation] }).when(complete()).thenRefusedWithStateCode('NOT_ON_PROBATION');
  });
});
