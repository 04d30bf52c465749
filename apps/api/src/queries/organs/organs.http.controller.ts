import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { GetOrgans, ORGANS_ANSWER, type OrgansAnswer } from './organs.query';
import { OrgansRequestDto } from './organs.request.dto';

@QueryEndpoint()
@Controller('api/organs')
export class OrgansHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({ operationId: 'organs', summary: '机关层级 The organ hierarchy', description: 'Every organ with its parent, level, kind, path and ancestors. Every role. 404 ORGAN_NOT_FOUND for an unknown root.' })
  @QueryAnswer(ORGANS_ANSWER, '机关层级 The organs in path order')
  organs(@Query() query: OrgansRequestDto, @CurrentPrincipal() principal: Principal): Promise<OrgansAnswer> {
    return this.queryBus.execute(new GetOrgans(query, principal));
  }
}
