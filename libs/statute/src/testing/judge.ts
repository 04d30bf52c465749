import { REGISTRY } from '../registry';
import type { FactsOfAll } from '../rule';
import { judgeInForce } from '../rule-set';
import type { RuleIdInForce, RulesInForce } from '../registry';
import type { Violation } from '../violation';

/** Spec helper: judge under the registry and return the violations. */
export function violationsOf<const Id extends RuleIdInForce>(ids: readonly Id[], facts: FactsOfAll<RulesInForce[Id]>): readonly Violation[] {
  return judgeInForce(REGISTRY, ids, facts).violations;
}

/** Spec helper: the rule ids that failed, in order. */
export function failedRules<const Id extends RuleIdInForce>(ids: readonly Id[], facts: FactsOfAll<RulesInForce[Id]>): string[] {
  return violationsOf(ids, facts).map((v) => v.ruleId);
}
