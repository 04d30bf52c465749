import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { GetHeadcountSeries, HEADCOUNT_SERIES_ANSWER } from './headcount-series.query';
import { HeadcountSeriesRequestDto } from './headcount-series.request.dto';

export const HEADCOUNT_SERIES_ENDPOINT = defineQueryEndpoint({
  query: GetHeadcountSeries,
  path: 'api/headcount-series',
  operationId: 'headcountSeries',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: HeadcountSeriesRequestDto,
  summary: '人员月度变化 Headcount at each month end, up to a date',
  description:
    "The roster's counts (total, in service, by status and category) at the end of each of the last `months` months, the last point on the as-of date — " +
    'each point what GET /api/roster answers as `counts` for its date. Counts only: every role; operators: organs in their subtrees (403 otherwise).',
  answer: { schema: HEADCOUNT_SERIES_ANSWER, description: '人员月度变化 One point a month' },
});
