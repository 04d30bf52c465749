import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { HireCommand } from './hire.command';
import { HireRequestDto } from './hire.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class HireHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('hire')
  @ApiOperation({ operationId: 'hire', summary: '聘用 Hire an auxiliary', description: 'Arts. 17–24, 7; 劳动合同法 Art. 19. Four streams in one atomic append: auxiliary, person, organ (用人额度), application.' })
  hire(@Body() body: HireRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('Hire', HireRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new HireCommand(command, principal));
  }
}
