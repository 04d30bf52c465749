import type { Bilingual } from './bilingual';
import type { Citation } from './citation';
import type { IsoDate } from './dates';
import type { DutyCode } from './duties';

/**
 * Numbers the regulation leaves to implementing measures (层级管理办法,
 * 薪酬待遇制度, 用人额度管理办法 …), OpenFisca-style: each value has its own
 * half-open interval [from, until), a source, and says whether it is a default
 * (no local measure configured) or a configured value.
 */

export interface LevelDefinition {
  /** Stable code, e.g. 'L1'. Levels are listed lowest first. */
  readonly code: string;
  readonly zh: string;
}

export interface PayStandard {
  /** Locality code (盟市 / 旗县), as the deployment names it. */
  readonly locality: string;
  readonly level: string;
  readonly monthlyBaseFen: number;
}

export interface SanctionDefinition {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** Months from the sanction's effective date during which no promotion is allowed. */
  readonly blocksPromotionMonths: number;
}

export interface OfficerMinimum {
  readonly default: number;
  readonly byDuty: Partial<Record<DutyCode, number>>;
}

export interface ParameterTypes {
  /** 辅警层级, lowest first (Art. 36 ¶1). */
  readonly levels: readonly LevelDefinition[];
  /** Pay standard per locality and level (Art. 27 ¶2, Art. 36 ¶1). */
  readonly 'pay.standards': readonly PayStandard[];
  /** Assessment grades, best first (Art. 36 ¶2). */
  readonly 'assessment.grades': readonly string[];
  /** Minimum whole months in a level before promotion (Art. 36 ¶1). */
  readonly 'promotion.minMonthsInLevel': number;
  /** Grades of the latest assessment that allow a promotion (Art. 36 ¶2). */
  readonly 'promotion.qualifyingGrades': readonly string[];
  /** Sanctions and how long each blocks promotion (Art. 34 ¶1 考核奖惩). */
  readonly 'discipline.sanctions': readonly SanctionDefinition[];
  /** Police officers needed to lead an Art. 13 ¶1 duty (Art. 13 ¶3). */
  readonly 'duty.minOfficers': OfficerMinimum;
  /** Days after hiring by which social insurance must be enrolled (Art. 28 ¶1). */
  readonly 'insurance.enrolmentDeadlineDays': number;
  /** Days after hiring by which the housing fund must be registered (Art. 28 ¶1). */
  readonly 'housingFund.enrolmentDeadlineDays': number;
  /** Duties that are 高危险岗位 and need personal accident insurance (Art. 28 ¶2). */
  readonly 'insurance.highRiskDuties': readonly DutyCode[];
  /** Months between health checks (Art. 28 ¶3 定期). */
  readonly 'healthCheck.intervalMonths': number;
  /** Days within which a complaint is handled and the complainant told (Art. 38 ¶2 及时). */
  readonly 'complaint.handlingDays': number;
  /**
   * Whole years after a person's last departure (or later registration) for
   * which their personal data is kept; then their data key is shredded unless
   * a hold applies (PIPL Art. 19; 劳动合同法 Art. 50 ¶3: at least two years).
   */
  readonly 'personalData.retentionYearsAfterDeparture': number;
  /**
   * How many days after the day it is recorded a command may take effect
   * (a record's bound, not a number of the regulation: one mistyped year must
   * not block lawful commands for decades).
   */
  readonly 'record.effectiveDateHorizonDays': number;
}

export type ParameterKey = keyof ParameterTypes;

export interface ParameterValue<T> {
  readonly from: IsoDate;
  /** Exclusive end; absent: open-ended. */
  readonly until?: IsoDate;
  readonly value: T;
  /** Where the value comes from: a local measure's title and number, or why this default. */
  readonly source: string;
  readonly isDefault: boolean;
}

export interface ParameterDefinition<T> {
  readonly description: Bilingual;
  /** The clauses that leave this number to local measures; none for `record.*`, the record's own bounds, which no clause sets. */
  readonly delegatedBy: readonly Citation[];
  readonly values: readonly ParameterValue<T>[];
}

export type ParameterTable = { readonly [K in ParameterKey]: ParameterDefinition<ParameterTypes[K]> };

export interface ResolvedParameter<K extends ParameterKey = ParameterKey> {
  readonly key: K;
  readonly value: ParameterTypes[K];
  readonly source: string;
  readonly isDefault: boolean;
  readonly from: IsoDate;
  readonly until: IsoDate | null;
}

function inForce(v: ParameterValue<unknown>, on: IsoDate): boolean {
  return v.from <= on && (v.until === undefined || on < v.until);
}

/**
 * The value in force on a date: of the values whose interval holds the date,
 * the one that started last; on a tie a configured value beats a default.
 * Null when none is in force.
 */
export function parameterOn<K extends ParameterKey>(table: ParameterTable, key: K, on: IsoDate): ResolvedParameter<K> | null {
  const values = (table[key].values as readonly ParameterValue<ParameterTypes[K]>[]).filter((v) => inForce(v, on));
  const best = values.reduce<ParameterValue<ParameterTypes[K]> | null>((acc, v) => {
    if (!acc) return v;
    if (v.from !== acc.from) return v.from > acc.from ? v : acc;
    return acc.isDefault && !v.isDefault ? v : acc;
  }, null);
  if (!best) return null;
  return { key, value: best.value, source: best.source, isDefault: best.isDefault, from: best.from, until: best.until ?? null };
}

/** A table with more values for one parameter (a local measure taking effect). */
export function withParameterValues<K extends ParameterKey>(
  table: ParameterTable,
  key: K,
  values: readonly ParameterValue<ParameterTypes[K]>[],
): ParameterTable {
  const current = table[key] as ParameterDefinition<ParameterTypes[K]>;
  return { ...table, [key]: { ...current, values: [...current.values, ...values] } };
}
