import type { Provider, Type } from '@nestjs/common';
import { APPLICATIONS_ENDPOINT } from './applications/applications.endpoint';
import { GetApplicationsHandler } from './applications/applications.query';
import { AUDIT_TRAIL_ENDPOINT } from './audit/audit.endpoint';
import { GetAuditTrailHandler } from './audit/audit.query';
import { CATALOG_ENDPOINT } from './catalog/catalog.endpoint';
import { GetCatalogHandler } from './catalog/catalog.query';
import { GetCitedTextHandler } from './command-catalog/cited-text';
import { CITED_TEXT_ENDPOINT, COMMAND_CATALOG_ENDPOINT } from './command-catalog/command-catalog.endpoint';
import { GetCommandCatalogHandler } from './command-catalog/command-catalog.query';
import { COMPLIANCE_ENDPOINT } from './compliance/compliance.endpoint';
import { GetComplianceHandler } from './compliance/compliance.query';
import { FINES_ENDPOINT } from './fines/fines.endpoint';
import { GetFinesHandler } from './fines/fines.query';
import { HEADCOUNT_SERIES_ENDPOINT } from './headcount-series/headcount-series.endpoint';
import { GetHeadcountSeriesHandler } from './headcount-series/headcount-series.query';
import { ORGANS_ENDPOINT } from './organs/organs.endpoint';
import { GetOrgansHandler } from './organs/organs.query';
import { PERSON_FILE_ENDPOINT } from './person-file/person-file.endpoint';
import { GetPersonFileHandler } from './person-file/person-file.query';
import { QUOTA_USE_ENDPOINT } from './quota/quota.endpoint';
import { GetQuotaUseHandler } from './quota/quota.query';
import { RECRUITMENT_PLANS_ENDPOINT } from './recruitment-plans/recruitment-plans.endpoint';
import { GetRecruitmentPlansHandler } from './recruitment-plans/recruitment-plans.query';
import { ROSTER_ENDPOINT } from './roster/roster.endpoint';
import { GetRosterHandler } from './roster/roster.query';
import type { QueryEndpointDefinition } from './shared/define-query-endpoint';
import { QueryOpening } from './shared/query-opening';
import { STREAM_EVENTS_ENDPOINT, STREAMS_ENDPOINT } from './streams/streams.endpoint';
import { GetStreamEventsHandler, GetStreamsHandler } from './streams/streams.query';
import { SUPERVISION_FINDINGS_ENDPOINT } from './supervision/supervision.endpoint';
import { GetSupervisionFindingsHandler } from './supervision/supervision.query';

/**
 * Every read endpoint, `GET /api/…`, declared once per query folder
 * (`<folder>/<folder>.endpoint.ts`: `defineQueryEndpoint`) as commands are per
 * domain area; the folder holds the request DTO, the bus query with its
 * hand-written handler and its answer's schema.
 */
export const QUERY_ENDPOINTS: readonly QueryEndpointDefinition[] = [
  ROSTER_ENDPOINT,
  PERSON_FILE_ENDPOINT,
  QUOTA_USE_ENDPOINT,
  AUDIT_TRAIL_ENDPOINT,
  SUPERVISION_FINDINGS_ENDPOINT,
  ORGANS_ENDPOINT,
  RECRUITMENT_PLANS_ENDPOINT,
  HEADCOUNT_SERIES_ENDPOINT,
  COMMAND_CATALOG_ENDPOINT,
  CITED_TEXT_ENDPOINT,
  CATALOG_ENDPOINT,
  COMPLIANCE_ENDPOINT,
  APPLICATIONS_ENDPOINT,
  FINES_ENDPOINT,
  STREAMS_ENDPOINT,
  STREAM_EVENTS_ENDPOINT,
];

export const QUERY_CONTROLLERS: Type[] = QUERY_ENDPOINTS.map((e) => e.controller);
export const QUERY_HANDLERS: Provider[] = [
  QueryOpening,
  GetRosterHandler,
  GetPersonFileHandler,
  GetQuotaUseHandler,
  GetAuditTrailHandler,
  GetSupervisionFindingsHandler,
  GetOrgansHandler,
  GetRecruitmentPlansHandler,
  GetHeadcountSeriesHandler,
  GetCatalogHandler,
  GetCommandCatalogHandler,
  GetCitedTextHandler,
  GetComplianceHandler,
  GetApplicationsHandler,
  GetFinesHandler,
  GetStreamsHandler,
  GetStreamEventsHandler,
];
