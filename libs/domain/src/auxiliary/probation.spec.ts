import { fold } from '../kernel';
import { command, on, scenario } from '../testing';
import { AUX, CONTRACT, hired, suspendedOn } from './auxiliary.fixtures';
import { completeProbation, type CompleteProbation } from './complete-probation';
import { auxiliaryEvent } from './events';
import { Auxiliary, asOf } from './state';

/**
 * Art. 24; 劳动合同法 Art. 19: the probation agreed in the contract ends after
 * its last day (here 2025-03-31), by the calendar — whether or not a 转正 is
 * recorded. The record as of any date says so.
 */

const LAST_DAY = CONTRACT.probationLastDay as string;
const assessed = (date: string) =>
  on(date, auxiliaryEvent('AssessmentRecorded', { auxiliaryId: AUX, assessmentId: `a-${date}`, period: date.slice(0, 4), dimensions: ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'], grade: '称职', assessedOn: date }));

describe('Art. 24, 劳动合同法 Art. 19: probation ends by the calendar', () => {
  it('as of its last day the auxiliary is on probation; from the day after, ACTIVE — with no 转正 on record', () => {
    const state = fold(Auxiliary, [hired()]);
    expect(state.status).toBe('ON_PROBATION');
    expect(asOf(state, LAST_DAY).status).toBe('ON_PROBATION');
    expect(asOf(state, '2025-04-01').status).toBe('ACTIVE');
    expect(asOf(state, '2027-01-01').status).toBe('ACTIVE');
  });

  it('the fold itself turns ACTIVE at the first event after the last day, and stays on probation for events before it', () => {
    expect(fold(Auxiliary, [hired(), assessed('2025-03-31')]).status).toBe('ON_PROBATION');
    expect(fold(Auxiliary, [hired(), assessed('2025-04-01')]).status).toBe('ACTIVE');
  });

  it('a suspension across the last day resumes as ACTIVE', () => {
    const state = fold(Auxiliary, [hired(), suspendedOn('2025-03-01')]);
    const after = asOf(state, '2025-04-01');
    expect(after.status === 'SUSPENDED' && after.resumesAs).toBe('ACTIVE');
    expect(state.status === 'SUSPENDED' && asOf(state, '2025-03-15').status === 'SUSPENDED' && (asOf(state, '2025-03-15') as { resumesAs: string }).resumesAs).toBe('ON_PROBATION');
  });

  const complete = (date: string) => command<CompleteProbation>('CompleteProbation', { auxiliaryId: AUX }, date);
  const completed = (date: string) => on(date, auxiliaryEvent('ProbationCompleted', { auxiliaryId: AUX, completedOn: date }));

  it('CompleteProbation (转正) early ends the probation on its date', () => {
    scenario(completeProbation).given({ auxiliary: [hired()] }).when(complete('2025-02-01')).then({ auxiliary: [auxiliaryEvent('ProbationCompleted', { auxiliaryId: AUX, completedOn: '2025-02-01' })] });
    const state = fold(Auxiliary, [hired(), completed('2025-02-01')]);
    expect([asOf(state, '2025-01-31').status, asOf(state, '2025-02-01').status]).toEqual(['ON_PROBATION', 'ACTIVE']);
  });

  it('CompleteProbation after the last day records the act (the calendar had ended the probation); once only (NOT_ON_PROBATION)', () => {
    scenario(completeProbation).given({ auxiliary: [hired()] }).when(complete('2025-04-03')).then({ auxiliary: [auxiliaryEvent('ProbationCompleted', { auxiliaryId: AUX, completedOn: '2025-04-03' })] });
    scenario(completeProbation).given({ auxiliary: [hired(), completed('2025-04-03')] }).when(complete('2025-04-10')).thenRefusedWithStateCode('NOT_ON_PROBATION');
    scenario(completeProbation).given({ auxiliary: [hired({ contract: { ...CONTRACT, probationLastDay: null } })] }).when(complete('2025-01-10')).thenRefusedWithStateCode('NOT_ON_PROBATION');
  });
});
