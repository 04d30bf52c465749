import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { CATALOG_ANSWER, GetCatalog } from './catalog.query';
import { CatalogRequestDto } from './catalog.request.dto';

export const CATALOG_ENDPOINT = defineQueryEndpoint({
  query: GetCatalog,
  path: 'api/catalog',
  operationId: 'catalog',
  roles: ['admin', 'operator', 'auditor', 'viewer'],
  request: CatalogRequestDto,
  summary: '代码表 Labels for every code, zh and en',
  description:
    'The words for the codes the read models answer with — roster status, category, level, organ level and kind, departure reason (Art. 40), plan state (Arts. 18–19), duty (Arts. 12–16) — ' +
    'and every supervision finding kind with its rule, citation and the cited text. Every role.',
  answer: { schema: CATALOG_ANSWER, description: '代码表 The labels and finding kinds' },
});
