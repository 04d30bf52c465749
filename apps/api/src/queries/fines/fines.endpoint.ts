import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { FINES_ANSWER, GetFines } from './fines.query';
import { FinesRequestDto } from './fines.request.dto';

export const FINES_ENDPOINT = defineQueryEndpoint({
  query: GetFines,
  path: 'api/fines',
  operationId: 'fines',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: FinesRequestDto,
  summary: '罚款 Fines an organ decided (Art. 44), as of a date',
  description:
    'Decision number, conduct, item, amount (fen), illegal income, confiscation, and whether paid or revoked; counts by status and amounts. Keyset paging by fine id. ' +
    'The party is never named. Operators: organs in their subtrees only (403 otherwise). Viewers: the counts only. 404 ORGAN_NOT_FOUND for an unknown organ.',
  answer: { schema: FINES_ANSWER, description: '罚款 The counts and the page of fines (viewers: the counts only)' },
});
