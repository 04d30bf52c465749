import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { GetHeadcountSeries, HEADCOUNT_SERIES_ANSWER, type HeadcountSeriesAnswer } from './headcount-series.query';
import { HeadcountSeriesRequestDto } from './headcount-series.request.dto';

@QueryEndpoint()
@Controller('api/headcount-series')
export class HeadcountSeriesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'headcountSeries',
    summary: '人员月度变化 Headcount at each month end, up to a date',
    description:
      "The roster's counts (total, in service, by status and category) at the end of each of the last `months` months, the last point on the as-of date — " +
      'each point what GET /api/roster answers as `counts` for its date. Counts only: every role; operators: organs in their subtrees (403 otherwise).',
  })
  @QueryAnswer(HEADCOUNT_SERIES_ANSWER, '人员月度变化 One point a month')
  series(@Query() query: HeadcountSeriesRequestDto, @CurrentPrincipal() principal: Principal): Promise<HeadcountSeriesAnswer> {
    return this.queryBus.execute(new GetHeadcountSeries(query, principal));
  }
}
