import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { GetSupervisionFindings, SUPERVISION_ANSWER } from './supervision.query';
import { SupervisionRequestDto } from './supervision.request.dto';

export const SUPERVISION_FINDINGS_ENDPOINT = defineQueryEndpoint({
  query: GetSupervisionFindings,
  path: 'api/supervision',
  operationId: 'supervisionFindings',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: SupervisionRequestDto,
  summary: '监督 Supervision findings with their citations',
  description: 'Missing training, overdue assessments, uninsured, unrecovered credentials, open complaints, unapproved or unfiled plans … as of a date. Operators: their organs (403). Viewers: counts only. 404 ORGAN_NOT_FOUND for an unknown organ.',
  answer: { schema: SUPERVISION_ANSWER, description: '监督 The counts and each finding with its citation (viewers: the counts only)' },
});
