import {
  type AssignDuty,
  type EnrolInsurance,
  type Hire,
  type IssueCredential,
  type Promote,
  type ReceiveComplaint,
  type RecordAssessment,
  type RecordInjury,
  type RecordTraining,
  type RegisterOrgan,
  type SetQuota,
  type Suspend,
  applicationRegistered,
  assignDuty,
  enrolInsurance,
  examsPassed,
  hire,
  inspectionPassed,
  issueCredential,
  medicalExaminationPassed,
  planOpeningsReserved,
  promote,
  publicNoticeCompleted,
  qualificationReviewPassed,
  receiveComplaint,
  recordAssessment,
  recordInjury,
  recordTraining,
  recruitmentPlanApproved,
  recruitmentPlanDrafted,
  registerOrgan,
  setQuota,
  suspend,
} from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import type { OrganKind, OrganLevel } from '@auxledger/statute';
import { type Outcome, given, payOn, runCommand } from './commands';

/**
 * One small world, produced through the domain's command handlers: the
 * region → Hohhot → Xincheng county bureau → its police station, and Baotou;
 * quotas; three hires (the third refused by QUOTA-HIRE); training, insurance,
 * a duty, an assessment, a promotion recorded late and back-dated, a
 * suspension recorded late and back-dated, a complaint, a credential, an
 * injury with medical details (which no read model may show), and a plan.
 */

/** Transaction time: the instant of the n-th recording (2027-01-01 + n hours). */
export const T = (n: number) => new Date(Date.UTC(2027, 0, 1, n)).toISOString();
/** Early recordings (organs, hires) in 2024–2025. */
export const early = (date: string, n = 0) => `${date}T0${n}:30:00.000Z`;

export const ORGANS: ReadonlyArray<[string, OrganLevel, string | null]> = [
  ['nmg', 'REGION', null],
  ['hohhot', 'CITY', 'nmg'],
  ['xincheng', 'COUNTY', 'hohhot'],
  ['xincheng-pcs', 'UNIT', 'xincheng'],
  ['baotou', 'CITY', 'nmg'],
];

export const SECRET_MEDICAL = '左胫骨骨折，住院十四天';
/** The medical details as the command carries them since ADR 0006: sealed (opaque here; the read models never open them). */
export const SEALED_MEDICAL = { alg: 'A256GCM' as const, keyId: 'dk-aux-a', iv: 'bm9uY2Utbm9uY2U=', ct: Buffer.from(`sealed:${SECRET_MEDICAL.length}`).toString('base64'), tag: 'dGFnLXRhZy10YWctdGFn' };

export const HIRE_ON = '2025-01-02';
export const PROMOTED_ON = '2027-01-20';
export const SUSPENDED_ON = '2025-06-01';

export interface World {
  refused: Outcome;
  /** recordedAt of the back-dated promotion and of the instant before it. */
  promotionRecordedAt: string;
  suspensionRecordedAt: string;
}

export async function passedApplication(store: EventStore, applicationId: string, personKey: string): Promise<void> {
  const stage = (date: string) => ({ effectiveDate: date, recordedAt: early(date) });
  await given(store, `application-${applicationId}`, [
    applicationRegistered({
      applicationId, planId: 'plan-2024', personKey,
      applicant: { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE', educationRelaxation: null },
      preferenceCategories: [], targetedOpeningId: null, targetedOrganId: null, openingOrganIds: null, recruitingOrganId: 'hohhot', recruitingOrganLevel: 'CITY', announcedOn: '2024-10-01', postConditions: [],
    }),
  ], stage('2024-10-10'));
  await given(store, `application-${applicationId}`, [
    qualificationReviewPassed({
      applicationId,
      clearedFindings: ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, ref: `BG-${applicationId}-${item}` })),
      postConditionsMet: [],
      politicalAttestation: { conclusion: 'MEETS', attestedBy: 'reviewer-1', attestedOn: '2024-10-20', materialRefs: ['PA-1'] },
      serviceRecordsChecked: 0,
    }),
  ], stage('2024-10-20'));
  await given(store, `application-${applicationId}`, [examsPassed({ applicationId, scores: { written: 80, physical: 90, interview: 85, total: 84 } })], stage('2024-11-01'));
  await given(store, `application-${applicationId}`, [medicalExaminationPassed({ applicationId, reportRef: `MED-${applicationId}` })], stage('2024-11-10'));
  await given(store, `application-${applicationId}`, [inspectionPassed({ applicationId, clearedFindings: [], serviceRecordsChecked: 0 })], stage('2024-11-20'));
  await given(store, `application-${applicationId}`, [publicNoticeCompleted({ applicationId, noticeFrom: '2024-12-01', noticeUntil: '2024-12-07' })], stage('2024-12-08'));
}

export function hireData(auxiliaryId: string, organId: string, personKey: string): Hire['data'] {
  return {
    auxiliaryId, applicationId: `app-${auxiliaryId}`, personKey, usingOrganId: organId, category: 'DUTY', level: 'L1', pay: payOn('L1'),
    contract: {
      contractId: `contract-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: HIRE_ON, endDate: '2029-01-01', probationLastDay: '2025-07-01',
      clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'],
    },
  };
}

const expectAccepted = (o: Outcome, what: string): Outcome => {
  if (o.status !== 'accepted') throw new Error(`${what} was refused: ${o.ruleIds.join(', ')}`);
  return o;
};

export async function buildWorld(store: EventStore): Promise<World> {
  const operator = (organId: string) => ({ id: `op-${organId}`, role: 'operator' as const, organId });
  for (const [organId, level, parentId] of ORGANS) {
    expectAccepted(
      await runCommand<RegisterOrgan, never>(store, registerOrgan as never, 'RegisterOrgan', { organId, name: `${organId} 公安机关`, level, kind: 'PUBLIC_SECURITY' as OrganKind, parentId }, { effectiveDate: '2024-09-01', recordedAt: early('2024-09-01') }),
      `RegisterOrgan ${organId}`,
    );
  }
  for (const [organId, headcount] of [['hohhot', 10], ['xincheng', 3], ['xincheng-pcs', 1]] as const) {
    expectAccepted(
      await runCommand<SetQuota, never>(store, setQuota as never, 'SetQuota', { organId, category: null, headcount, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg' }, { effectiveDate: '2024-09-01', recordedAt: early('2024-09-01', 1) }),
      `SetQuota ${organId}`,
    );
  }
  for (const a of ['aux-a', 'aux-b', 'aux-c']) await passedApplication(store, `app-${a}`, `pk-${a}`);
  const at = (date: string, n: number, organId = 'xincheng') => ({ effectiveDate: date, recordedAt: early(date, n), actor: operator(organId) });
  expectAccepted(await runCommand<Hire, never>(store, hire as never, 'Hire', hireData('aux-a', 'xincheng', 'pk-aux-a'), at(HIRE_ON, 1)), 'Hire aux-a');
  expectAccepted(await runCommand<Hire, never>(store, hire as never, 'Hire', hireData('aux-b', 'xincheng-pcs', 'pk-aux-b'), at(HIRE_ON, 2, 'xincheng-pcs')), 'Hire aux-b');
  const refused = await runCommand<Hire, never>(store, hire as never, 'Hire', hireData('aux-c', 'xincheng-pcs', 'pk-aux-c'), at(HIRE_ON, 3, 'xincheng-pcs'));

  const aux = <C extends { data: unknown }>(handler: unknown, type: string, data: C['data'], date: string, recordedAt: string, organId = 'xincheng') =>
    runCommand(store, handler as never, type as never, data as never, { effectiveDate: date, recordedAt, actor: operator(organId) }).then((o) => expectAccepted(o, `${type} ${date}`));

  await aux<EnrolInsurance>(enrolInsurance, 'EnrolInsurance', { auxiliaryId: 'aux-a', kinds: ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'], reference: 'SI-1' }, '2025-01-03', early('2025-01-03'));
  await aux<IssueCredential>(issueCredential, 'IssueCredential', { auxiliaryId: 'aux-a', kind: 'WORK_ID', serial: 'W-0001' }, '2025-01-03', early('2025-01-03', 1));
  await aux<RecordTraining>(recordTraining, 'RecordTraining', { auxiliaryId: 'aux-a', trainingId: 'tr-1', kind: 'PRE_JOB', year: null, topics: ['POLITICS', 'LAW', 'DISCIPLINE', 'ETHICS', 'SECRECY'], completedOn: '2025-01-05', outcome: 'PASSED' }, '2025-01-05', early('2025-01-05'));
  await aux<AssignDuty>(assignDuty, 'AssignDuty', { auxiliaryId: 'aux-a', assignmentId: 'as-1', dutyCodes: ['SVC_PATROL'], nationalBasis: null, leadingOfficerIds: ['officer-7'], alone: false, matterId: null, equipmentIssued: [] }, '2025-01-10', early('2025-01-10'));
  await aux<RecordTraining>(recordTraining, 'RecordTraining', { auxiliaryId: 'aux-a', trainingId: 'tr-2', kind: 'ANNUAL', year: 2026, topics: ['LAW', 'SKILLS'], completedOn: '2026-11-01', outcome: 'PASSED' }, '2026-11-01', T(0));
  await aux<ReceiveComplaint>(receiveComplaint, 'ReceiveComplaint', { auxiliaryId: 'aux-a', complaintId: 'cp-1', channel: 'COMPLAINT', receivingOrganId: 'xincheng' }, '2026-12-01', T(1));
  await aux<RecordAssessment>(recordAssessment, 'RecordAssessment', { auxiliaryId: 'aux-a', assessmentId: 'ass-2026', period: '2026', dimensions: ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'], grade: '称职' }, '2027-01-15', T(2));
  await aux<RecordInjury>(recordInjury, 'RecordInjury', { auxiliaryId: 'aux-a', injuryId: 'inj-1', kind: 'INJURY', legalBasis: 'WORK_INJURY', occurredOn: '2027-01-16', determinationRef: '工伤认定2027-3', medicalDetails: SEALED_MEDICAL }, '2027-01-18', T(3));
  // Recorded at T(10), effective 2027-01-20: a promotion entered late.
  const promotionRecordedAt = T(10);
  await aux<Promote>(promote, 'Promote', { auxiliaryId: 'aux-a', route: 'ASSESSMENT', toLevel: 'L2', selectionRef: null, selectionAllowsSkip: false, pay: payOn('L2') }, PROMOTED_ON, promotionRecordedAt);
  // Recorded at T(11), effective 2025-06-01: a suspension of aux-b entered long after.
  const suspensionRecordedAt = T(11);
  await aux<Suspend>(suspend, 'Suspend', { auxiliaryId: 'aux-b', decisionRef: '停职决定2025-1', reason: '接受调查' }, SUSPENDED_ON, suspensionRecordedAt, 'xincheng-pcs');

  // A CITY plan holding two openings at Xincheng: drafted, then approved; never filed (Art. 18 ¶2).
  await given(store, 'recruitment-plan-plan-2027', [
    recruitmentPlanDrafted({ planId: 'plan-2027', draftingOrganId: 'hohhot', draftingOrganLevel: 'CITY', title: '2027年呼和浩特市辅警招聘', openings: [{ openingId: 'o-1', organId: 'xincheng', category: null, count: 2, targetedCategories: null }], postConditions: [] }),
  ], { effectiveDate: '2027-02-01', recordedAt: T(12) });
  await given(store, 'organ-xincheng', [planOpeningsReserved({ planId: 'plan-2027', openings: [{ category: null, count: 2 }] })], { effectiveDate: '2027-02-01', recordedAt: T(12) });
  await given(store, 'recruitment-plan-plan-2027', [
    recruitmentPlanApproved({ planId: 'plan-2027', governmentLevel: 'CITY', approver: '呼和浩特市人民政府', documentNumber: '呼政发〔2027〕5号', approvedOn: '2027-02-10' }),
  ], { effectiveDate: '2027-02-10', recordedAt: T(13) });
  return { refused, promotionRecordedAt, suspensionRecordedAt };
}
