import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { AUDIT_ANSWER, type AuditAnswer, GetAuditTrail } from './audit.query';
import { AuditRequestDto } from './audit.request.dto';

@QueryEndpoint()
@Controller('api/audit')
export class AuditHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor')
  @ApiOperation({
    operationId: 'auditTrail',
    summary: '审计记录 The audit trail: accepted events and refused commands',
    description:
      'Filtered by organ (with its auxiliaries), auxiliary, person key, actor, command type, outcome, recorded and effective ranges; keyset paging by log position. ' +
      'Operators: `organ` is required and must be theirs (400 ORGAN_REQUIRED, 403). Viewers: 403.',
  })
  @QueryAnswer(AUDIT_ANSWER, '审计记录 A page of the audit trail, and the people it names')
  audit(@Query() query: AuditRequestDto, @CurrentPrincipal() principal: Principal): Promise<AuditAnswer> {
    return this.queryBus.execute(new GetAuditTrail(query, principal));
  }
}
