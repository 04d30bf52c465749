import { Command } from '@nestjs/cqrs';
import type { Command as DomainCommand } from '@auxledger/domain';
import type { RecordedEvent } from '@auxledger/event-store';
import type { ResolvedParameter, RuleSetSummary } from '@auxledger/statute';
import type { Principal } from '../../auth/principal';

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

/** A domain command on the command bus, with the principal who sent it. */
export abstract class LedgerCommand<C extends DomainCommand> extends Command<CommandAccepted> {
  constructor(
    readonly command: C,
    readonly principal: Principal,
    /** The body's `effectiveDate`; null when it was left to the default (the command carries the date resolved). */
    readonly sentEffectiveDate: string | null = null,
    /** The client chose the command id (Idempotency-Key or body `commandId`); false: a new UUID, which no other command can hold. */
    readonly clientChoseId = true,
  ) {
    super();
  }
}
