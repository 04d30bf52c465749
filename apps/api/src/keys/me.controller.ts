import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ErrorBodyDto } from '../errors/error-body.dto';

export class MeDto {
  @ApiProperty({ description: 'The API key that signed the request' }) keyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['admin', 'operator', 'auditor', 'viewer'] }) role!: Principal['role'];
  @ApiProperty({ type: [String], description: "An operator's organs: it may command their subtrees" }) organIds!: string[];
}

/** Who the caller is: what the browser shows or hides (forms, admin pages) by role and organ scope. */
@ApiTags('keys')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto, description: 'No valid API key' })
@Controller('api/me')
export class MeController {
  @Get()
  @ApiOperation({ operationId: 'me', summary: 'The calling key: its name, role and organ scope' })
  @ApiResponse({ status: 200, type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return { keyId: principal.keyId, name: principal.name, role: principal.role, organIds: [...principal.organIds] };
  }
}
