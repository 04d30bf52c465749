import { Inject, Injectable } from '@nestjs/common';
import { type Clock, FoldedStreamCache, executeCommand, prepareCommand } from '@auxledger/application';
import type { Command, CommandHandler, StreamRef } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import type { RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import { type CommandScope, OrganScope } from '../../auth/organ-scope';
import { CLOCK, EVENT_STORE, RULE_SETS } from '../../infrastructure/tokens';
import type { CommandAccepted, CommandDryRun, LedgerCommand } from './ledger-command';
import { refusalError } from './refusal-error';

/**
 * What every command handler does: check the organ scope, build the command
 * once (`prepareCommand`: id, actor with the organ it acts for, effective
 * date), run the command path (read → fold → decide → append; a command id
 * sent again answers its first outcome only to the same command — and this
 * sender passed the same organ check for it) and answer its outcome; a
 * refusal becomes an error.
 */
@Injectable()
export class CommandRunner {
  /** Folded states of recently used streams: a command reads only what was appended since. */
  private readonly cache = new FoldedStreamCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<RulesInForce>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly organScope: OrganScope,
  ) {}

  async run<C extends Command, Refs extends Record<string, StreamRef>>(
    handler: CommandHandler<C, Refs>,
    sent: LedgerCommand<C>,
    scope: CommandScope | readonly CommandScope[],
    complete?: (data: C['data']) => Promise<C['data']>,
  ): Promise<CommandAccepted> {
    return (await this.send(handler, sent, scope, complete, false)) as CommandAccepted;
  }

  /** `run` or, when the request asks for it, a dry run (`?dryRun=true`): the same checks, nothing recorded. */
  async runOrJudge<C extends Command, Refs extends Record<string, StreamRef>>(
    handler: CommandHandler<C, Refs>,
    sent: LedgerCommand<C>,
    scope: CommandScope | readonly CommandScope[],
    complete?: (data: C['data']) => Promise<C['data']>,
  ): Promise<CommandAccepted | CommandDryRun> {
    return this.send(handler, sent, scope, complete, sent.dryRun);
  }

  private async send<C extends Command, Refs extends Record<string, StreamRef>>(
    handler: CommandHandler<C, Refs>,
    { request, principal }: LedgerCommand<C>,
    scope: CommandScope | readonly CommandScope[],
    complete: ((data: C['data']) => Promise<C['data']>) | undefined,
    dryRun: boolean,
  ): Promise<CommandAccepted | CommandDryRun> {
    const actingFor = await this.organScope.authorize(principal, scope);
    const actor = { id: principal.keyId, role: principal.role, organId: actingFor };
    const data = complete ? await complete(request.data) : request.data;
    const { command, effectiveDateDefaulted } = prepareCommand<C>({ ...request, data, actor }, this.clock);
    const deps = { store: this.store, registry: this.registry, clock: this.clock, cache: this.cache };
    if (dryRun) {
      // The same judgement, nothing appended: a refusal is the same error, an acceptance the events it would write.
      const dry = await executeCommand(deps, handler, command, { effectiveDateDefaulted, dryRun: true });
      if (dry.status === 'refused') throw refusalError(dry.commandId, command.type, dry.refusal, true);
      const j = dry.judgement;
      return {
        commandId: dry.commandId,
        status: 'accepted',
        dryRun: true,
        replayed: dry.replayed,
        events: dry.events,
        judgement: j ? { ruleSet: j.ruleSet, usedDefaults: j.usedDefaults, parameters: j.parameters } : null,
      };
    }
    const outcome = await executeCommand(deps, handler, command, { effectiveDateDefaulted });
    if (outcome.status === 'refused') throw refusalError(outcome.commandId, command.type, outcome.refusal);
    const j = outcome.judgement;
    return {
      commandId: outcome.commandId,
      status: 'accepted',
      replayed: outcome.replayed,
      events: outcome.events,
      judgement: j ? { ruleSet: j.ruleSet, usedDefaults: j.usedDefaults, parameters: j.parameters } : null,
    };
  }
}
