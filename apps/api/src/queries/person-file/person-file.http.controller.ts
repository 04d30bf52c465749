import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { GetPersonFile, PERSON_FILE_ANSWER, type PersonFileAnswer } from './person-file.query';
import { PersonFileParamsDto, PersonFileRequestDto } from './person-file.request.dto';

@QueryEndpoint()
@Controller('api/people')
export class PersonFileHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':auxiliaryId')
  @Roles('admin', 'operator', 'auditor')
  @ApiOperation({
    operationId: 'personFile',
    summary: '档案 Person file and timeline of an auxiliary',
    description:
      'The record as of a date (as known at an instant) and every event of the auxiliary effective on or before it, with who recorded it and when. ' +
      'No ID number, medical detail or background finding is ever in it. Operators: auxiliaries of their organs only (403). Viewers: 403. 404 PERSON_NOT_FOUND: no record on that date.',
  })
  @QueryAnswer(PERSON_FILE_ANSWER, '档案 The file as of the date, its timeline and the person')
  file(@Param() params: PersonFileParamsDto, @Query() query: PersonFileRequestDto, @CurrentPrincipal() principal: Principal): Promise<PersonFileAnswer> {
    return this.queryBus.execute(new GetPersonFile({ ...query, auxiliaryId: params.auxiliaryId }, principal));
  }
}
