import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { TerminateCommand } from './terminate.command';
import { TerminateRequestDto } from './terminate.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class TerminateHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('terminate')
  @ApiOperation({ operationId: 'terminate', summary: '解除劳动合同 Terminate the contract', description: 'Art. 40: open duties end, the quota place is released, credentials become due for recovery (Art. 37 ¶3).' })
  terminate(@Body() body: TerminateRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('Terminate', TerminateRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new TerminateCommand(command, principal));
  }
}
