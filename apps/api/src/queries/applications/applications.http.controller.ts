import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { APPLICATIONS_ANSWER, type ApplicationsAnswer, GetApplications } from './applications.query';
import { ApplicationsRequestDto } from './applications.request.dto';

@QueryEndpoint()
@Controller('api/applications')
export class ApplicationsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({
    operationId: 'applications',
    summary: '报名 Recruitment applications by plan and Art. 20 stage, as of a date',
    description:
      'Each application with its plan, opening, organ, person key and the Art. 20 stage reached (REGISTRATION, QUALIFICATION_REVIEW, EXAMS, MEDICAL, INSPECTION, PUBLIC_NOTICE, HIRED, WITHDRAWN, FAILED), ' +
      'the date of every recorded stage, the failing stage, and counts by stage and plan; keyset paging by application id. ' +
      "Operators: organs in their subtrees only (403 otherwise). Viewers: the counts only. Applicants' names (masked ID numbers) for admins, auditors and operators, each read recorded. 404 ORGAN_NOT_FOUND for an unknown organ.",
  })
  @QueryAnswer(APPLICATIONS_ANSWER, '报名 The counts, the funnel and the page of applications (viewers: the counts only)')
  applications(@Query() query: ApplicationsRequestDto, @CurrentPrincipal() principal: Principal): Promise<ApplicationsAnswer> {
    return this.queryBus.execute(new GetApplications(query, principal));
  }
}
