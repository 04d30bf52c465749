import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { RecordTrainingCommand } from './record-training.command';
import { RecordTrainingRequestDto } from './record-training.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class RecordTrainingHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('record-training')
  @ApiOperation({ operationId: 'recordTraining', summary: '培训 Record training', description: 'Art. 35: pre-job, annual and special training.' })
  recordTraining(@Body() body: RecordTrainingRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('RecordTraining', RecordTrainingRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new RecordTrainingCommand(command, principal));
  }
}
