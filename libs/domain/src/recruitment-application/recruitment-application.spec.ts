import { ELIGIBILITY_CHECKS, judgeInForce, REGISTRY } from '@auxledger/statute';
import { fold } from '../kernel';
import { on } from '../testing';
import { envelopeOf } from '../envelope';
import { type ExistingRecruitmentApplication, RecruitmentApplication, applicantHired, applicationOrganMismatch, hireFacts, recruitmentStageFailed, type RecruitmentApplicationState } from './recruitment-application';
import { REGISTERED, historyTo, STAGE_DATES } from './recruitment-application.fixtures';
import { rankByArt22, rankingEntryOf } from './ranking';

const stateAt = (n: 1 | 2 | 3 | 4 | 5 | 6) => fold(RecruitmentApplication, historyTo(n));
const APPLICATION_HIRE_CHECKS = ['RECR-EXAM', 'RECR-ORDER', 'ELIG-FIT', ...ELIGIBILITY_CHECKS] as const;
const judgeHire = (state: RecruitmentApplicationState, effectiveDate = '2024-12-20') => {
  const facts = hireFacts(state);
  if (!facts) throw new Error('no facts');
  return judgeInForce(REGISTRY, APPLICATION_HIRE_CHECKS, { effectiveDate, ...facts, serviceHistory: [] });
};

describe('application state', () => {
  it('is NONE for an empty stream', () => {
    expect(fold(RecruitmentApplication, [])).toEqual({ status: 'NONE' });
  });

  it('records stage (1) from the announcement and each stage on its effective date', () => {
    const state = stateAt(6);
    expect(state.status).toBe('PASSED');
    expect(state.status !== 'NONE' && state.stages).toEqual([
      { stage: 1, outcome: 'PASSED', date: '2024-10-01' },
      ...[2, 3, 4, 5, 6].map((stage, i) => ({ stage, outcome: 'PASSED', date: STAGE_DATES[i + 1] })),
    ]);
  });

  it('a failure ends the application; later stage events change nothing', () => {
    const ended = fold(RecruitmentApplication, [...historyTo(3), on('2024-11-05', recruitmentStageFailed({ applicationId: 'app-1', stage: 4, reason: 'ABSENT', reasonRef: null })), ...historyTo(5).slice(3)]);
    expect(ended).toMatchObject({ status: 'ENDED', failure: { stage: 4, reason: 'ABSENT', on: '2024-11-05' } });
    expect(ended.status !== 'NONE' && ended.stages.map((s) => s.stage)).toEqual([1, 2, 3, 4]);
  });

  it('ApplicantHired uses up a passed application, and only a passed one', () => {
    const hired = applicantHired({ applicationId: 'app-1', auxiliaryId: 'aux-1' });
    expect(fold(RecruitmentApplication, [...historyTo(6), on('2024-12-20', hired)])).toMatchObject({ status: 'HIRED', auxiliaryId: 'aux-1', hiredOn: '2024-12-20' });
    expect(fold(RecruitmentApplication, [...historyTo(5), on('2024-12-20', hired)]).status).toBe('IN_PROGRESS');
  });
});

describe('hireFacts: what HIRE_CHECKS needs from the application (Arts. 17, 20, 21, 23)', () => {
  it('no application: null (the Hire handler refuses by RECR-EXAM, 凡进必考)', () => {
    expect(hireFacts({ status: 'NONE' })).toBeNull();
    expect(judgeInForce(REGISTRY, ['RECR-EXAM'], { effectiveDate: '2024-12-20', application: null }).violations.map((v) => v.ruleId)).toEqual(['RECR-EXAM']);
  });

  it('a passed application satisfies every application rule of the hire', () => {
    const judgement = judgeHire(stateAt(6));
    expect(judgement.violations).toEqual([]);
    expect(judgement.checked).toEqual(expect.arrayContaining(['RECR-EXAM', 'RECR-ORDER', 'ELIG-FIT', 'ELIG-AGE', 'DISQ-6']));
  });

  it('gives the registration date (age is measured on it), cleared findings as "not found", post conditions with their outcome', () => {
    expect(hireFacts(stateAt(6))).toMatchObject({
      step: { kind: 'HIRE' },
      registration: { date: STAGE_DATES[0] },
      postConditions: [{ id: 'driving', description: '持有C1驾驶证', met: true }],
      background: { findings: expect.arrayContaining([{ item: 3, found: false, ref: 'BG-3' }]) },
    });
  });

  it.each([
    [3, ['RECR-ORDER', 'ELIG-FIT']],
    [4, ['RECR-ORDER']],
    [5, ['RECR-ORDER']],
    [6, []],
  ] as const)('Art. 20: hired with stages up to (%i) → %j', (n, failed) => {
    expect([...new Set(judgeHire(stateAt(n)).violations.map((v) => v.ruleId))]).toEqual(failed);
  });

  it('registered only: the exams, the order, the fitness and every Art. 23 item are missing — all listed', () => {
    const failed = [...new Set(judgeHire(stateAt(1)).violations.map((v) => v.ruleId))].sort();
    expect(failed).toEqual(['DISQ-1', 'DISQ-2', 'DISQ-3', 'DISQ-4', 'DISQ-5', 'DISQ-6', 'DISQ-7', 'DISQ-8', 'ELIG-FIT', 'ELIG-POST', 'RECR-EXAM', 'RECR-ORDER']);
  });
});

describe('Art. 22 ¶1 (PREF-RANK): preferences rank applicants only at equal scores', () => {
  const entry = (applicantId: string, score: number, preferenceCategories: number[] = [], eligible = true) => ({ applicantId, score, eligible, preferenceCategories });
  it.each([
    ['a higher score beats a preference', [entry('a', 80, [2]), entry('b', 81)], ['b', 'a']],
    ['at equal scores the preferred applicant ranks first', [entry('a', 80), entry('b', 80, [3])], ['b', 'a']],
    ['at equal scores and equal preference, by id', [entry('b', 80, [1]), entry('a', 80, [5])], ['a', 'b']],
    ['an ineligible applicant is not ranked, preferred or not', [entry('a', 95, [1], false), entry('b', 70)], ['b']],
  ])('%s', (_n, entries, order) => {
    const ranking = rankByArt22(entries);
    expect(ranking.map((e) => e.applicantId)).toEqual(order);
    expect(judgeInForce(REGISTRY, ['PREF-RANK'], { effectiveDate: '2024-11-05', ranking }).ok).toBe(true);
  });

  it('rankingEntryOf reads the total score, and an ended application as ineligible', () => {
    expect(rankingEntryOf(stateAt(2) as Exclude<RecruitmentApplicationState, { status: 'NONE' }>)).toBeNull();
    expect(rankingEntryOf(stateAt(3) as Exclude<RecruitmentApplicationState, { status: 'NONE' }>)).toEqual({ applicantId: 'app-1', score: 84, eligible: true, preferenceCategories: [] });
    const ended = fold(RecruitmentApplication, [...historyTo(3), on('2024-11-05', recruitmentStageFailed({ applicationId: 'app-1', stage: 4, reason: 'ABSENT', reasonRef: null }))]);
    expect(ended.status !== 'NONE' && rankingEntryOf(ended)?.eligible).toBe(false);
  });
});

describe('ApplicationRegistered versions: version 1 is read as version 2 (ADR 0007)', () => {
  const stored = (schemaVersion: number, data: unknown) => ({
    type: 'ApplicationRegistered', schemaVersion, data,
    metadata: { effectiveDate: STAGE_DATES[0], recordedAt: `${STAGE_DATES[0]}T08:00:00.000Z`, commandId: 'cmd-1', actor: { id: 'op-1' } },
  });
  const { targetedOrganId: _t, openingOrganIds: _o, ...v1 } = REGISTERED.data;

  it('a registration is written as version 2, with both organ fields', () => {
    expect(REGISTERED).toMatchObject({ schemaVersion: 2, data: { targetedOrganId: null, openingOrganIds: ['xincheng'] } });
  });

  it('a version 1 event without the organ fields reads with both null: not recorded, so a hire is not checked against them', () => {
    const { event } = envelopeOf(stored(1, v1));
    expect(event).toEqual({ type: 'ApplicationRegistered', schemaVersion: 2, data: { ...v1, targetedOrganId: null, openingOrganIds: null } });
    const state = fold(RecruitmentApplication, [envelopeOf(stored(1, v1)) as never]);
    expect(state).toMatchObject({ status: 'IN_PROGRESS', targetedOrganId: null, openingOrganIds: null });
    expect(applicationOrganMismatch(state as ExistingRecruitmentApplication, 'anywhere')).toBeNull();
  });

  it('a version 1 event that had the fields keeps them', () => {
    const { event } = envelopeOf(stored(1, { ...v1, targetedOrganId: 'saihan', openingOrganIds: ['saihan'] }));
    expect(event.data).toMatchObject({ targetedOrganId: 'saihan', openingOrganIds: ['saihan'] });
    expect(envelopeOf(stored(2, REGISTERED.data)).event).toEqual(REGISTERED);
  });
});
