import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { GetRoster, ROSTER_ANSWER } from './roster.query';
import { RosterRequestDto } from './roster.request.dto';

export const ROSTER_ENDPOINT = defineQueryEndpoint({
  query: GetRoster,
  path: 'api/roster',
  operationId: 'roster',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: RosterRequestDto,
  summary: '花名册 Roster of an organ as of a date',
  description:
    'Auxiliaries whose using organ is the organ (or its subtree), as of an effective date and as known at an instant; filters: status, category, level, an id containing q; keyset paging by auxiliary id. ' +
    'Operators: organs in their subtrees only (403 otherwise). Viewers: the counts only, no entries. 404 ORGAN_NOT_FOUND for an unknown organ.',
  answer: { schema: ROSTER_ANSWER, description: '花名册 The roster: counts over every match, and the page of entries (viewers: the counts only)' },
});
