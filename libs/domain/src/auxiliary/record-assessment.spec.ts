import { command, scenario } from '../testing';
import { AUX, assessed, hired, terminatedOn } from './auxiliary.fixtures';
import { type RecordAssessment, recordAssessment } from './record-assessment';

const ALL = ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'] as const;
const assess = (data: Partial<RecordAssessment['data']> = {}, date = '2025-01-15') =>
  command<RecordAssessment>('RecordAssessment', { auxiliaryId: AUX, assessmentId: 'a', period: '2025', dimensions: [...ALL], grade: '称职', ...data }, date);
const given = scenario(recordAssessment).given;

describe('RecordAssessment', () => {
  it('given an active auxiliary: records the assessment on its date', () => {
    given({ auxiliary: [hired()] }).when(assess()).then({ auxiliary: [assessed('a', '称职', '2025-01-15').event] });
  });
  it('refuses a repeated assessment id (STATE)', () => {
    given({ auxiliary: [hired(), assessed('a', '称职', '2025-01-15')] }).when(assess()).thenRefusedWithStateCode('DUPLICATE_ID');
  });
  it('refuses after departure (SERVICE-PERIOD, Art. 40)', () => {
    given({ auxiliary: [hired(), terminatedOn('2024-12-31')] }).when(assess()).thenRefusedCitingRules('SERVICE-PERIOD');
  });
});

describe('Art. 36 ¶2: an assessment covers political quality, ability, work style, performance and compliance, with a listed grade', () => {
  it.each([
    ['all five, 优秀', [], ALL, '优秀'],
    ['four of five', ['ASSESS'], ALL.slice(0, 4), '称职'],
    ['a grade not in the list', ['ASSESS'], ALL, '良好'],
  ] as const)('%s → %j', (_name, failed, dimensions, grade) => {
    const outcome = given({ auxiliary: [hired()] }).when(assess({ dimensions: [...dimensions], grade }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });
  it('both defects listed', () => {
    expect(given({ auxiliary: [hired()] }).when(assess({ dimensions: [], grade: '良好' })).thenRefusedCitingRules('ASSESS')).toHaveLength(2);
  });
});
