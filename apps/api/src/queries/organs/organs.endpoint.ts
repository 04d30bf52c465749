import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { GetOrgans, ORGANS_ANSWER } from './organs.query';
import { OrgansRequestDto } from './organs.request.dto';

export const ORGANS_ENDPOINT = defineQueryEndpoint({
  query: GetOrgans,
  path: 'api/organs',
  operationId: 'organs',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: OrgansRequestDto,
  summary: '机关层级 The organ hierarchy',
  description: 'Every organ with its parent, level, kind, path and ancestors. Every role. 404 ORGAN_NOT_FOUND for an unknown root.',
  answer: { schema: ORGANS_ANSWER, description: '机关层级 The organs in path order' },
});
