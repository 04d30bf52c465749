import { nmg } from '../citation';
import { PARAMETERS_2024 } from '../parameters-2024';
import type { AnyRule } from '../rule';
import type { RuleSet } from '../rule-set';
import { CONTRACT_PROBATION, CONTRACT_REQUIRED, HEALTH_CHECK, INSURANCE, INSURANCE_RISK, PAY_LEVEL } from '../rules/contract';
import { DUTY_ACTIVE, DUTY_CATEGORY, DUTY_FORBIDDEN, DUTY_LED, DUTY_RECUSAL, DUTY_TRAINED, DUTY_VEHICLE, DUTY_WEAPON } from '../rules/duties';
import {
  DISQ_1, DISQ_2, DISQ_3, DISQ_4, DISQ_5, DISQ_6, DISQ_7, DISQ_8,
  ELIG_AGE, ELIG_CITIZEN, ELIG_EDU, ELIG_EDU_RELAX, ELIG_FIT, ELIG_POLITICAL, ELIG_POST,
} from '../rules/eligibility';
import {
  ASSESS, COMMEND, COMPENSATION, COMPLAINT, CREDENTIALS, DISCIPLINE, INJURY, LEVEL_DEMOTE, LEVEL_PROMOTE, RECUSAL, TERMINATE, TRAIN_ANNUAL,
} from '../rules/management';
import { ORG_KIND, ORG_LEVEL, ORG_RESP, ORG_SUPERVISE, QUOTA_HIRE, QUOTA_PLAN, QUOTA_SET } from '../rules/organs';
import { FINE_BUY_HOLD, FINE_MAKE_SELL } from '../rules/penalties';
import { DECIDING_ORGAN, SERVICE_PERIOD } from '../rules/service';
import { EXISTING_SERVICE } from '../rules/existing-service';
import {
  PERSON_UNIQUE, PLAN_APPROVAL, PLAN_FILING, PLAN_NO_SELF, PLAN_ORGAN, PREF_RANK, PREF_TARGETED, RECR_EXAM, RECR_ORDER,
} from '../rules/recruitment';

/** Turns a list of rules into a table keyed by their (literal) ids. */
function table<const R extends readonly AnyRule[]>(rules: R): { readonly [X in R[number] as X['id']]: X } {
  const out: Record<string, AnyRule> = {};
  for (const r of rules) {
    if (out[r.id]) throw new Error(`duplicate rule id ${r.id}`);
    out[r.id] = r;
  }
  return out as { readonly [X in R[number] as X['id']]: X };
}

export const RULES_2024 = table([
  ORG_LEVEL, ORG_KIND, ORG_RESP, ORG_SUPERVISE,
  QUOTA_SET, QUOTA_HIRE, QUOTA_PLAN,
  PLAN_ORGAN, PLAN_NO_SELF, PLAN_APPROVAL, PLAN_FILING, RECR_EXAM, RECR_ORDER,
  ELIG_POLITICAL, ELIG_AGE, ELIG_CITIZEN, ELIG_EDU, ELIG_EDU_RELAX, ELIG_FIT, ELIG_POST,
  PREF_RANK, PREF_TARGETED,
  DISQ_1, DISQ_2, DISQ_3, DISQ_4, DISQ_5, DISQ_6, DISQ_7, DISQ_8,
  PERSON_UNIQUE,
  CONTRACT_REQUIRED, CONTRACT_PROBATION, PAY_LEVEL, INSURANCE, INSURANCE_RISK, HEALTH_CHECK,
  DUTY_CATEGORY, DUTY_LED, DUTY_FORBIDDEN, DUTY_WEAPON, DUTY_VEHICLE, DUTY_TRAINED, DUTY_RECUSAL, DUTY_ACTIVE,
  TRAIN_ANNUAL, ASSESS, LEVEL_PROMOTE, LEVEL_DEMOTE, DISCIPLINE, CREDENTIALS, COMPLAINT, RECUSAL, TERMINATE, COMPENSATION, COMMEND, INJURY,
  FINE_MAKE_SELL, FINE_BUY_HOLD,
  SERVICE_PERIOD, DECIDING_ORGAN,
  EXISTING_SERVICE,
]);

export type Rules2024 = typeof RULES_2024;
export type RuleId2024 = keyof Rules2024;

// 第四十七条 本条例自2024年9月1日起施行。
export const RULE_SET_2024: RuleSet<Rules2024> = {
  id: '2024',
  title: { zh: '内蒙古自治区公安机关警务辅助人员条例（2024年修订）', en: 'Inner Mongolia Auxiliary Police Regulation (2024 revision)' },
  inForceBy: nmg(47),
  from: '2024-09-01',
  until: null,
  rules: RULES_2024,
  parameters: PARAMETERS_2024,
};
