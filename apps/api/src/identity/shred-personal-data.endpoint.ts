import { Body, Controller, Headers, Inject, Post, Query, Res } from '@nestjs/common';
import { CommandBus, CommandHandler as OnCommand, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { type Clock, RETENTION_SHRED_REASON } from '@auxledger/application';
import { Person, type ShredPersonalData, auxiliaryIdsOf, envelopeOf, fold, shredPersonalData, streamIdOf } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { CommandEndpoint, IdempotencyKeyHeader } from '../commands/shared/command-endpoint';
import { commandRequestOf } from '../commands/shared/command-metadata';
import { CommandRequestDto } from '../commands/shared/command-request.dto';
import { CommandRunner } from '../commands/shared/command-runner';
import { declareParamTypes } from '../commands/shared/endpoint-classes';
import { type AnsweringResponse, type CommandEndpointDefinition, DryRunQuery, dryRunOf } from '../commands/shared/define-command-endpoint';
import { CommandOutcomes } from '../logging/command-outcomes';
import { Id } from '../commands/shared/dto-fields';
import { type CommandAccepted, type CommandDryRun, LedgerCommand } from '../commands/shared/ledger-command';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { IdentityService } from './identity.service';

export class ShredPersonalDataRequestDto extends CommandRequestDto {
  @Id('pkh-3f9a0c', { description: 'The person whose retention ended (GET /api/retention/due lists them)' })
  personKey!: string;

  static toData(body: ShredPersonalDataRequestDto): ShredPersonalData['data'] {
    // Every auxiliary record of the person is named by the server (from the person stream), not the client.
    return { personKey: body.personKey, auxiliaryIds: [], reason: RETENTION_SHRED_REASON };
  }
}

class ShredPersonalDataCommand extends LedgerCommand<ShredPersonalData> {}

@OnCommand(ShredPersonalDataCommand)
class ShredPersonalDataHandler implements ICommandHandler<ShredPersonalDataCommand, CommandAccepted | CommandDryRun> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  execute(sent: ShredPersonalDataCommand): Promise<CommandAccepted | CommandDryRun> {
    // Region-wide: only an admin (organ null).
    return this.runner.runOrJudge(shredPersonalData, sent, { organId: null }, async (data) => {
      const events = await this.store.readStream(streamIdOf(Person, data.personKey));
      return { ...data, auxiliaryIds: auxiliaryIdsOf(fold(Person, events.map((e) => envelopeOf(e)) as never)) };
    });
  }
}

/**
 * The shredding of one person's personal data once their retention ended
 * (ADR 0006), as `auxledger retention` does for everyone due: ShredPersonalData
 * through the command path (judged from the person stream, every auxiliary
 * record and the identity record: 409 PERSON_IN_SERVICE, RETENTION_NOT_ENDED,
 * PERSONAL_DATA_HELD with the holds and their clauses …), PersonalDataShredded
 * recorded, then the data key erased. Admins only.
 */
@CommandEndpoint()
@Controller('api/commands')
class ShredPersonalDataHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly outcomes: CommandOutcomes,
    private readonly identity: IdentityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('shred-personal-data')
  @ApiOperation({
    operationId: 'shredPersonalData',
    summary: '保存期限届满销毁个人信息 Shred a person’s personal data, their retention ended',
    description:
      'personalData.retentionYearsAfterDeparture after the last departure (or later registration), unless held: an open complaint (Art. 38 ¶2), a compensation (Art. 42 ¶3), a credential not recovered (Art. 37 ¶3). ' +
      'Records PersonalDataShredded (no personal data), then erases the data key. Admins only.',
  })
  @IdempotencyKeyHeader()
  @DryRunQuery()
  async send(
    @Body() body: ShredPersonalDataRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Query('dryRun') dryRunParam: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: AnsweringResponse,
  ): Promise<CommandAccepted | CommandDryRun> {
    const dryRun = dryRunOf(dryRunParam);
    const outcome = await this.commandBus.execute<ShredPersonalDataCommand, CommandAccepted | CommandDryRun>(
      new ShredPersonalDataCommand(commandRequestOf<ShredPersonalData>('ShredPersonalData', ShredPersonalDataRequestDto.toData(body), body, idempotencyKey), principal, dryRun),
    );
    if (dryRun) res.status(200);
    // Recorded (now or by an earlier sending of the same id): the key goes.
    else await this.identity.vault.shred(body.personKey, this.clock.now(), RETENTION_SHRED_REASON);
    this.outcomes.accepted('ShredPersonalData', outcome, res.request, res);
    return outcome;
  }
}
declareParamTypes(ShredPersonalDataHttpController, 'send', [ShredPersonalDataRequestDto, String, String, Object, Object]);

export const SHRED_PERSONAL_DATA_ENDPOINT: CommandEndpointDefinition = {
  commandType: 'ShredPersonalData',
  path: 'shred-personal-data',
  operationId: 'shredPersonalData',
  dto: ShredPersonalDataRequestDto,
  controller: ShredPersonalDataHttpController,
  handler: ShredPersonalDataHandler,
};
