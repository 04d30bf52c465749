import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { FINES_ANSWER, type FinesAnswer, GetFines } from './fines.query';
import { FinesRequestDto } from './fines.request.dto';

@QueryEndpoint()
@Controller('api/fines')
export class FinesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'fines',
    summary: '罚款 Fines an organ decided (Art. 44), as of a date',
    description:
      'Decision number, conduct, item, amount (fen), illegal income, confiscation, and whether paid or revoked; counts by status and amounts. Keyset paging by fine id. ' +
      'The party is never named. Operators: organs in their subtrees only (403 otherwise). Viewers: the counts only. 404 ORGAN_NOT_FOUND for an unknown organ.',
  })
  @QueryAnswer(FINES_ANSWER, '罚款 The counts and the page of fines (viewers: the counts only)')
  fines(@Query() query: FinesRequestDto, @CurrentPrincipal() principal: Principal): Promise<FinesAnswer> {
    return this.queryBus.execute(new GetFines(query, principal));
  }
}
