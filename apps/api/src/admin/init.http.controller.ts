import { Body, Controller, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { ErrorBodyDto } from '../errors/error-body.dto';
import { type InitAnswer, type InitDryRunAnswer, InitService } from './init.service';
import { InitRequestDto } from './init.request.dto';

/** Administration of a deployment: its first start from a region organ file. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiResponse({ status: 401, type: ErrorBodyDto, description: 'No valid API key' })
@ApiResponse({ status: 403, type: ErrorBodyDto, description: 'Not an admin key' })
@Controller('api/admin')
export class InitHttpController {
  constructor(private readonly init: InitService) {}

  @Post('init')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'initDeployment',
    summary: '首次启动 The first start: the region organ tree from a file, and the county quotas',
    description:
      'The body is a region organ file (the format of shared/data/inner-mongolia-organs.json). Registers the REGION organ `nmg`, each city and county ' +
      '(`hohhot`, `hohhot-01`, …), then with `quota` the 用人额度 (Art. 7) of every county-level organ, set by the region organ under `quotaDocument` — ' +
      'each a RegisterOrgan or SetQuota through the command path, with a command id from the SHA-256 of the file and the organ: the same file again records nothing new ' +
      '(the same as `auxledger init`). `?dryRun=true`: the commands it would send, nothing recorded. A refused command: 409 INIT_REFUSED with the report.',
  })
  @ApiBody({ description: 'The region organ file', schema: { type: 'object', properties: { region: { type: 'object' } }, required: ['region'] } })
  @ApiResponse({ status: 201, description: 'Run: organs registered / already recorded, quotas set / already recorded, the log head' })
  @ApiResponse({ status: 200, description: 'Dry run: the commands it would send' })
  @ApiResponse({ status: 400, type: ErrorBodyDto, description: 'INVALID_ORGANS_FILE, INVALID_QUOTA, QUOTA_DOCUMENT_REQUIRED, QUOTA_REQUIRED, VALIDATION_FAILED' })
  @ApiResponse({ status: 409, type: ErrorBodyDto, description: 'INIT_REFUSED: a command was refused (details: the report)' })
  async initDeployment(
    @Body() file: unknown,
    @Query() query: InitRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<InitAnswer | InitDryRunAnswer> {
    const plan = this.init.plan(file, query.quota, query.quotaDocument);
    if (query.dryRun === 'true') {
      res.status(200);
      return this.init.dryRun(plan);
    }
    const answer = await this.init.run(plan, principal, query.effectiveDate);
    if (answer.refused.length > 0) {
      const first = answer.refused[0] as InitAnswer['refused'][number];
      throw new AppError(
        'CONFLICT',
        'INIT_REFUSED',
        {
          zh: `${answer.refused.length} 条命令被拒绝，首条：${first.organId}：${first.message.zh}`,
          en: `${answer.refused.length} command(s) refused, the first: ${first.organId}: ${first.message.en}`,
        },
        { report: answer },
      );
    }
    return answer;
  }
}
