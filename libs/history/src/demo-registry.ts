import {
  RULE_SET_2024,
  type IsoDate,
  type PayStandard,
  type RuleSetRegistry,
  type RulesInForce,
  parameterOn,
  registryWithLocalMeasures,
  ruleSetInForce,
} from '@auxledger/statute';
import { CITY_IDS } from './organs-file';

/**
 * The 2024 rule set with illustrative pay standards (Art. 27 ¶2 薪酬待遇制度),
 * which the statute's defaults leave empty — without them PAY-LEVEL cannot
 * decide a Hire, Promote or Demote. Each 盟市 is a locality; levels L1–L6 of
 * the default level table; a 3 % rise from 2026-01-01, so that the standard in
 * force depends on the effective date. These are DEMO values, not any
 * government's standard.
 */
export const DEMO_PAY_SOURCE =
  'demo: illustrative pay standards for AuxLedger demonstrations and tests — not the 薪酬标准 of any 盟市 or 旗县 government (Art. 27 ¶2)';

const LEVELS = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'] as const;
/** Monthly base pay of L1 in fen, by locality tier; each level adds 300 yuan. */
const TIER_L1_FEN: Readonly<Record<string, number>> = {
  hohhot: 420_000, baotou: 420_000, ordos: 430_000,
  wuhai: 395_000, chifeng: 385_000, tongliao: 385_000, hulunbuir: 390_000, alxa: 400_000,
};
const DEFAULT_L1_FEN = 375_000;
const LEVEL_STEP_FEN = 30_000;
export const DEMO_PAY_RISE_FROM: IsoDate = '2026-01-01';

export function demoPayStandards(localities: readonly string[] = Object.values(CITY_IDS), rise = 1): PayStandard[] {
  return localities.flatMap((locality) =>
    LEVELS.map((level, i) => ({
      locality,
      level,
      // Whole yuan: a standard is published in yuan.
      monthlyBaseFen: Math.round(((TIER_L1_FEN[locality] ?? DEFAULT_L1_FEN) + i * LEVEL_STEP_FEN) * rise / 100) * 100,
    })),
  );
}

/**
 * The demo pay standards as a local measures file — what `AUXLEDGER_PARAMETERS`
 * names — so that the API judges new commands on a demo log by the very values
 * its history was generated with (`npm run demo` writes it beside the log).
 */
export function demoLocalMeasures(localities: readonly string[] = Object.values(CITY_IDS)) {
  return {
    parameters: {
      'pay.standards': [
        { from: RULE_SET_2024.from, value: demoPayStandards(localities), source: DEMO_PAY_SOURCE },
        { from: DEMO_PAY_RISE_FROM, value: demoPayStandards(localities, 1.03), source: `${DEMO_PAY_SOURCE}; +3 % from ${DEMO_PAY_RISE_FROM}` },
      ],
    },
  };
}

/** The statute's registry with demo pay standards for the given localities (default: the 12 盟市 ids): `demoLocalMeasures`, read as the API reads a file. */
export function demoRegistry(localities: readonly string[] = Object.values(CITY_IDS)): RuleSetRegistry<RulesInForce> {
  return registryWithLocalMeasures(demoLocalMeasures(localities), 'demo local measures');
}

/** The pay standard in force for a locality and level on a date in a registry, or null. */
export function payStandardOn(registry: RuleSetRegistry<RulesInForce>, locality: string, level: string, on: IsoDate): number | null {
  const ruleSet = ruleSetInForce(registry, on);
  const standards = ruleSet ? parameterOn(ruleSet.parameters, 'pay.standards', on) : null;
  return standards?.value.find((s) => s.locality === locality && s.level === level)?.monthlyBaseFen ?? null;
}

/** Level codes lowest first, as the registry's rule set in force on a date lists them. */
export function levelsOn(registry: RuleSetRegistry<RulesInForce>, on: IsoDate): string[] {
  const ruleSet = ruleSetInForce(registry, on);
  return (ruleSet ? parameterOn(ruleSet.parameters, 'levels', on)?.value ?? [] : []).map((l) => l.code);
}

/**
 * The dates after `after` (and up to `upTo`, inclusive) on which a pay
 * standard of the registry takes effect or lapses, earliest first: when an
 * auxiliary's pay may have to be adjusted (Art. 27 ¶2).
 */
export function payStandardChangesBetween(registry: RuleSetRegistry<RulesInForce>, after: IsoDate, upTo?: IsoDate): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const ruleSet of registry) {
    for (const v of ruleSet.parameters['pay.standards'].values) {
      for (const d of [v.from, v.until]) if (d !== undefined && d > after && (upTo === undefined || d <= upTo)) dates.add(d);
    }
  }
  return [...dates].sort();
}
