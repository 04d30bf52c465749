import { Command } from '@nestjs/cqrs';
import type { Command as DomainCommand } from '@auxledger/domain';
import type { PlannedEvent } from '@auxledger/application';
import type { RecordedEvent } from '@auxledger/event-store';
import type { ResolvedParameter, RuleSetSummary } from '@auxledger/statute';
import type { Principal } from '../../auth/principal';
import type { CommandRequest } from './command-metadata';

/** The answer to an accepted command (201): the events it wrote, or wrote the first time it was sent. */
export interface CommandAccepted {
  commandId: string;
  status: 'accepted';
  /** True when this command id was accepted before: these are the events of that first time. */
  replayed: boolean;
  events: RecordedEvent[];
  /** The rule set and the parameters the decision used (null on a replay). */
  judgement: { ruleSet: RuleSetSummary | null; usedDefaults: boolean; parameters: readonly ResolvedParameter[] } | null;
}

/** The answer to a dry run (200): what a real sending would write now, nothing stored (no global positions). */
export interface CommandDryRun extends Omit<CommandAccepted, 'events'> {
  dryRun: true;
  events: PlannedEvent[];
}

/** A command request on the command bus, with the principal who sent it; the command is built once its organ is known. */
export abstract class LedgerCommand<C extends DomainCommand> extends Command<CommandAccepted | CommandDryRun> {
  constructor(
    readonly request: CommandRequest<C>,
    readonly principal: Principal,
    /** Judge only: nothing is recorded (`?dryRun=true`). */
    readonly dryRun = false,
  ) {
    super();
  }
}
