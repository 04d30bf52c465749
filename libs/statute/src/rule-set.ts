import type { Bilingual } from './bilingual';
import { nmg, type Citation } from './citation';
import type { IsoDate } from './dates';
import { type ParameterKey, type ParameterTable, type ResolvedParameter, parameterOn } from './parameters';
import type { AnyRule, FactsOfAll, RecordedRule } from './rule';
import { type Violation, makeViolation } from './violation';

export type RuleTable = { readonly [id: string]: AnyRule };

/**
 * The rules of one revision of a law, in force on [from, until). Adding a
 * revision is data plus rules: a new RuleSet in the registry.
 */
export interface RuleSet<T extends RuleTable = RuleTable> {
  readonly id: string;
  readonly title: Bilingual;
  /** The clause that puts the revision in force (2024: Art. 47). */
  readonly inForceBy: Citation;
  readonly from: IsoDate;
  /** Exclusive; null: still in force. */
  readonly until: IsoDate | null;
  readonly rules: T;
  readonly parameters: ParameterTable;
}

export interface RuleSetSummary {
  readonly id: string;
  readonly from: IsoDate;
  readonly until: IsoDate | null;
}

/** The answer to "may this happen?": every failed rule, and every parameter read. */
export interface Judgement {
  readonly ok: boolean;
  readonly effectiveDate: IsoDate;
  readonly ruleSet: RuleSetSummary | null;
  /** Rules checked (ids asked for, minus recorded-only ones). */
  readonly checked: readonly string[];
  /** Rules asked for that a machine cannot check: the domain records them. */
  readonly recordedOnly: readonly { readonly ruleId: string; readonly reason: Bilingual }[];
  readonly violations: readonly Violation[];
  /** Parameters read by the rules checked, with source and default flag. */
  readonly parameters: readonly ResolvedParameter[];
  readonly usedDefaults: boolean;
}

export type RuleSetRegistry<T extends RuleTable = RuleTable> = readonly RuleSet<T>[];

export const NO_RULE_SET_IN_FORCE = 'RULESET-NOT-IN-FORCE';
export const UNKNOWN_RULE = 'RULE-NOT-IN-RULE-SET';

export function summarize(ruleSet: RuleSet): RuleSetSummary {
  return { id: ruleSet.id, from: ruleSet.from, until: ruleSet.until };
}

export function isInForce(ruleSet: RuleSet, on: IsoDate): boolean {
  return ruleSet.from <= on && (ruleSet.until === null || on < ruleSet.until);
}

/** A registry of rule sets whose intervals do not overlap (throws if they do). */
export function createRegistry<T extends RuleTable>(ruleSets: readonly RuleSet<T>[]): RuleSetRegistry<T> {
  const sorted = [...ruleSets].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  sorted.forEach((set, i) => {
    const next = sorted[i + 1];
    if (set.until !== null && set.until <= set.from) throw new Error(`rule set ${set.id}: empty interval`);
    if (next && (set.until === null || set.until > next.from)) {
      throw new Error(`rule sets ${set.id} and ${next.id} overlap`);
    }
  });
  return sorted;
}

export function ruleSetInForce<T extends RuleTable>(registry: RuleSetRegistry<T>, on: IsoDate): RuleSet<T> | null {
  return registry.find((set) => isInForce(set, on)) ?? null;
}

function noRuleSetViolation(registry: RuleSetRegistry, on: IsoDate): Violation {
  const intervals = registry.map((s) => `[${s.from}, ${s.until ?? '∞'})`);
  return makeViolation(
    { id: NO_RULE_SET_IN_FORCE, citations: [registry[0]?.inForceBy ?? nmg(47)], parameters: [] },
    {
      kind: 'CANNOT_DETERMINE',
      zh: `效力日期${on}没有生效的规则集，不能依据本条例审查（本条例自2024年9月1日起施行）`,
      en: `No rule set is in force on the effective date ${on}: the command cannot be judged (the regulation is in force from 2024-09-01)`,
      observed: on,
      expected: intervals.length ? intervals.join(' ∪ ') : 'a configured rule set',
    },
  );
}

function emptyJudgement(on: IsoDate, ruleSet: RuleSetSummary | null, violations: readonly Violation[]): Judgement {
  return { ok: violations.length === 0, effectiveDate: on, ruleSet, checked: [], recordedOnly: [], violations, parameters: [], usedDefaults: false };
}

/**
 * Judges facts against the named rules of a rule set: returns every violation
 * of every rule, never only the first. The rule set must be in force on
 * facts.effectiveDate, else the one violation says so.
 */
export function judge<T extends RuleTable, const Id extends keyof T & string>(
  ruleSet: RuleSet<T>,
  ruleIds: readonly Id[],
  facts: FactsOfAll<T[Id]>,
): Judgement {
  const on = facts.effectiveDate;
  if (!isInForce(ruleSet, on)) return emptyJudgement(on, summarize(ruleSet), [noRuleSetViolation([ruleSet], on)]);

  const violations: Violation[] = [];
  const checked: string[] = [];
  const recordedOnly: { ruleId: string; reason: Bilingual }[] = [];
  const used = new Map<ParameterKey, ResolvedParameter>();

  for (const id of [...new Set(ruleIds)]) {
    const rule: AnyRule | undefined = ruleSet.rules[id];
    if (!rule) {
      violations.push(
        makeViolation({ id: UNKNOWN_RULE, citations: [ruleSet.inForceBy], parameters: [] }, {
          kind: 'CANNOT_DETERMINE',
          zh: `规则集${ruleSet.id}中没有规则${id}`,
          en: `Rule set ${ruleSet.id} has no rule ${id}`,
          observed: id,
          expected: Object.keys(ruleSet.rules),
        }),
      );
      continue;
    }
    if (rule.kind === 'RECORDED') {
      recordedOnly.push({ ruleId: rule.id, reason: (rule as RecordedRule<string>).reason });
      continue;
    }
    checked.push(rule.id);
    const params: Record<string, unknown> = {};
    const missing: ParameterKey[] = [];
    for (const key of rule.parameters) {
      const resolved = parameterOn(ruleSet.parameters, key, on);
      if (!resolved) missing.push(key);
      else {
        params[key] = resolved.value;
        used.set(key, resolved);
      }
    }
    const source = { id: rule.id, citations: rule.citations, parameters: rule.parameters, ...(rule.relaxes ? { relaxes: rule.relaxes } : {}) };
    if (missing.length) {
      violations.push(
        makeViolation(source, {
          kind: 'CANNOT_DETERMINE',
          zh: `参数${missing.join('、')}在${on}没有生效的值`,
          en: `Parameter(s) ${missing.join(', ')} have no value in force on ${on}`,
          observed: missing,
          expected: 'a value in force',
        }),
      );
      continue;
    }
    violations.push(
      ...rule.check(facts as never, { on, params: params as never, fail: (failure) => makeViolation(source, failure) }),
    );
  }
  const parameters = [...used.values()];
  return {
    ok: violations.length === 0,
    effectiveDate: on,
    ruleSet: summarize(ruleSet),
    checked,
    recordedOnly,
    violations,
    parameters,
    usedDefaults: parameters.some((p) => p.isDefault),
  };
}

/** Finds the rule set in force on facts.effectiveDate and judges; refuses when none is in force. */
export function judgeInForce<T extends RuleTable, const Id extends keyof T & string>(
  registry: RuleSetRegistry<T>,
  ruleIds: readonly Id[],
  facts: FactsOfAll<T[Id]>,
): Judgement {
  const ruleSet = ruleSetInForce(registry, facts.effectiveDate);
  if (!ruleSet) return emptyJudgement(facts.effectiveDate, null, [noRuleSetViolation(registry, facts.effectiveDate)]);
  return judge(ruleSet, ruleIds, facts);
}
