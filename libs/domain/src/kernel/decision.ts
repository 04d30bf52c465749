import type { Bilingual, Judgement, RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import type { CommandMetadata, DomainEvent } from './messages';

/**
 * Why a command was refused:
 * - STATUTE: the regulation in force on the effective date refuses it; the
 *   judgement lists every failed rule with its citation (an API answers 422);
 * - STATE: the command does not fit the record as it stands (terminating
 *   someone never hired, hiring twice with one application…): a stable code
 *   and a message in both languages (an API answers 409).
 */
export type Refusal =
  | { kind: 'STATUTE'; judgement: Judgement }
  | { kind: 'STATE'; code: string; message: Bilingual; details?: Record<string, unknown> };

/** Events to append, per stream role of the command handler. */
export type EventsByRole<Roles extends string> = Partial<Record<Roles, DomainEvent[]>>;

export type Decision<Roles extends string = string> =
  | { accepted: true; events: EventsByRole<Roles>; judgement: Judgement | null }
  | { accepted: false; refusal: Refusal };

/** What a decision may consult besides the states: the command's metadata and the rule sets. */
export interface DecisionContext {
  metadata: CommandMetadata;
  /** The rule sets by effective date (statute's REGISTRY, or one with local parameters). */
  registry: RuleSetRegistry<RulesInForce>;
}

export const accept = <Roles extends string>(events: EventsByRole<Roles>, judgement: Judgement | null = null): Decision<Roles> => ({
  accepted: true,
  events,
  judgement,
});

/** Refused by the statute: the judgement names every failed rule with its citation (kind STATUTE). */
export const refuseCitingRules = (judgement: Judgement): Decision<never> => ({ accepted: false, refusal: { kind: 'STATUTE', judgement } });

/** Refused because the command does not fit the record: a stable code and a bilingual message (kind STATE). */
export const refuseWithStateCode = (code: string, message: Bilingual, details?: Record<string, unknown>): Decision<never> => ({
  accepted: false,
  refusal: { kind: 'STATE', code, message, ...(details ? { details } : {}) },
});
