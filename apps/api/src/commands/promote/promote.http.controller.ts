import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { PromoteCommand } from './promote.command';
import { PromoteRequestDto } from './promote.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class PromoteHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('promote')
  @ApiOperation({ operationId: 'promote', summary: '晋升 Promote one level', description: 'Art. 36 ¶1–2: months in level, latest assessment, sanctions; PAY-LEVEL reads the configured pay standard.' })
  promote(@Body() body: PromoteRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('Promote', PromoteRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new PromoteCommand(command, principal));
  }
}
