import type { Provider, Type } from '@nestjs/common';
import { AUXILIARY_ENDPOINTS } from './auxiliary/auxiliary.endpoints';
import { FINE_ENDPOINTS } from './fines/fines.endpoints';
import { ORGAN_ENDPOINTS } from './organs/organs.endpoints';
import { RECRUITMENT_ENDPOINTS } from './recruitment/recruitment.endpoints';
import type { CommandEndpointDefinition } from './shared/define-command-endpoint';

/** Every domain command, one endpoint each: `POST /api/commands/<kebab type>`, declared per domain area. */
export const COMMAND_ENDPOINTS: readonly CommandEndpointDefinition[] = [...ORGAN_ENDPOINTS, ...RECRUITMENT_ENDPOINTS, ...AUXILIARY_ENDPOINTS, ...FINE_ENDPOINTS];

export const COMMAND_CONTROLLERS: Type[] = COMMAND_ENDPOINTS.map((e) => e.controller);
export const COMMAND_HANDLERS: Provider[] = COMMAND_ENDPOINTS.map((e) => e.handler);
