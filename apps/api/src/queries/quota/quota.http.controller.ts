import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { GetQuotaUse, QUOTA_ANSWER, type QuotaAnswer } from './quota.query';
import { QuotaRequestDto } from './quota.request.dto';

@QueryEndpoint()
@Controller('api/quota')
export class QuotaHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({ operationId: 'quotaUse', summary: '用人额度 Quota use per organ and rolled up (Art. 7)', description: 'Aggregates: every role, every organ.' })
  @QueryAnswer(QUOTA_ANSWER, '用人额度 Quota use per organ, and the sums')
  quota(@Query() query: QuotaRequestDto, @CurrentPrincipal() principal: Principal): Promise<QuotaAnswer> {
    return this.queryBus.execute(new GetQuotaUse(query, principal));
  }
}
