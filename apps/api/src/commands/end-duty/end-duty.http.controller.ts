import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { EndDutyCommand } from './end-duty.command';
import { EndDutyRequestDto } from './end-duty.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class EndDutyHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('end-duty')
  @ApiOperation({ operationId: 'endDuty', summary: '结束工作安排 End an assignment', description: 'An open assignment ends (completed or reassigned).' })
  endDuty(@Body() body: EndDutyRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('EndDuty', EndDutyRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new EndDutyCommand(command, principal));
  }
}
