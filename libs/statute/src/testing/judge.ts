import { REGISTRY } from '../registry';
import type { FactsOfAll } from '../rule';
import { judgeInForce } from '../rule-set';
import type { RuleId2024, Rules2024 } from '../rule-sets/2024';
import type { Violation } from '../violation';

/** Spec helper: judge under the registry and return the violations. */
export function violationsOf<const Id extends RuleId2024>(ids: readonly Id[], facts: FactsOfAll<Rules2024[Id]>): readonly Violation[] {
  return judgeInForce(REGISTRY, ids, facts).violations;
}

/** Spec helper: the rule ids that failed, in order. */
export function failedRules<const Id extends RuleId2024>(ids: readonly Id[], facts: FactsOfAll<Rules2024[Id]>): string[] {
  return violationsOf(ids, facts).map((v) => v.ruleId);
}
