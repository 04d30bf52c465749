import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { RecordAssessmentCommand } from './record-assessment.command';
import { RecordAssessmentRequestDto } from './record-assessment.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class RecordAssessmentHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('record-assessment')
  @ApiOperation({ operationId: 'recordAssessment', summary: '考核 Record an assessment', description: 'Art. 36 ¶2: the basis of promotion and demotion.' })
  recordAssessment(@Body() body: RecordAssessmentRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('RecordAssessment', RecordAssessmentRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new RecordAssessmentCommand(command, principal));
  }
}
