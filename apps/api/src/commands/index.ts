import type { Provider, Type } from '@nestjs/common';
import { AUXILIARY_ENDPOINTS } from './auxiliary/auxiliary.endpoints';
import { FINE_ENDPOINTS } from './fines/fines.endpoints';
import { ORGAN_ENDPOINTS } from './organs/organs.endpoints';
import { RECRUITMENT_ENDPOINTS } from './recruitment/recruitment.endpoints';
import type { CommandEndpointDefinition } from './shared/define-command-endpoint';
import { REGISTER_APPLICANT_ENDPOINT } from '../identity/register-applicant.endpoint';
import { RECORD_HEALTH_CHECK_ENDPOINT } from '../identity/record-health-check.endpoint';
import { RECORD_INJURY_ENDPOINT } from '../identity/record-injury.endpoint';
import { SHRED_PERSONAL_DATA_ENDPOINT } from '../identity/shred-personal-data.endpoint';

/** Every domain command, one endpoint each: `POST /api/commands/<kebab type>`, declared per domain area. */
export const COMMAND_ENDPOINTS: readonly CommandEndpointDefinition[] = [
  ...ORGAN_ENDPOINTS,
  ...RECRUITMENT_ENDPOINTS,
  // 报名 with the identity (ADR 0006): hand-made, since it seals the identity before the command is built.
  REGISTER_APPLICANT_ENDPOINT,
  ...AUXILIARY_ENDPOINTS,
  // 因公伤亡 (ADR 0006): hand-made, since it seals the medical details under the person's data key before the command is built.
  RECORD_INJURY_ENDPOINT,
  // 健康体检 (ADR 0006): hand-made, since it seals the result category under the person's data key before the command is built.
  RECORD_HEALTH_CHECK_ENDPOINT,
  ...FINE_ENDPOINTS,
  // The shredding of a person's data once their retention ended (ADR 0006): hand-made, since the key is erased after the event is recorded.
  SHRED_PERSONAL_DATA_ENDPOINT,
];

export const COMMAND_CONTROLLERS: Type[] = COMMAND_ENDPOINTS.map((e) => e.controller);
export const COMMAND_HANDLERS: Provider[] = COMMAND_ENDPOINTS.map((e) => e.handler);
