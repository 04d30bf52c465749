import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { COMPLIANCE_ANSWER, GetCompliance } from './compliance.query';
import { ComplianceRequestDto } from './compliance.request.dto';

export const COMPLIANCE_ENDPOINT = defineQueryEndpoint({
  query: GetCompliance,
  path: 'api/compliance',
  operationId: 'compliance',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: ComplianceRequestDto,
  summary: '合规率 Compliance rates as of a date',
  description:
    'Of the auxiliaries in service: the share without a finding of pre-job or annual training (Art. 35), insurance (Art. 28), health check (Art. 28 ¶3) or assessment (Art. 36); ' +
    'of those who left, the share with every credential recovered (Art. 37 ¶3). Each person counted once. Counts only: every role; operators: organs in their subtrees (403 otherwise).',
  answer: { schema: COMPLIANCE_ANSWER, description: '合规率 The rates, each person counted once' },
});
