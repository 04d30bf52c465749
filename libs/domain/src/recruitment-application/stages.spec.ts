import type { BackgroundFinding } from '@auxledger/statute';
import type { Envelope } from '../kernel';
import { personContractEnded, personContractStarted } from '../person';
import { command, on, scenario } from '../testing';
import {
  applicantHired, examsPassed, inspectionPassed, medicalExaminationPassed, publicNoticeCompleted, recruitmentStageFailed, type RecruitmentApplicationEvent,
} from './recruitment-application';
import { clearFindings, historyTo, REGISTERED, STAGE_DATES } from './recruitment-application.fixtures';
import { completePublicNotice, type CompletePublicNotice } from './complete-public-notice';
import { failRecruitmentStage, type FailRecruitmentStage } from './fail-recruitment-stage';
import { recordExamResults, type RecordExamResults } from './record-exam-results';
import { recordInspection, type RecordInspection } from './record-inspection';
import { recordMedicalExamination, type RecordMedicalExamination } from './record-medical-examination';

type History = Envelope<RecruitmentApplicationEvent>[];
const SCORES = { written: 80, physical: 90, interview: 85, total: 84 };

const exams = (on: string = STAGE_DATES[2], scores = SCORES) => command<RecordExamResults>('RecordExamResults', { applicationId: 'app-1', scores }, on);
const medical = (on: string = STAGE_DATES[3], reportRef = 'MED-1') => command<RecordMedicalExamination>('RecordMedicalExamination', { applicationId: 'app-1', reportRef }, on);
const PK = REGISTERED.data.personKey;
const inspection = (backgroundFindings: BackgroundFinding[] = [], on: string = STAGE_DATES[4], personKey = PK) =>
  command<RecordInspection>('RecordInspection', { applicationId: 'app-1', personKey, backgroundFindings }, on);
/** The applicant's person registry: a service at 包头 that ended by abandonment on 2024-10-30, after the review. */
const ABANDONED_SINCE_REVIEW = [
  on('2024-03-01', personContractStarted({ personKey: PK, contractId: 'c-old', auxiliaryId: 'aux-old', organId: 'baotou-pcs', startDate: '2024-03-01' })),
  on('2024-10-30', personContractEnded({ personKey: PK, contractId: 'c-old', auxiliaryId: 'aux-old', organId: 'baotou-pcs', endedOn: '2024-10-30', reason: 'ABANDONMENT' })),
];
const notice = (noticeFrom = '2024-12-01', noticeUntil = '2024-12-07', on: string = STAGE_DATES[5]) =>
  command<CompletePublicNotice>('CompletePublicNotice', { applicationId: 'app-1', noticeFrom, noticeUntil }, on);
const fail = (stage: FailRecruitmentStage['data']['stage'], on = '2024-11-05') =>
  command<FailRecruitmentStage>('FailRecruitmentStage', { applicationId: 'app-1', stage, reason: 'BELOW_STANDARD', reasonRef: 'R-1' }, on);

const byStage = {
  3: (h: History) => scenario(recordExamResults).given({ application: h }).when(exams()),
  4: (h: History) => scenario(recordMedicalExamination).given({ application: h }).when(medical()),
  5: (h: History) => scenario(recordInspection).given({ application: h }).when(inspection()),
  6: (h: History) => scenario(completePublicNotice).given({ application: h }).when(notice()),
} as const;

describe('RecordExamResults (Art. 20 (3))', () => {
  it('records the scores once the review passed', () => {
    scenario(recordExamResults).given({ application: historyTo(2) }).when(exams()).then({ application: [examsPassed({ applicationId: 'app-1', scores: SCORES })] });
  });
  it('refuses negative scores (STATE)', () => {
    scenario(recordExamResults).given({ application: historyTo(2) }).when(exams(undefined, { ...SCORES, written: -1 })).thenRefusedWithStateCode('INVALID_SCORES');
  });
  it('refuses an application that does not exist (STATE)', () => {
    scenario(recordExamResults).given({}).when(exams()).thenRefusedWithStateCode('APPLICATION_NOT_FOUND');
  });
});

describe('RecordMedicalExamination (Art. 20 (4), Art. 21 (4))', () => {
  it('records the outcome and the sealed report reference, nothing of the health data', () => {
    scenario(recordMedicalExamination).given({ application: historyTo(3) }).when(medical()).then({ application: [medicalExaminationPassed({ applicationId: 'app-1', reportRef: 'MED-1' })] });
  });
  it('refuses a missing report reference (STATE)', () => {
    scenario(recordMedicalExamination).given({ application: historyTo(3) }).when(medical(undefined, ' ')).thenRefusedWithStateCode('REPORT_REF_MISSING');
  });
});

describe('RecordInspection (Art. 20 (5) 考察, Art. 23 judged again)', () => {
  const given = scenario(recordInspection).given;
  it('passes with nothing new found; the review\'s clearances stand', () => {
    given({ application: historyTo(4) }).when(inspection()).then({ application: [inspectionPassed({ applicationId: 'app-1', clearedFindings: [], serviceRecordsChecked: 0 })] });
  });
  it('re-examined items replace the review\'s clearance for their item', () => {
    given({ application: historyTo(4) })
      .when(inspection([{ item: 4, found: false, ref: 'BG-4b' }]))
      .then({ application: [inspectionPassed({ applicationId: 'app-1', clearedFindings: [{ item: 4, ref: 'BG-4b' }], serviceRecordsChecked: 0 })] });
  });
  it.each([3, 4, 7] as const)('Art. 23 (%i) found at inspection → DISQ-%i', (item) => {
    given({ application: historyTo(4) }).when(inspection([{ item, found: true, ref: 'X' }])).thenRefusedCitingRules(`DISQ-${item}`);
  });
  it('Art. 23 (6): an abandonment recorded since the review disqualifies; with a pending case both are listed', () => {
    given({ application: historyTo(4), person: ABANDONED_SINCE_REVIEW })
      .when(inspection([{ item: 3, found: true, ref: 'X' }]))
      .thenRefusedCitingRules('DISQ-3', 'DISQ-6');
  });
  it('the service history is read from the person registry the command names: another person\'s key is refused (STATE)', () => {
    expect(recordInspection.streams(inspection()).person?.id).toBe(PK);
    given({ application: historyTo(4), person: ABANDONED_SINCE_REVIEW }).when(inspection([], STAGE_DATES[4], 'pk:other')).thenRefusedWithStateCode('APPLICATION_PERSON_MISMATCH');
  });
  it('deprecated: without personKey, the serviceHistory passed in is judged', () => {
    const legacy = command<RecordInspection>('RecordInspection', { applicationId: 'app-1', backgroundFindings: [], serviceHistory: [{ organId: 'baotou-pcs', endedOn: '2024-10-30', reason: 'ABANDONMENT' }] }, STAGE_DATES[4]);
    given({ application: historyTo(4) }).when(legacy).thenRefusedCitingRules('DISQ-6');
  });
  it('an application never reviewed has no clearances: stage order and every Art. 23 item are listed', () => {
    given({ application: historyTo(1) }).when(inspection()).thenRefusedCitingRules('RECR-ORDER', 'DISQ-1', 'DISQ-2', 'DISQ-3', 'DISQ-4', 'DISQ-5', 'DISQ-6', 'DISQ-7', 'DISQ-8');
  });
  it('with fresh findings for every item, only the stage order fails', () => {
    given({ application: historyTo(3) }).when(inspection(clearFindings())).thenRefusedCitingRules('RECR-ORDER');
  });
});

describe('CompletePublicNotice (Art. 20 (6) 公示)', () => {
  const given = scenario(completePublicNotice).given;
  it('completes the application: passed, ready to be hired', () => {
    given({ application: historyTo(5) }).when(notice()).then({ application: [publicNoticeCompleted({ applicationId: 'app-1', noticeFrom: '2024-12-01', noticeUntil: '2024-12-07' })] });
  });
  it.each([
    ['recorded on the notice\'s last day', '2024-12-01', '2024-12-07', '2024-12-07', null],
    ['recorded the day before the notice ends', '2024-12-01', '2024-12-07', '2024-12-06', 'NOTICE_PERIOD_NOT_OVER'],
    ['a period ending before it starts', '2024-12-07', '2024-12-01', '2024-12-08', 'NOTICE_PERIOD_INVALID'],
    ['a notice started before the inspection', '2024-11-19', '2024-11-26', '2024-12-08', 'NOTICE_BEFORE_INSPECTION'],
  ])('%s → %s', (_n, from, until, recordedOn, code) => {
    const outcome = given({ application: historyTo(5) }).when(notice(from, until, recordedOn));
    if (code) outcome.thenRefusedWithStateCode(code);
    else expect(outcome.decision.accepted).toBe(true);
  });
});

describe('Art. 20 (RECR-ORDER): the stages in order, none skipped', () => {
  it.each([
    [3, 2, 'accepted'],
    [3, 1, 'RECR-ORDER'],
    [3, 3, 'STAGE_ALREADY_RECORDED'],
    [4, 3, 'accepted'],
    [4, 2, 'RECR-ORDER'],
    [4, 1, 'RECR-ORDER'],
    [5, 4, 'accepted'],
    [5, 3, 'RECR-ORDER'],
    [6, 5, 'accepted'],
    [6, 4, 'RECR-ORDER'],
    [6, 2, 'RECR-ORDER'],
    [6, 6, 'STAGE_ALREADY_RECORDED'],
  ] as const)('stage (%i) with stages up to (%i) recorded → %s', (stage, upTo, expected) => {
    const outcome = byStage[stage](historyTo(upTo));
    if (expected === 'accepted') expect(outcome.decision.accepted).toBe(true);
    else if (expected === 'RECR-ORDER') outcome.thenRefusedCitingRules('RECR-ORDER');
    else outcome.thenRefusedWithStateCode(expected);
  });

  it('a skipped stage names every missing stage, each citing its item of Art. 20', () => {
    const violations = byStage[6](historyTo(2)).thenRefusedCitingRules('RECR-ORDER');
    expect(violations.map((v) => v.citation.item)).toEqual([3, 4, 5]);
  });

  it('a stage dated before the one before it is refused (STATE); the same day is fine', () => {
    scenario(recordExamResults).given({ application: historyTo(2) }).when(exams('2024-10-19')).thenRefusedWithStateCode('STAGE_DATED_BEFORE_PREVIOUS');
    expect(scenario(recordExamResults).given({ application: historyTo(2) }).when(exams('2024-10-20')).decision.accepted).toBe(true);
  });

  it('a failed stage ends the application: no later stage passes', () => {
    const ended = [...historyTo(3), on('2024-11-05', recruitmentStageFailed({ applicationId: 'app-1', stage: 4, reason: 'BELOW_STANDARD', reasonRef: 'R-1' }))];
    const violations = byStage[5](ended).thenRefusedCitingRules('RECR-ORDER');
    expect(violations.map((v) => v.message.en).join(' ')).toMatch(/Stage 4 was failed/);
  });

  it('an application already used for a hire takes no more stage results (STATE)', () => {
    byStage[6]([...historyTo(6), on('2024-12-20', applicantHired({ applicationId: 'app-1', auxiliaryId: 'aux-1' }))]).thenRefusedWithStateCode('APPLICATION_ALREADY_HIRED');
  });
});

describe('FailRecruitmentStage', () => {
  const given = scenario(failRecruitmentStage).given;
  it('records the failure with a coarse reason and a sealed reference', () => {
    given({ application: historyTo(3) }).when(fail(4)).then({ application: [recruitmentStageFailed({ applicationId: 'app-1', stage: 4, reason: 'BELOW_STANDARD', reasonRef: 'R-1' })] });
  });
  it('Art. 20: a stage is failed only after those before it passed (RECR-ORDER)', () => {
    given({ application: historyTo(2) }).when(fail(4)).thenRefusedCitingRules('RECR-ORDER');
  });
  it('refuses failing a stage already recorded (STATE)', () => {
    given({ application: historyTo(3) }).when(fail(3)).thenRefusedWithStateCode('STAGE_ALREADY_RECORDED');
  });
  it('refuses failing twice: after one failure, the application has ended (RECR-ORDER)', () => {
    given({ application: [...historyTo(3), on('2024-11-05', recruitmentStageFailed({ applicationId: 'app-1', stage: 4, reason: 'ABSENT', reasonRef: null }))] })
      .when(fail(5, '2024-11-06'))
      .thenRefusedCitingRules('RECR-ORDER');
  });
});
