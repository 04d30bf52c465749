import { RULE_SET_2024, type Rules2024 } from './rule-sets/2024';
import { createRegistry, type RuleSetRegistry } from './rule-set';

/**
 * The rules the rule sets in force implement, by id: the one name the domain
 * and the layers above use, never a revision's. Today they are the 2024
 * revision's; a revision that changes the catalog changes this line (to the
 * rules the revisions share, or their union), and nothing that reads it.
 */
export type RulesInForce = Rules2024;
export type RuleIdInForce = keyof RulesInForce;

/** The rule sets this build knows, by effective interval. A revision is one more entry here. */
export const REGISTRY: RuleSetRegistry<RulesInForce> = createRegistry([RULE_SET_2024]);
