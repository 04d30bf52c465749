import { isIsoDate } from './dates';
import { PARAMETERS_2024 } from './parameters-2024';
import { type ParameterKey, type ParameterTable, type ParameterValue, withParameterValues } from './parameters';
import type { RulesInForce } from './registry';
import { RULE_SET_2024 } from './rule-sets/2024';
import { type RuleSetRegistry, createRegistry } from './rule-set';

/**
 * Local measures (薪酬待遇制度, 层级管理办法 …) as JSON, added to the 2024 rule
 * set's parameter table — never replacing its defaults, so every answer still
 * says which value it used and where it comes from:
 *
 *   { "parameters": { "pay.standards": [ { "from": "2024-09-01", "value": [...], "source": "呼政办发〔2024〕…号" } ] } }
 *
 * Each value is `{ from, until?, value, source }`; `isDefault` is false for
 * every configured value. Invalid JSON throws with the reason, naming `origin`.
 */
export function registryWithLocalMeasures(json: unknown, origin: string): RuleSetRegistry<RulesInForce> {
  return createRegistry([{ ...RULE_SET_2024, parameters: parameterTable(json, origin) }]);
}

export function parameterTable(json: unknown, origin: string): ParameterTable {
  const fail = (why: string): never => {
    throw new Error(`${origin}: ${why}`);
  };
  if (!isObject(json) || !isObject(json['parameters'])) return fail('expected { "parameters": { "<key>": [ { from, value, source } ] } }');
  let table = PARAMETERS_2024;
  for (const [key, values] of Object.entries(json['parameters'])) {
    if (!(key in PARAMETERS_2024)) return fail(`unknown parameter ${key}; known: ${Object.keys(PARAMETERS_2024).join(', ')}`);
    if (!Array.isArray(values) || values.length === 0) return fail(`${key}: expected a non-empty array of values`);
    const checked = values.map((v: unknown, i): ParameterValue<unknown> => {
      const at = `${key}[${i}]`;
      if (!isObject(v)) return fail(`${at}: expected an object`);
      if (!isIsoDate(v['from'])) return fail(`${at}.from: expected a YYYY-MM-DD date`);
      if (v['until'] !== undefined && (!isIsoDate(v['until']) || v['until'] <= v['from'])) return fail(`${at}.until: expected a YYYY-MM-DD date after from`);
      if (typeof v['source'] !== 'string' || !v['source'].trim()) return fail(`${at}.source: name the measure the value comes from`);
      const problem = shapeProblem(key as ParameterKey, v['value']);
      if (problem) return fail(`${at}.value: ${problem}`);
      return { from: v['from'], ...(v['until'] !== undefined ? { until: v['until'] as string } : {}), value: v['value'], source: v['source'], isDefault: false };
    });
    table = withParameterValues(table, key as ParameterKey, checked as never);
  }
  return table;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** What is wrong with a value for this key, or null. */
function shapeProblem(key: ParameterKey, value: unknown): string | null {
  const listOf = (ok: (e: unknown) => boolean, what: string) => (Array.isArray(value) && value.every(ok) ? null : `expected an array of ${what}`);
  switch (key) {
    case 'levels':
      return listOf((e) => isObject(e) && isText(e['code']) && isText(e['zh']), '{ code, zh }');
    case 'pay.standards':
      return listOf((e) => isObject(e) && isText(e['locality']) && isText(e['level']) && isCount(e['monthlyBaseFen']), '{ locality, level, monthlyBaseFen (integer fen) }');
    case 'assessment.grades':
    case 'promotion.qualifyingGrades':
    case 'insurance.highRiskDuties':
      return listOf(isText, 'strings');
    case 'discipline.sanctions':
      return listOf((e) => isObject(e) && isText(e['code']) && isText(e['zh']) && isText(e['en']) && isCount(e['blocksPromotionMonths']), '{ code, zh, en, blocksPromotionMonths }');
    case 'duty.minOfficers':
      return isObject(value) && isCount(value['default']) && isObject(value['byDuty']) && Object.values(value['byDuty']).every(isCount)
        ? null
        : 'expected { default: integer, byDuty: { <duty code>: integer } }';
    case 'promotion.minMonthsInLevel':
    case 'insurance.enrolmentDeadlineDays':
    case 'housingFund.enrolmentDeadlineDays':
    case 'healthCheck.intervalMonths':
    case 'complaint.handlingDays':
    case 'personalData.retentionYearsAfterDeparture':
    case 'record.effectiveDateHorizonDays':
      return isCount(value) ? null : 'expected a non-negative integer';
    default: {
      const _exhaustive: never = key;
      return `unknown parameter ${String(_exhaustive)}`;
    }
  }
}
