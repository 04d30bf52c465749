import { Body, applyDecorators, Controller, Headers, Post, Query, Res, type Type } from '@nestjs/common';
import { CommandBus, CommandHandler as OnCommand, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Command, CommandHandler, StreamRef } from '@auxledger/domain';
import { type CommandScope, OrganScope } from '../../auth/organ-scope';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { AppError } from '../../errors/app-error';
import { type CommandRequest, type CommandResponse, CommandOutcomes } from '../../logging/command-outcomes';
import { CommandEndpoint, IdempotencyKeyHeader } from './command-endpoint';
import { commandRequestOf } from './command-metadata';
import { declareParamTypes, named } from './endpoint-classes';
import type { CommandRequestDto } from './command-request.dto';
import { CommandRunner } from './command-runner';
import { type CommandAccepted, type CommandDryRun, LedgerCommand } from './ledger-command';

/** A request DTO class: validated by class-validator, and the one place that maps a body to the domain command's data. */
export interface RequestDto<D extends CommandRequestDto, Data> {
  new (): D;
  toData(body: D): Data;
}

export interface CommandEndpointSpec<C extends Command, Refs extends Record<string, StreamRef>, D extends CommandRequestDto> {
  /** The domain's command handler: its `commandType` names the endpoint (`RecordExamResults` → `record-exam-results`). */
  handler: CommandHandler<C, Refs>;
  dto: RequestDto<D, C['data']>;
  /**
   * What the command concerns, for the organ check (`OrganScope`): its own
   * organ or record first (the actor acts for the grant covering it), then
   * every other organ it acts for or writes to — each must be in scope.
   */
  scope: (data: C['data']) => CommandScope | readonly CommandScope[];
  /**
   * What the command path needs that the body does not say and the organ
   * streams do (e.g. the chain of organs above the record, for Art. 34 ¶1),
   * filled in after the organ check; the domain still checks it.
   */
  complete?: (data: C['data'], organs: OrganScope) => Promise<C['data']>;
  /** Chinese, then English: `聘用 Hire an auxiliary`. */
  summary: string;
  /** The articles applied, and what is written. */
  description: string;
}

/** One command endpoint as Nest wires it: the HTTP controller, the CQRS handler, and what the docs and tests read. */
export interface CommandEndpointDefinition {
  commandType: string;
  /** `POST /api/commands/<path>`. */
  path: string;
  operationId: string;
  dto: Type<CommandRequestDto>;
  controller: Type;
  handler: Type<ICommandHandler>;
}

/** The part of Fastify's reply a command endpoint uses: its status, and its request for the outcome (CommandOutcomes). */
export interface AnsweringResponse extends CommandResponse {
  request: CommandRequest;
  status(code: number): unknown;
}

/** `?dryRun=true`: judge the command, record nothing (200 with `dryRun: true`, or the same refusal). */
export const DryRunQuery = () =>
  applyDecorators(
    ApiQuery({
      name: 'dryRun',
      required: false,
      enum: ['true', 'false'],
      description:
        'Dry run: the same roles, validation and rules; accepted → 200 with `dryRun: true` and the events it would write (unstored, no global position); refused → the same 409/422 problem body. Nothing is recorded: no events, no claim of the command id, no refusal record.',
    }),
    ApiResponse({ status: 200, description: 'Dry run accepted (`?dryRun=true`): the events it would write, nothing recorded' }),
  );

export function dryRunOf(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new AppError('INVALID_INPUT', 'INVALID_DRY_RUN', { zh: 'dryRun 参数须为 true 或 false', en: 'The dryRun parameter must be true or false' });
}

const kebab = (type: string) => type.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase());
const camel = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);

/**
 * One command use case from one declaration: `POST /api/commands/<kebab type>`
 * validates the body with the DTO and sends the command request (id, effective
 * date, data) on the command bus; its handler resolves the organ scope, builds
 * the command and runs the domain handler through `CommandRunner`. Each call
 * makes its own bus command, handler and controller classes, named after the
 * command (`HireCommand`, `HireHandler`, `HireHttpController`), so that CQRS
 * dispatch and OpenAPI operation ids stay distinct — the generated names are
 * listed in apps/api/README.md. Queries are declared the same way
 * (`defineQueryEndpoint`, src/queries/shared/define-query-endpoint.ts).
 */
export function defineCommandEndpoint<C extends Command, Refs extends Record<string, StreamRef>, D extends CommandRequestDto>(
  spec: CommandEndpointSpec<C, Refs, D>,
): CommandEndpointDefinition {
  const type = spec.handler.commandType;
  const path = kebab(type);
  const operationId = camel(type);

  class BusCommand extends LedgerCommand<C> {}

  @OnCommand(BusCommand)
  class Handler implements ICommandHandler<BusCommand, CommandAccepted | CommandDryRun> {
    constructor(
      private readonly runner: CommandRunner,
      private readonly organs: OrganScope,
    ) {}

    execute(sent: BusCommand): Promise<CommandAccepted | CommandDryRun> {
      const complete = spec.complete;
      return this.runner.runOrJudge(spec.handler, sent, spec.scope(sent.request.data), complete && ((data) => complete(data, this.organs)));
    }
  }

  @CommandEndpoint()
  @Controller('api/commands')
  class HttpController {
    constructor(
      private readonly commandBus: CommandBus,
      private readonly outcomes: CommandOutcomes,
    ) {}

    @Post(path)
    @ApiOperation({ operationId, summary: spec.summary, description: spec.description })
    @IdempotencyKeyHeader()
    @DryRunQuery()
    async send(
      @Body() body: D,
      @Headers('idempotency-key') idempotencyKey: string | undefined,
      @Query('dryRun') dryRunParam: unknown,
      @CurrentPrincipal() principal: Principal,
      @Res({ passthrough: true }) res: AnsweringResponse,
    ): Promise<CommandAccepted | CommandDryRun> {
      const dryRun = dryRunOf(dryRunParam);
      const answer = await this.commandBus.execute(new BusCommand(commandRequestOf<C>(type, spec.dto.toData(body), body, idempotencyKey), principal, dryRun));
      if (dryRun) res.status(200);
      this.outcomes.accepted(type, answer, res.request, res);
      return answer;
    }
  }
  // The emitted parameter types see only the type parameter D; the ValidationPipe and OpenAPI must see this command's DTO.
  declareParamTypes(HttpController, 'send', [spec.dto, String, String, Object, Object]);

  named(BusCommand, `${type}Command`);
  return {
    commandType: type,
    path,
    operationId,
    dto: spec.dto,
    controller: named(HttpController, `${type}HttpController`),
    handler: named(Handler, `${type}Handler`),
  };
}
