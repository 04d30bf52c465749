import type { Provider, Type } from '@nestjs/common';
import { HireHandler } from './hire/hire.handler';
import { HireHttpController } from './hire/hire.http.controller';
import { AssignDutyHandler } from './assign-duty/assign-duty.handler';
import { AssignDutyHttpController } from './assign-duty/assign-duty.http.controller';
import { EndDutyHandler } from './end-duty/end-duty.handler';
import { EndDutyHttpController } from './end-duty/end-duty.http.controller';
import { PromoteHandler } from './promote/promote.handler';
import { PromoteHttpController } from './promote/promote.http.controller';
import { DisciplineHandler } from './discipline/discipline.handler';
import { DisciplineHttpController } from './discipline/discipline.http.controller';
import { TerminateHandler } from './terminate/terminate.handler';
import { TerminateHttpController } from './terminate/terminate.http.controller';
import { RecordTrainingHandler } from './record-training/record-training.handler';
import { RecordTrainingHttpController } from './record-training/record-training.http.controller';
import { EnrolInsuranceHandler } from './enrol-insurance/enrol-insurance.handler';
import { EnrolInsuranceHttpController } from './enrol-insurance/enrol-insurance.http.controller';
import { RecordAssessmentHandler } from './record-assessment/record-assessment.handler';
import { RecordAssessmentHttpController } from './record-assessment/record-assessment.http.controller';
import { RegisterOrganHandler } from './register-organ/register-organ.handler';
import { RegisterOrganHttpController } from './register-organ/register-organ.http.controller';
import { SetQuotaHandler } from './set-quota/set-quota.handler';
import { SetQuotaHttpController } from './set-quota/set-quota.http.controller';

/** Every command use case: one folder each (request DTO, command, handler, HTTP controller). */
export const COMMAND_CONTROLLERS: Type[] = [
  HireHttpController,
  AssignDutyHttpController,
  EndDutyHttpController,
  PromoteHttpController,
  DisciplineHttpController,
  TerminateHttpController,
  RecordTrainingHttpController,
  EnrolInsuranceHttpController,
  RecordAssessmentHttpController,
  RegisterOrganHttpController,
  SetQuotaHttpController,
];
export const COMMAND_HANDLERS: Provider[] = [
  HireHandler,
  AssignDutyHandler,
  EndDutyHandler,
  PromoteHandler,
  DisciplineHandler,
  TerminateHandler,
  RecordTrainingHandler,
  EnrolInsuranceHandler,
  RecordAssessmentHandler,
  RegisterOrganHandler,
  SetQuotaHandler,
];
