import { Body, Controller, Headers, Inject, Post, Query, Res } from '@nestjs/common';
import { CommandBus, CommandHandler as OnCommand, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import { type RegisterApplicant, registerApplicant } from '@auxledger/domain';
import { OrganScope } from '../auth/organ-scope';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { CommandEndpoint, IdempotencyKeyHeader } from '../commands/shared/command-endpoint';
import { commandRequestOf } from '../commands/shared/command-metadata';
import { CommandRunner } from '../commands/shared/command-runner';
import { declareParamTypes } from '../commands/shared/endpoint-classes';
import { type AnsweringResponse, type CommandEndpointDefinition, DryRunQuery, dryRunOf } from '../commands/shared/define-command-endpoint';
import { CommandOutcomes } from '../logging/command-outcomes';
import { type CommandAccepted, type CommandDryRun, LedgerCommand } from '../commands/shared/ledger-command';
import { CLOCK } from '../infrastructure/tokens';
import { todayInShanghai } from '../time/today-in-shanghai';
import { IdentityService, identityError } from './identity.service';
import { RegisterApplicantRequestDto } from './register-applicant.request.dto';

class RegisterApplicantCommand extends LedgerCommand<RegisterApplicant> {}

@OnCommand(RegisterApplicantCommand)
class RegisterApplicantHandler implements ICommandHandler<RegisterApplicantCommand, CommandAccepted | CommandDryRun> {
  constructor(private readonly runner: CommandRunner) {}

  execute(sent: RegisterApplicantCommand): Promise<CommandAccepted | CommandDryRun> {
    return this.runner.runOrJudge(registerApplicant, sent, { planId: sent.request.data.planId });
  }
}

export class RegisterApplicantAcceptedDto {
  @ApiProperty({ example: 'pkh-3f9a0c…', description: 'The person key the server made (HMAC-SHA-256 of the ID number under the deployment secret): later commands name the person by it' })
  personKey!: string;
}

/**
 * 报名 with the applicant's identity: the one endpoint that takes a 公民身份号码.
 * The organ check first (nothing is made for a caller out of scope), then the
 * number validated against the declared birth date and gender (400
 * NATIONAL_ID_INVALID, nothing written), the person key made, the identity
 * sealed under the person's data key; then RegisterApplicant through the
 * command path, the identity record in the same atomic append. Answers the
 * command's outcome and the person key.
 */
@CommandEndpoint()
@Controller('api/commands')
class RegisterApplicantHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly outcomes: CommandOutcomes,
    private readonly organScope: OrganScope,
    private readonly identity: IdentityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('register-applicant')
  @ApiOperation({
    operationId: 'registerApplicant',
    summary: '报名及身份登记 Register an applicant with their identity',
    description:
      'Art. 20 (2), Art. 21 (1)–(3), Art. 22 ¶2, RECR-ORDER — as register-application — and the identity record (姓名, gender, 公民身份号码, contact, documents), ' +
      'sealed under the person’s data key (ADR 0006). The person key is made by the server and answered (`personKey`); the same person through any organ gets the same key. ' +
      '400 NATIONAL_ID_INVALID (check character, date of birth, declared birth date or gender, division), nothing written.',
  })
  @IdempotencyKeyHeader()
  @DryRunQuery()
  async send(
    @Body() body: RegisterApplicantRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Query('dryRun') dryRunParam: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: AnsweringResponse,
  ): Promise<(CommandAccepted | CommandDryRun) & { personKey: string }> {
    const dryRun = dryRunOf(dryRunParam);
    await this.organScope.authorize(principal, { planId: body.planId });
    const { applicant, identity } = body;
    const sealedIdentity = await this.identity.vault
      .sealIdentity(
        {
          name: identity.name,
          gender: identity.gender,
          idNumber: identity.idNumber,
          birthDate: applicant.birthDate,
          nationality: applicant.nationality,
          contact: { phone: identity.contact.phone ?? null, address: identity.contact.address ?? null },
          documents: (identity.documents ?? []).map((d) => ({ kind: d.kind, ref: d.ref })),
        },
        body.effectiveDate ?? todayInShanghai(this.clock),
        this.clock.now(),
        { dryRun },
      )
      .catch((error: unknown) => {
        throw identityError(error);
      });
    const data: RegisterApplicant['data'] = { ...RegisterApplicantRequestDto.toData(body), personKey: sealedIdentity.personKey, identity: sealedIdentity.sealed };
    const accepted = await this.commandBus.execute<RegisterApplicantCommand, CommandAccepted | CommandDryRun>(
      new RegisterApplicantCommand(commandRequestOf<RegisterApplicant>('RegisterApplicant', data, body, idempotencyKey), principal, dryRun),
    );
    if (dryRun) res.status(200);
    const answer = { ...accepted, personKey: sealedIdentity.personKey };
    this.outcomes.accepted('RegisterApplicant', answer, res.request, res);
    return answer;
  }
}
// The ValidationPipe and OpenAPI must see the DTO (as defineCommandEndpoint does).
declareParamTypes(RegisterApplicantHttpController, 'send', [RegisterApplicantRequestDto, String, String, Object, Object]);

/** The endpoint in the command table, beside those defineCommandEndpoint makes. */
export const REGISTER_APPLICANT_ENDPOINT: CommandEndpointDefinition = {
  commandType: 'RegisterApplicant',
  path: 'register-applicant',
  operationId: 'registerApplicant',
  dto: RegisterApplicantRequestDto,
  controller: RegisterApplicantHttpController,
  handler: RegisterApplicantHandler,
};
