import { Body, Controller, Headers, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../infrastructure/tokens';
import { toDomainCommand } from '../shared/command-metadata';
import { CommandEndpoint } from '../shared/command-endpoint';
import type { CommandAccepted } from '../shared/ledger-command';
import { EnrolInsuranceCommand } from './enrol-insurance.command';
import { EnrolInsuranceRequestDto } from './enrol-insurance.request.dto';

@CommandEndpoint()
@Controller('api/commands')
export class EnrolInsuranceHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('enrol-insurance')
  @ApiOperation({ operationId: 'enrolInsurance', summary: '参保 Record insurance enrolment', description: 'Art. 28 ¶1–2.' })
  enrolInsurance(@Body() body: EnrolInsuranceRequestDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<CommandAccepted> {
    const command = toDomainCommand('EnrolInsurance', EnrolInsuranceRequestDto.toData(body), body, idempotencyKey, principal, this.clock);
    return this.commandBus.execute(new EnrolInsuranceCommand(command, principal));
  }
}
