import type { Provider, Type } from '@nestjs/common';
import { ApplicationsHttpController } from './applications/applications.http.controller';
import { GetApplicationsHandler } from './applications/applications.query';
import { FinesHttpController } from './fines/fines.http.controller';
import { GetFinesHandler } from './fines/fines.query';
import { StreamsHttpController } from './streams/streams.http.controller';
import { GetStreamEventsHandler, GetStreamsHandler } from './streams/streams.query';
import { CatalogHttpController } from './catalog/catalog.http.controller';
import { GetCatalogHandler } from './catalog/catalog.query';
import { CommandCatalogHttpController } from './command-catalog/command-catalog.http.controller';
import { GetCommandCatalogHandler } from './command-catalog/command-catalog.query';
import { ComplianceHttpController } from './compliance/compliance.http.controller';
import { GetComplianceHandler } from './compliance/compliance.query';
import { HeadcountSeriesHttpController } from './headcount-series/headcount-series.http.controller';
import { GetHeadcountSeriesHandler } from './headcount-series/headcount-series.query';
import { AuditHttpController } from './audit/audit.http.controller';
import { GetAuditTrailHandler } from './audit/audit.query';
import { OrgansHttpController } from './organs/organs.http.controller';
import { GetOrgansHandler } from './organs/organs.query';
import { PersonFileHttpController } from './person-file/person-file.http.controller';
import { GetPersonFileHandler } from './person-file/person-file.query';
import { QuotaHttpController } from './quota/quota.http.controller';
import { GetQuotaUseHandler } from './quota/quota.query';
import { RecruitmentPlansHttpController } from './recruitment-plans/recruitment-plans.http.controller';
import { GetRecruitmentPlansHandler } from './recruitment-plans/recruitment-plans.query';
import { RosterHttpController } from './roster/roster.http.controller';
import { GetRosterHandler } from './roster/roster.query';
import { SupervisionHttpController } from './supervision/supervision.http.controller';
import { GetSupervisionFindingsHandler } from './supervision/supervision.query';

/** Every read endpoint: one folder each (request DTO, query and its handler, HTTP controller). */
export const QUERY_CONTROLLERS: Type[] = [
  RosterHttpController,
  PersonFileHttpController,
  QuotaHttpController,
  AuditHttpController,
  SupervisionHttpController,
  OrgansHttpController,
  RecruitmentPlansHttpController,
  HeadcountSeriesHttpController,
  CommandCatalogHttpController,
  CatalogHttpController,
  ComplianceHttpController,
  ApplicationsHttpController,
  FinesHttpController,
  StreamsHttpController,
];
export const QUERY_HANDLERS: Provider[] = [
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
  GetComplianceHandler,
  GetApplicationsHandler,
  GetFinesHandler,
  GetStreamsHandler,
  GetStreamEventsHandler,
];
