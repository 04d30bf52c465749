import { Body, Controller, Headers, Inject, Post, Query, Res } from '@nestjs/common';
import { CommandBus, CommandHandler as OnCommand, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { type RecordInjury, recordInjury } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import { MEDICAL_PURPOSE } from '@auxledger/identity';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { RecordInjuryRequestDto } from '../commands/auxiliary/record-injury.request.dto';
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

/** The command as the request gives it: the medical details still in clear, sealed only after the organ check. */
type RecordInjuryRequest = Omit<RecordInjury['data'], 'medicalDetails'> & { medicalDetails: string | null };

class RecordInjuryCommand extends LedgerCommand<RecordInjury> {
  constructor(
    request: LedgerCommand<RecordInjury>['request'],
    principal: Principal,
    dryRun: boolean,
    /** Held in memory only, for the handler to seal: never in the command, its digest, a refusal or a log line. */
    readonly medicalDetails: string | null,
  ) {
    super(request, principal, dryRun);
  }
}

@OnCommand(RecordInjuryCommand)
class RecordInjuryHandler implements ICommandHandler<RecordInjuryCommand, CommandAccepted | CommandDryRun> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly identity: IdentityService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(sent: RecordInjuryCommand): Promise<CommandAccepted | CommandDryRun> {
    // After the organ check (nothing is sealed for a caller out of scope): the details sealed under the person's data key.
    return this.runner.runOrJudge(recordInjury, sent, { auxiliaryId: sent.request.data.auxiliaryId }, async (data) => {
      const clear = sent.medicalDetails?.trim() ? sent.medicalDetails : null;
      if (clear === null) return { ...data, medicalDetails: null };
      const personKey = await servingPersonKey(this.store, data.auxiliaryId);
      // Not hired: the domain refuses the command; nothing is sealed.
      if (personKey === null) return { ...data, medicalDetails: null };
      const sealed = await this.identity.vault.sealPersonalData(personKey, MEDICAL_PURPOSE, clear, this.clock.now(), { dryRun: sent.dryRun });
      return { ...data, medicalDetails: sealed };
    });
  }
}

/**
 * 因公伤亡 (Art. 32) as every command endpoint, except that the medical
 * details (PIPL Art. 28 health data) are sealed under the person's data key
 * after the organ check and before the command is built — the seam
 * register-applicant uses for the identity (ADR 0006). The log, the
 * command's digest and any refusal hold only the ciphertext; shredding the
 * person's key makes the details unreadable. They are read in clear only on
 * an explicit, recorded disclosure (`POST /api/identities/:personKey/disclosures`,
 * field `medicalDetails`).
 */
@CommandEndpoint()
@Controller('api/commands')
class RecordInjuryHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly outcomes: CommandOutcomes,
  ) {}

  @Post('record-injury')
  @ApiOperation({
    operationId: 'recordInjury',
    summary: '因公伤亡 Record an injury, disability or death',
    description:
      'Art. 32 (INJURY): with its legal basis. Medical details (PIPL Art. 28 health data) are sealed under the person’s data key before the command is built, ' +
      'kept in their own event (InjuryMedicalDetailsRecorded, schema version 2, ciphertext only) and read in clear only on a recorded disclosure (ADR 0006).',
  })
  @IdempotencyKeyHeader()
  @DryRunQuery()
  async send(
    @Body() body: RecordInjuryRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Query('dryRun') dryRunParam: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: AnsweringResponse,
  ): Promise<CommandAccepted | CommandDryRun> {
    const dryRun = dryRunOf(dryRunParam);
    const { medicalDetails, ...rest }: RecordInjuryRequest = RecordInjuryRequestDto.toData(body);
    const data: RecordInjury['data'] = { ...rest, medicalDetails: null };
    const answer = await this.commandBus.execute<RecordInjuryCommand, CommandAccepted | CommandDryRun>(
      new RecordInjuryCommand(commandRequestOf<RecordInjury>('RecordInjury', data, body, idempotencyKey), principal, dryRun, medicalDetails),
    );
    if (dryRun) res.status(200);
    this.outcomes.accepted('RecordInjury', answer, res.request, res);
    return answer;
  }
}
declareParamTypes(RecordInjuryHttpController, 'send', [RecordInjuryRequestDto, String, String, Object, Object]);

/** The endpoint in the command table, in place of the one defineCommandEndpoint would make. */
export const RECORD_INJURY_ENDPOINT: CommandEndpointDefinition = {
  commandType: 'RecordInjury',
  path: 'record-injury',
  operationId: 'recordInjury',
  dto: RecordInjuryRequestDto,
  controller: RecordInjuryHttpController,
  handler: RecordInjuryHandler,
};
