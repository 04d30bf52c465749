import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../auth/principal';
import { ErrorBodyDto } from '../errors/error-body.dto';
import { ApiKeysService, type PublicKey } from './api-keys.service';
import { ApiKeyDto, CreateKeyRequestDto, CreatedKeyDto } from './create-key.request.dto';

@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@ApiResponse({ status: 401, type: ErrorBodyDto, description: 'No valid API key' })
@ApiResponse({ status: 403, type: ErrorBodyDto, description: 'Not an admin key' })
@Controller('api/keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ operationId: 'createKey', summary: 'Create an API key (the key is shown once)' })
  @ApiResponse({ status: 201, type: CreatedKeyDto })
  @ApiResponse({ status: 400, type: ErrorBodyDto })
  create(@Body() body: CreateKeyRequestDto, @CurrentPrincipal() principal: Principal): Promise<PublicKey & { key: string }> {
    return this.keys.create(principal, body.name, body.role, body.organIds ?? []);
  }

  @Get()
  @ApiOperation({ operationId: 'listKeys', summary: 'List API keys (never the keys themselves)' })
  @ApiResponse({ status: 200, type: ApiKeyDto, isArray: true })
  list(): Promise<PublicKey[]> {
    return this.keys.list();
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'revokeKey', summary: 'Revoke an API key' })
  @ApiResponse({ status: 200, type: ApiKeyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  @ApiResponse({ status: 409, type: ErrorBodyDto, description: 'LAST_ADMIN_KEY: the last active admin key is never revoked' })
  revoke(@Param('id') id: string): Promise<PublicKey> {
    return this.keys.revoke(id);
  }
}
