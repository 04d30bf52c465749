import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { GetRoster, ROSTER_ANSWER, type RosterAnswer } from './roster.query';
import { RosterRequestDto } from './roster.request.dto';

@QueryEndpoint()
@Controller('api/roster')
export class RosterHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'roster',
    summary: '花名册 Roster of an organ as of a date',
    description:
      'Auxiliaries whose using organ is the organ (or its subtree), as of an effective date and as known at an instant; filters: status, category, level, an id containing q; keyset paging by auxiliary id. ' +
      'Operators: organs in their subtrees only (403 otherwise). Viewers: the counts only, no entries. 404 ORGAN_NOT_FOUND for an unknown organ.',
  })
  @QueryAnswer(ROSTER_ANSWER, '花名册 The roster: counts over every match, and the page of entries (viewers: the counts only)')
  roster(@Query() query: RosterRequestDto, @CurrentPrincipal() principal: Principal): Promise<RosterAnswer> {
    return this.queryBus.execute(new GetRoster(query, principal));
  }
}
