import type { BackgroundFinding } from '@auxledger/statute';
import type { Envelope } from '../kernel';
import { on } from '../testing';
import { recruitmentAnnounced, recruitmentPlanApproved, recruitmentPlanDrafted } from '../recruitment-plan/recruitment-plan';
import {
  applicationRegistered, examsPassed, inspectionPassed, medicalExaminationPassed, publicNoticeCompleted, qualificationReviewPassed,
  type ApplicantProfile, type RecruitmentApplicationEvent,
} from './recruitment-application';

/** Spec fixtures: a plan of 呼和浩特市公安局 announced on 2024-10-01 and one applicant's history through the stages. */

export const DRAFTED = recruitmentPlanDrafted({
  planId: 'plan-1',
  draftingOrganId: 'hohhot',
  draftingOrganLevel: 'CITY',
  title: '2024年呼和浩特市公安局辅警招聘',
  openings: [
    { openingId: 'o-open', organId: 'xincheng', category: 'DUTY', count: 5, targetedCategories: null },
    { openingId: 'o-veterans', organId: 'xincheng', category: 'DUTY', count: 2, targetedCategories: [1, 2] },
  ],
  postConditions: [{ id: 'driving', description: '持有C1驾驶证' }],
});
export const APPROVED = recruitmentPlanApproved({ planId: 'plan-1', governmentLevel: 'CITY', approver: '呼和浩特市人民政府', documentNumber: '呼政批〔2024〕8号', approvedOn: '2024-09-20' });
export const ANNOUNCED = recruitmentAnnounced({ planId: 'plan-1', announcementRef: 'GG-2024-01', announcedOn: '2024-10-01' });
export const ANNOUNCED_PLAN = [DRAFTED, APPROVED, ANNOUNCED];

export const APPLICANT: ApplicantProfile = { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE', educationRelaxation: null };

export const clearFindings = (): BackgroundFinding[] => ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, found: false, ref: `BG-${item}` }));

export const REGISTERED = applicationRegistered({
  applicationId: 'app-1',
  planId: 'plan-1',
  personKey: 'pk:9f2c…',
  applicant: APPLICANT,
  preferenceCategories: [],
  targetedOpeningId: null,
  targetedOrganId: null,
  openingOrganIds: ['xincheng'],
  recruitingOrganId: 'hohhot',
  recruitingOrganLevel: 'CITY',
  announcedOn: '2024-10-01',
  postConditions: [{ id: 'driving', description: '持有C1驾驶证' }],
});
export const REVIEWED = qualificationReviewPassed({
  applicationId: 'app-1',
  clearedFindings: clearFindings().map(({ item, ref }) => ({ item, ref })),
  postConditionsMet: ['driving'],
  politicalAttestation: { conclusion: 'MEETS', attestedBy: 'reviewer-1', attestedOn: '2024-10-20', materialRefs: ['PA-1'] },
  serviceRecordsChecked: 0,
});
export const EXAMINED = examsPassed({ applicationId: 'app-1', scores: { written: 80, physical: 90, interview: 85, total: 84 } });
export const MEDICAL = medicalExaminationPassed({ applicationId: 'app-1', reportRef: 'MED-1' });
export const INSPECTED = inspectionPassed({ applicationId: 'app-1', clearedFindings: [], serviceRecordsChecked: 0 });
export const NOTICED = publicNoticeCompleted({ applicationId: 'app-1', noticeFrom: '2024-12-01', noticeUntil: '2024-12-07' });

export const STAGE_DATES = ['2024-10-10', '2024-10-20', '2024-11-01', '2024-11-10', '2024-11-20', '2024-12-08'] as const;

/** The application's history up to and including stage `n` (1: registered only), each event on its date. */
export function historyTo(n: 1 | 2 | 3 | 4 | 5 | 6): Envelope<RecruitmentApplicationEvent>[] {
  const events: RecruitmentApplicationEvent[] = [REGISTERED, REVIEWED, EXAMINED, MEDICAL, INSPECTED, NOTICED];
  return events.slice(0, n).map((e, i) => on(STAGE_DATES[i] ?? '2024-12-31', e));
}
