import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { GetRecruitmentPlans, RECRUITMENT_PLANS_ANSWER, type RecruitmentPlansAnswer } from './recruitment-plans.query';
import { RecruitmentPlansRequestDto } from './recruitment-plans.request.dto';

@QueryEndpoint()
@Controller('api/recruitment-plans')
export class RecruitmentPlansHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'operator', 'auditor', 'viewer')
  @ApiOperation({ operationId: 'recruitmentPlans', summary: '招聘计划 Recruitment plans as of a date (Arts. 18–19)', description: 'Status, approval, filing, announcement and openings. Every role.' })
  @QueryAnswer(RECRUITMENT_PLANS_ANSWER, '招聘计划 The plans as of the date')
  plans(@Query() query: RecruitmentPlansRequestDto, @CurrentPrincipal() principal: Principal): Promise<RecruitmentPlansAnswer> {
    return this.queryBus.execute(new GetRecruitmentPlans(query, principal));
  }
}
