import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { APPLICATIONS_ANSWER, GetApplications } from './applications.query';
import { ApplicationsRequestDto } from './applications.request.dto';

export const APPLICATIONS_ENDPOINT = defineQueryEndpoint({
  query: GetApplications,
  path: 'api/applications',
  operationId: 'applications',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: ApplicationsRequestDto,
  summary: '报名 Recruitment applications by plan and Art. 20 stage, as of a date',
  description:
    'Each application with its plan, opening, organ, person key and the Art. 20 stage reached (REGISTRATION, QUALIFICATION_REVIEW, EXAMS, MEDICAL, INSPECTION, PUBLIC_NOTICE, HIRED, WITHDRAWN, FAILED), ' +
    'the date of every recorded stage, the failing stage, and counts by stage and plan; keyset paging by application id. ' +
    "Operators: organs in their subtrees only (403 otherwise). Viewers: the counts only. Applicants' names (masked ID numbers) for admins, auditors and operators, each read recorded. 404 ORGAN_NOT_FOUND for an unknown organ.",
  answer: { schema: APPLICATIONS_ANSWER, description: '报名 The counts, the funnel and the page of applications (viewers: the counts only)' },
});
