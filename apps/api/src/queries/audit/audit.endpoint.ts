import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { AUDIT_ANSWER, GetAuditTrail } from './audit.query';
import { AuditRequestDto } from './audit.request.dto';

export const AUDIT_TRAIL_ENDPOINT = defineQueryEndpoint({
  query: GetAuditTrail,
  path: 'api/audit',
  operationId: 'auditTrail',
  roles: ['admin', 'operator', 'auditor'],
  request: AuditRequestDto,
  summary: '审计记录 The audit trail: accepted events and refused commands',
  description:
    'Filtered by organ (with its auxiliaries), auxiliary, person key, actor, command type, outcome, recorded and effective ranges; keyset paging by log position. ' +
    'Operators: `organ` is required and must be theirs (400 ORGAN_REQUIRED, 403). Viewers: 403.',
  answer: { schema: AUDIT_ANSWER, description: '审计记录 A page of the audit trail, and the people it names' },
});
