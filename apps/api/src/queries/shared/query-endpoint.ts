import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../../errors/error-body.dto';

const error = (status: number, description: string) => ApiResponse({ status, description, type: ErrorBodyDto });

/** What every query endpoint shares: the documented error answers. Roles are on each route; each route's 200 is its own (`QueryAnswer`). */
export const QueryEndpoint = () =>
  applyDecorators(
    ApiTags('queries'),
    ApiBearerAuth(),
    error(400, 'A parameter is unknown or malformed (VALIDATION_FAILED, every field in Chinese and English), or MIN_POSITION_BEYOND_LOG'),
    error(401, 'No valid API key'),
    error(403, 'ROLE_NOT_ALLOWED, or ORGAN_OUT_OF_SCOPE: an operator asked about an organ or person outside its organs'),
    error(409, 'PROJECTION_BEHIND: the read models did not reach `minPosition` in time; ask again'),
    error(503, 'READ_MODELS_NOT_BUILT / READ_MODELS_OUTDATED: no read models of these definitions yet'),
  );
