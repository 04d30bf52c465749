import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { DisciplineCommand } from './discipline.command';
import { DisciplineRequestDto } from './discipline.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class DisciplineHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('discipline')
  @ApiOperation({ operationId: 'discipline', summary: '处分 Record a disciplinary decision', description: 'Arts. 34 ¶1, 42 ¶1.' })
  discipline(@Body() body: DisciplineRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('Discipline', DisciplineRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new DisciplineCommand(command, principal));
  }
}
