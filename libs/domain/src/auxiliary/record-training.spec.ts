import { command, scenario } from '../testing';
import { AUX, hired, preJobPassed, terminatedOn } from './auxiliary.fixtures';
import { auxiliaryEvent } from './events';
import { type RecordTraining, recordTraining } from './record-training';

const train = (data: Partial<RecordTraining['data']> = {}, date = '2024-10-15') =>
  command<RecordTraining>('RecordTraining', { auxiliaryId: AUX, trainingId: 't-1', kind: 'PRE_JOB', year: null, topics: ['LAW', 'DISCIPLINE'], completedOn: '2024-10-15', outcome: 'PASSED', ...data }, date);
const given = scenario(recordTraining).given;

describe('RecordTraining (Art. 35)', () => {
  it('given a hired auxiliary: records a passed pre-job training', () => {
    given({ auxiliary: [hired()] })
      .when(train())
      .then({ auxiliary: [auxiliaryEvent('TrainingRecorded', { auxiliaryId: AUX, trainingId: 't-1', kind: 'PRE_JOB', year: null, topics: ['LAW', 'DISCIPLINE'], completedOn: '2024-10-15', outcome: 'PASSED' })] });
  });
  it('records annual training with its year', () => {
    expect(given({ auxiliary: [hired()] }).when(train({ trainingId: 't-2', kind: 'ANNUAL', year: 2025, completedOn: '2025-06-01' }, '2025-06-02')).decision.accepted).toBe(true);
  });
  it.each([
    ['completed before the hire (2024-09-30)', { completedOn: '2024-09-30' }, 'TRAINING_DATE_OUT_OF_RANGE'],
    ['completed after the effective date', { completedOn: '2024-10-16' }, 'TRAINING_DATE_OUT_OF_RANGE'],
    ['annual without a year', { kind: 'ANNUAL' }, 'TRAINING_YEAR'],
    ['pre-job with a year', { year: 2024 }, 'TRAINING_YEAR'],
  ] as const)('refuses %s (STATE %s)', (_name, data, code) => {
    given({ auxiliary: [hired()] }).when(train(data)).thenRefusedWithStateCode(code);
  });
  it('refuses a repeated training id or an unhired auxiliary (STATE), and a departed one (SERVICE-PERIOD)', () => {
    given({ auxiliary: [hired(), preJobPassed('2024-10-15')] }).when(train({ trainingId: 'training-PRE_JOB-2024-10-15' })).thenRefusedWithStateCode('DUPLICATE_ID');
    given({ auxiliary: [hired(), terminatedOn('2024-10-10')] }).when(train()).thenRefusedCitingRules('SERVICE-PERIOD');
    given({}).when(train()).thenRefusedWithStateCode('AUXILIARY_NOT_HIRED');
  });
  it('Art. 47: 2024-08-31 refused, 2024-09-01 accepted', () => {
    const early = hired({ hiredOn: '2024-08-01' });
    given({ auxiliary: [early] }).when(train({ completedOn: '2024-08-20' }, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
    expect(given({ auxiliary: [early] }).when(train({ completedOn: '2024-08-20' }, '2024-09-01')).decision.accepted).toBe(true);
  });
});
