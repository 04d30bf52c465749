import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { GetSupervisionFindings, SUPERVISION_ANSWER, type SupervisionAnswer } from './supervision.query';
import { SupervisionRequestDto } from './supervision.request.dto';

@QueryEndpoint()
@Controller('api/supervision')
export class SupervisionHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'supervisionFindings',
    summary: '监督 Supervision findings with their citations',
    description: 'Missing training, overdue assessments, uninsured, unrecovered credentials, open complaints, unapproved or unfiled plans … as of a date. Operators: their organs (403). Viewers: counts only. 404 ORGAN_NOT_FOUND for an unknown organ.',
  })
  @QueryAnswer(SUPERVISION_ANSWER, '监督 The counts and each finding with its citation (viewers: the counts only)')
  findings(@Query() query: SupervisionRequestDto, @CurrentPrincipal() principal: Principal): Promise<SupervisionAnswer> {
    return this.queryBus.execute(new GetSupervisionFindings(query, principal));
  }
}
