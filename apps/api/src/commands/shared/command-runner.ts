import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Clock, FoldedStreamCache, executeCommand } from '@auxledger/application';
import type { Command, CommandHandler, StreamRef } from '@auxledger/domain';
import { type EventStore, canonicalJson } from '@auxledger/event-store';
import type { RuleSetRegistry, Rules2024 } from '@auxledger/statute';
import { type CommandScope, OrganScope } from '../../auth/organ-scope';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../errors/app-error';
import type { ApiTables } from '../../infrastructure/api-tables';
import { API_TABLES, CLOCK, EVENT_STORE, RULE_SETS } from '../../infrastructure/tokens';
import type { CommandAccepted, LedgerCommand } from './ledger-command';
import { refusalError } from './refusal-error';

/**
 * What every command handler does: check the organ scope, hold the command id
 * to the first content sent with it, run the command path (read → fold →
 * decide → append) and answer its outcome; a refusal becomes an error.
 */
@Injectable()
export class CommandRunner {
  /** Folded states of recently used streams: a command reads only what was appended since. */
  private readonly cache = new FoldedStreamCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<Rules2024>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_TABLES) private readonly tables: ApiTables,
    private readonly organScope: OrganScope,
  ) {}

  async run<C extends Command, Refs extends Record<string, StreamRef>>(
    handler: CommandHandler<C, Refs>,
    { command, principal, sentEffectiveDate, clientChoseId }: LedgerCommand<C>,
    scope: CommandScope | readonly CommandScope[],
  ): Promise<CommandAccepted> {
    const actingFor = await this.organScope.authorize(principal, scope);
    const acting: C = { ...command, metadata: { ...command.metadata, actor: { ...command.metadata.actor, organId: actingFor } } };
    // A UUID the API drew itself cannot have been sent before: only a client's id needs holding.
    const sent = clientChoseId ? await this.holdCommandId(acting, sentEffectiveDate, principal) : acting;

    const outcome = await executeCommand({ store: this.store, registry: this.registry, clock: this.clock, cache: this.cache }, handler, sent);
    if (outcome.status === 'refused') throw refusalError(outcome.commandId, sent.type, outcome.refusal);
    const j = outcome.judgement;
    return {
      commandId: outcome.commandId,
      status: 'accepted',
      replayed: outcome.replayed,
      events: outcome.events,
      judgement: j ? { ruleSet: j.ruleSet, usedDefaults: j.usedDefaults, parameters: j.parameters } : null,
    };
  }

  /**
   * The command path recognises a repeated command by the streams it names;
   * a reused id with other content (other streams) would not be seen there,
   * so the API keeps the first content digest of every id it was sent — over
   * the effective date AS SENT, so that a repeat that leaves it to the
   * default is the same command after midnight too — and the date the first
   * sending was decided on: such a repeat is decided on that date again (it
   * answers the first outcome, not a new decision on today's date).
   */
  private async holdCommandId<C extends Command>(command: C, sentEffectiveDate: string | null, principal: Principal): Promise<C> {
    const { commandId, effectiveDate } = command.metadata;
    const digest = digestOf(command, sentEffectiveDate);
    const first = await this.tables.claimCommandId({ commandId, commandType: command.type, digest, effectiveDate, keyId: principal.keyId }, this.clock.now().toISOString());
    // Rows claimed before the date was kept hashed the resolved date: compare with that.
    const same = first.digest === digest || (first.effectiveDate === null && first.digest === digestOf(command, effectiveDate));
    if (!same) {
      // The id space is global: another caller learns only that the id is taken, not what it was used for.
      const sameKey = first.keyId !== null && first.keyId === principal.keyId;
      throw new AppError(
        'CONFLICT',
        'COMMAND_ID_REUSED',
        { zh: `指令编号 ${commandId} 已用于另一条不同的指令`, en: `Command id ${commandId} was already used for a different command` },
        { commandId, ...(sameKey ? { firstCommandType: first.commandType } : {}) },
      );
    }
    if (sentEffectiveDate !== null || first.effectiveDate === null || first.effectiveDate === effectiveDate) return command;
    return { ...command, metadata: { ...command.metadata, effectiveDate: first.effectiveDate } };
  }
}

function digestOf(command: Command, effectiveDate: string | null): string {
  return createHash('sha256').update(canonicalJson({ type: command.type, data: command.data, effectiveDate } as never)).digest('hex');
}
