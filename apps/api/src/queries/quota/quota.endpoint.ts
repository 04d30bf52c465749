import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { GetQuotaUse, QUOTA_ANSWER } from './quota.query';
import { QuotaRequestDto } from './quota.request.dto';

export const QUOTA_USE_ENDPOINT = defineQueryEndpoint({
  query: GetQuotaUse,
  path: 'api/quota',
  operationId: 'quotaUse',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: QuotaRequestDto,
  summary: '用人额度 Quota use per organ and rolled up (Art. 7)',
  description: 'Aggregates: every role, every organ.',
  answer: { schema: QUOTA_ANSWER, description: '用人额度 Quota use per organ, and the sums' },
});
