import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { GetPersonFile, PERSON_FILE_ANSWER } from './person-file.query';
import { PersonFileParamsDto, PersonFileRequestDto } from './person-file.request.dto';

export const PERSON_FILE_ENDPOINT = defineQueryEndpoint({
  query: GetPersonFile,
  path: 'api/people/:auxiliaryId',
  operationId: 'personFile',
  roles: ['admin', 'operator', 'auditor'],
  request: PersonFileRequestDto,
  pathParams: PersonFileParamsDto,
  summary: '档案 Person file and timeline of an auxiliary',
  description:
    'The record as of a date (as known at an instant) and every event of the auxiliary effective on or before it, with who recorded it and when. ' +
    'No ID number, medical detail or background finding is ever in it. Operators: auxiliaries of their organs only (403). Viewers: 403. 404 PERSON_NOT_FOUND: no record on that date.',
  answer: { schema: PERSON_FILE_ANSWER, description: '档案 The file as of the date, its timeline and the person' },
});
