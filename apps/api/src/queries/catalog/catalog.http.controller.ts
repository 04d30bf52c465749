import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { CATALOG_ANSWER, type CatalogAnswer, GetCatalog } from './catalog.query';
import { CatalogRequestDto } from './catalog.request.dto';

@QueryEndpoint()
@Controller('api/catalog')
export class CatalogHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'catalog',
    summary: '代码表 Labels for every code, zh and en',
    description:
      'The words for the codes the read models answer with — roster status, category, level, organ level and kind, departure reason (Art. 40), plan state (Arts. 18–19), duty (Arts. 12–16) — ' +
      'and every supervision finding kind with its rule, citation and the cited text. Every role.',
  })
  @QueryAnswer(CATALOG_ANSWER, '代码表 The labels and finding kinds')
  catalog(@Query() query: CatalogRequestDto, @CurrentPrincipal() principal: Principal): Promise<CatalogAnswer> {
    return this.queryBus.execute(new GetCatalog(query, principal));
  }
}
