import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { COMMAND_CATALOG_ANSWER, GetCommandCatalog } from './command-catalog.query';
import { CITED_TEXT_ANSWER, GetCitedText } from './cited-text';
import { CommandCatalogRequestDto } from './command-catalog.request.dto';
import { CitedTextRequestDto } from './cited-text.request.dto';

export const COMMAND_CATALOG_ENDPOINT = defineQueryEndpoint({
  query: GetCommandCatalog,
  path: 'api/catalog/commands',
  operationId: 'commandCatalog',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: CommandCatalogRequestDto,
  summary: '指令目录 Every command endpoint described for forms',
  description:
    'Path, method, roles, group, zh/en title and the fields of every command endpoint — generated from the request DTOs’ validation and OpenAPI metadata — ' +
    'with the codes labelled from the statute library (duties with their article, leading officer, qualification and insurance; departure reasons) and this deployment’s parameters ' +
    '(sanctions, grades, levels; the pay standard and the high-risk duties with their source and default flag) in force on `asOf`. Every role; `roles` says who may send each.',
  answer: { schema: COMMAND_CATALOG_ANSWER, description: '指令目录 Every command endpoint with its fields' },
});

export const CITED_TEXT_ENDPOINT = defineQueryEndpoint({
  query: GetCitedText,
  path: 'api/catalog/commands/cited-text',
  operationId: 'citedText',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: CitedTextRequestDto,
  summary: '条文 The regulation text a citation points at',
  description:
    'For a refusal’s violation (its `citation`), the words of the article, paragraph or item cited, from the regulation text the statute library embeds, with the citation rendered in zh and en. ' +
    '`text` is null for a law whose text is not carried (e.g. 劳动合同法) or a citation that points nowhere.',
  answer: { schema: CITED_TEXT_ANSWER, description: '条文 The citation, rendered, and its text' },
});
