import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { SetQuotaCommand } from './set-quota.command';
import { SetQuotaRequestDto } from './set-quota.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class SetQuotaHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('set-quota')
  @ApiOperation({ operationId: 'setQuota', summary: '用人额度 Set the quota of an organ', description: 'Art. 7: from the effective date on, organ-wide or per category.' })
  setQuota(@Body() body: SetQuotaRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('SetQuota', SetQuotaRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new SetQuotaCommand(command, principal));
  }
}
