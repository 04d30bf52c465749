import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { AssignDutyCommand } from './assign-duty.command';
import { AssignDutyRequestDto } from './assign-duty.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class AssignDutyHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('assign-duty')
  @ApiOperation({ operationId: 'assignDuty', summary: '安排工作 Assign duties', description: 'Arts. 10–16, 28 ¶2, 35 ¶2, 39: a forbidden duty (Art. 15) is never assignable; every failed rule is listed.' })
  assignDuty(@Body() body: AssignDutyRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('AssignDuty', AssignDutyRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new AssignDutyCommand(command, principal));
  }
}
