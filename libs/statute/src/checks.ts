import type { FactsOfAll } from './rule';
import type { RuleIdInForce, RulesInForce } from './registry';

/**
 * The rules each kind of command asks for (per-topic bundles). A decider calls
 * judgeInForce(REGISTRY, HIRE_CHECKS, facts) and gets every violation at once.
 */
export const ORGAN_CHECKS = ['ORG-LEVEL', 'ORG-KIND'] as const satisfies readonly RuleIdInForce[];
export const QUOTA_CHECKS = ['QUOTA-SET'] as const satisfies readonly RuleIdInForce[];
export const PLAN_CHECKS = ['PLAN-ORGAN', 'PLAN-NO-SELF', 'PLAN-APPROVAL', 'QUOTA-PLAN', 'PREF-TARGETED'] as const satisfies readonly RuleIdInForce[];
export const RECRUITMENT_STAGE_CHECKS = ['PLAN-NO-SELF', 'RECR-ORDER'] as const satisfies readonly RuleIdInForce[];
export const ELIGIBILITY_CHECKS = [
  'ELIG-POLITICAL', 'ELIG-AGE', 'ELIG-CITIZEN', 'ELIG-EDU', 'ELIG-EDU-RELAX', 'ELIG-POST',
  'DISQ-1', 'DISQ-2', 'DISQ-3', 'DISQ-4', 'DISQ-5', 'DISQ-6', 'DISQ-7', 'DISQ-8',
] as const satisfies readonly RuleIdInForce[];
export const HIRE_CHECKS = [
  ...ELIGIBILITY_CHECKS,
  'RECR-EXAM', 'RECR-ORDER', 'ELIG-FIT', 'PERSON-UNIQUE', 'QUOTA-HIRE', 'ORG-RESP',
  'CONTRACT-REQUIRED', 'CONTRACT-PROBATION', 'PAY-LEVEL',
] as const satisfies readonly RuleIdInForce[];
export const ASSIGN_DUTY_CHECKS = [
  'DUTY-ACTIVE', 'DUTY-CATEGORY', 'DUTY-FORBIDDEN', 'DUTY-WEAPON', 'DUTY-LED', 'DUTY-VEHICLE', 'DUTY-TRAINED', 'DUTY-RECUSAL', 'INSURANCE-RISK',
] as const satisfies readonly RuleIdInForce[];
/** 续订劳动合同 (Art. 24; 劳动合同法 Art. 19 ¶2): the contract rules of a hire, no second probation. */
export const RENEW_CONTRACT_CHECKS = ['CONTRACT-REQUIRED', 'CONTRACT-PROBATION'] as const satisfies readonly RuleIdInForce[];
/** A change of pay at the same level (new local standard, new locality): Art. 27 ¶2. */
export const ADJUST_PAY_CHECKS = ['PAY-LEVEL'] as const satisfies readonly RuleIdInForce[];
export const PROMOTE_CHECKS = ['LEVEL-PROMOTE', 'PAY-LEVEL'] as const satisfies readonly RuleIdInForce[];
export const DEMOTE_CHECKS = ['LEVEL-DEMOTE', 'PAY-LEVEL'] as const satisfies readonly RuleIdInForce[];
export const SUPERVISION_CHECKS = ['PLAN-FILING', 'INSURANCE', 'HEALTH-CHECK', 'TRAIN-ANNUAL', 'CREDENTIALS', 'COMPLAINT'] as const satisfies readonly RuleIdInForce[];
export const FINE_CHECKS = ['FINE-MAKE-SELL', 'FINE-BUY-HOLD'] as const satisfies readonly RuleIdInForce[];

/** The facts record a bundle (or any list of 2024 rule ids) reads. */
export type FactsFor<Ids extends readonly RuleIdInForce[]> = FactsOfAll<RulesInForce[Ids[number]]>;
