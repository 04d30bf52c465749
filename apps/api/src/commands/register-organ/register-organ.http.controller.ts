import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { RegisterOrganCommand } from './register-organ.command';
import { RegisterOrganRequestDto } from './register-organ.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class RegisterOrganHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('register-organ')
  @ApiOperation({ operationId: 'registerOrgan', summary: '登记机关 Register an organ', description: 'Level, kind (Art. 46) and parent. Operators register organs under an organ they hold; the REGION organ only an admin.' })
  registerOrgan(@Body() body: RegisterOrganRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('RegisterOrgan', RegisterOrganRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new RegisterOrganCommand(command, principal));
  }
}
