import { RULE_SET_2024, type Rules2024 } from './rule-sets/2024';
import { createRegistry, type RuleSetRegistry } from './rule-set';

/** The rule sets this build knows, by effective interval. A revision is one more entry here. */
export const REGISTRY: RuleSetRegistry<Rules2024> = createRegistry([RULE_SET_2024]);
