import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { COMPLIANCE_ANSWER, type ComplianceAnswer, GetCompliance } from './compliance.query';
import { ComplianceRequestDto } from './compliance.request.dto';

@QueryEndpoint()
@Controller('api/compliance')
export class ComplianceHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'compliance',
    summary: '合规率 Compliance rates as of a date',
    description:
      'Of the auxiliaries in service: the share without a finding of pre-job or annual training (Art. 35), insurance (Art. 28), health check (Art. 28 ¶3) or assessment (Art. 36); ' +
      'of those who left, the share with every credential recovered (Art. 37 ¶3). Each person counted once. Counts only: every role; operators: organs in their subtrees (403 otherwise).',
  })
  @QueryAnswer(COMPLIANCE_ANSWER, '合规率 The rates, each person counted once')
  compliance(@Query() query: ComplianceRequestDto, @CurrentPrincipal() principal: Principal): Promise<ComplianceAnswer> {
    return this.queryBus.execute(new GetCompliance(query, principal));
  }
}
