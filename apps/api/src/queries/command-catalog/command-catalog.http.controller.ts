import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { COMMAND_CATALOG_ANSWER, type CommandCatalogAnswer, GetCommandCatalog } from './command-catalog.query';
import { CommandCatalogRequestDto } from './command-catalog.request.dto';
import { CITED_TEXT_ANSWER, type CitedTextAnswer, citedTextOf } from './cited-text';
import { CitedTextRequestDto } from './cited-text.request.dto';

@QueryEndpoint()
@Controller('api/catalog/commands')
export class CommandCatalogHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'commandCatalog',
    summary: '指令目录 Every command endpoint described for forms',
    description:
      'Path, method, roles, group, zh/en title and the fields of every command endpoint — generated from the request DTOs’ validation and OpenAPI metadata — ' +
      'with the codes labelled from the statute library (duties with their article, leading officer, qualification and insurance; departure reasons) and this deployment’s parameters ' +
      '(sanctions, grades, levels; the pay standard and the high-risk duties with their source and default flag) in force on `asOf`. Every role; `roles` says who may send each.',
  })
  @QueryAnswer(COMMAND_CATALOG_ANSWER, '指令目录 Every command endpoint with its fields')
  commands(@Query() query: CommandCatalogRequestDto, @CurrentPrincipal() principal: Principal): Promise<CommandCatalogAnswer> {
    return this.queryBus.execute(new GetCommandCatalog(query, principal));
  }

  @Get('cited-text')
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'citedText',
    summary: '条文 The regulation text a citation points at',
    description:
      'For a refusal’s violation (its `citation`), the words of the article, paragraph or item cited, from the regulation text the statute library embeds, with the citation rendered in zh and en. ' +
      '`text` is null for a law whose text is not carried (e.g. 劳动合同法) or a citation that points nowhere.',
  })
  @QueryAnswer(CITED_TEXT_ANSWER, '条文 The citation, rendered, and its text')
  citedText(@Query() query: CitedTextRequestDto): CitedTextAnswer {
    return citedTextOf(query.citation);
  }
}
