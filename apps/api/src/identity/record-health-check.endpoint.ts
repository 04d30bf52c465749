import { Body, Controller, Headers, Inject, Post, Query, Res } from '@nestjs/common';
import { CommandBus, CommandHandler as OnCommand, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { type HealthCheckResult, type RecordHealthCheck, recordHealthCheck } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import { HEALTH_PURPOSE } from '@auxledger/identity';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { RecordHealthCheckRequestDto } from '../commands/auxiliary/record-health-check.request.dto';
import { CommandEndpoint, IdempotencyKeyHeader } from '../commands/shared/command-endpoint';
import { commandRequestOf } from '../commands/shared/command-metadata';
import { CommandRunner } from '../commands/shared/command-runner';
import { declareParamTypes } from '../commands/shared/endpoint-classes';
import { type AnsweringResponse, type CommandEndpointDefinition, DryRunQuery, dryRunOf } from '../commands/shared/define-command-endpoint';
import { CommandOutcomes } from '../logging/command-outcomes';
import { type CommandAccepted, type CommandDryRun, LedgerCommand } from '../commands/shared/ledger-command';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { IdentityService } from './identity.service';
import { servingPersonKey } from './serving-person-key';

class RecordHealthCheckCommand extends LedgerCommand<RecordHealthCheck> {
  constructor(
    request: LedgerCommand<RecordHealthCheck>['request'],
    principal: Principal,
    dryRun: boolean,
    /** The category in clear, held in memory only for the handler to seal: never in the command, its digest, a refusal or a log line. */
    readonly result: HealthCheckResult,
  ) {
    super(request, principal, dryRun);
  }
}

@OnCommand(RecordHealthCheckCommand)
class RecordHealthCheckHandler implements ICommandHandler<RecordHealthCheckCommand, CommandAccepted | CommandDryRun> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly identity: IdentityService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(sent: RecordHealthCheckCommand): Promise<CommandAccepted | CommandDryRun> {
    // After the organ check: the category (checked by the DTO) sealed under the person's data key.
    return this.runner.runOrJudge(recordHealthCheck, sent, { auxiliaryId: sent.request.data.auxiliaryId }, async (data) => {
      const personKey = await servingPersonKey(this.store, data.auxiliaryId);
      // Not hired: the domain refuses; the refusal keeps a ciphertext under a throwaway key, which no one can open.
      const sealed = await this.identity.vault.sealPersonalData(personKey ?? 'none', HEALTH_PURPOSE, sent.result, this.clock.now(), { dryRun: sent.dryRun || personKey === null });
      return { ...data, result: sealed };
    });
  }
}

/**
 * 健康体检 (Art. 28 ¶3) as every command endpoint, except that the result
 * category (PIPL Art. 28 health data) is sealed under the person's data key
 * after the organ check and before the command is built — the seam
 * register-applicant and record-injury use (ADR 0006). The category is read
 * in clear only on a recorded disclosure (`POST /api/identities/:personKey/disclosures`,
 * field `healthCheckResults`); the date stays in clear (HEALTH-CHECK reads it).
 */
@CommandEndpoint()
@Controller('api/commands')
class RecordHealthCheckHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly outcomes: CommandOutcomes,
  ) {}

  @Post('record-health-check')
  @ApiOperation({
    operationId: 'recordHealthCheck',
    summary: '健康体检 Record a health check',
    description:
      'Art. 28 ¶3 (HEALTH-CHECK is a supervision finding): a result category only, never a finding; the category (PIPL Art. 28 health data) is sealed under the person’s data key before the command is built ' +
      '(HealthCheckRecorded schema version 2) and read in clear only on a recorded disclosure (ADR 0006).',
  })
  @IdempotencyKeyHeader()
  @DryRunQuery()
  async send(
    @Body() body: RecordHealthCheckRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Query('dryRun') dryRunParam: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: AnsweringResponse,
  ): Promise<CommandAccepted | CommandDryRun> {
    const dryRun = dryRunOf(dryRunParam);
    const { result, ...rest } = RecordHealthCheckRequestDto.toData(body);
    // Sealed by the handler; until then the command carries no result.
    const data = { ...rest, result: null } as unknown as RecordHealthCheck['data'];
    const answer = await this.commandBus.execute<RecordHealthCheckCommand, CommandAccepted | CommandDryRun>(
      new RecordHealthCheckCommand(commandRequestOf<RecordHealthCheck>('RecordHealthCheck', data, body, idempotencyKey), principal, dryRun, result as HealthCheckResult),
    );
    if (dryRun) res.status(200);
    this.outcomes.accepted('RecordHealthCheck', answer, res.request, res);
    return answer;
  }
}
declareParamTypes(RecordHealthCheckHttpController, 'send', [RecordHealthCheckRequestDto, String, String, Object, Object]);

/** The endpoint in the command table, in place of the one defineCommandEndpoint would make. */
export const RECORD_HEALTH_CHECK_ENDPOINT: CommandEndpointDefinition = {
  commandType: 'RecordHealthCheck',
  path: 'record-health-check',
  operationId: 'recordHealthCheck',
  dto: RecordHealthCheckRequestDto,
  controller: RecordHealthCheckHttpController,
  handler: RecordHealthCheckHandler,
};
