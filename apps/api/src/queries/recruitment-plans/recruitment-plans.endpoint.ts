import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { GetRecruitmentPlans, RECRUITMENT_PLANS_ANSWER } from './recruitment-plans.query';
import { RecruitmentPlansRequestDto } from './recruitment-plans.request.dto';

export const RECRUITMENT_PLANS_ENDPOINT = defineQueryEndpoint({
  query: GetRecruitmentPlans,
  path: 'api/recruitment-plans',
  operationId: 'recruitmentPlans',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: RecruitmentPlansRequestDto,
  summary: '招聘计划 Recruitment plans as of a date (Arts. 18–19)',
  description: 'Status, approval, filing, announcement and openings. Every role.',
  answer: { schema: RECRUITMENT_PLANS_ANSWER, description: '招聘计划 The plans as of the date' },
});
