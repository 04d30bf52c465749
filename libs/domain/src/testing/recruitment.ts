import type { IsoDate } from '@auxledger/statute';
import type { DomainEvent } from '../kernel';
import {
  type ApplicationRegisteredV1,
  type RecruitmentApplicationEvent,
  applicationRegistered,
  examsPassed,
  inspectionPassed,
  medicalExaminationPassed,
  publicNoticeCompleted,
  qualificationReviewPassed,
} from '../recruitment-application';

/** An `ApplicationRegistered` as version 1 stored it (for tests of older logs): the event store keeps it so, `envelopeOf` upcasts it. */
export const applicationRegisteredV1 = (data: ApplicationRegisteredV1): DomainEvent<'ApplicationRegistered', ApplicationRegisteredV1> => ({ type: 'ApplicationRegistered', schemaVersion: 1, data });

/**
 * For tests and seeding: an application of a plan of 呼和浩特市公安局 through
 * every stage of Art. 20 (registered 2024-10-10, public notice ended
 * 2024-12-07), each event with its effective date — ready to be hired.
 */
export function passedApplicationHistory(
  applicationId: string,
  personKey: string,
  planId = 'plan-1',
  /** The organs of the plan's openings, as registration records them (Hire checks its using organ against them); omitted: an application from before they were recorded. */
  openingOrganIds?: string[],
): Array<[IsoDate, RecruitmentApplicationEvent | DomainEvent<'ApplicationRegistered', ApplicationRegisteredV1>]> {
  const registration: ApplicationRegisteredV1 = {
    applicationId, planId, personKey,
    applicant: { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE', educationRelaxation: null },
    preferenceCategories: [], targetedOpeningId: null, recruitingOrganId: 'hohhot', recruitingOrganLevel: 'CITY', announcedOn: '2024-10-01', postConditions: [],
  };
  return [
    ['2024-10-10', openingOrganIds ? applicationRegistered({ ...registration, targetedOrganId: null, openingOrganIds }) : applicationRegisteredV1(registration)],
    ['2024-10-20', qualificationReviewPassed({
      applicationId,
      clearedFindings: ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, ref: `BG-${item}` })),
      postConditionsMet: [],
      politicalAttestation: { conclusion: 'MEETS', attestedBy: 'reviewer-1', attestedOn: '2024-10-20', materialRefs: ['PA-1'] },
      serviceRecordsChecked: 0,
    })],
    ['2024-11-01', examsPassed({ applicationId, scores: { written: 80, physical: 90, interview: 85, total: 84 } })],
    ['2024-11-10', medicalExaminationPassed({ applicationId, reportRef: 'MED-1' })],
    ['2024-11-20', inspectionPassed({ applicationId, clearedFindings: [], serviceRecordsChecked: 0 })],
    ['2024-12-08', publicNoticeCompleted({ applicationId, noticeFrom: '2024-12-01', noticeUntil: '2024-12-07' })],
  ];
}
