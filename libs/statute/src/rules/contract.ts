import { cite, nmg } from '../citation';
import { addDays, addMonths, type IsoDate } from '../dates';
import type { DutyCode } from '../duties';
import { defineCheck } from '../rule';
import type { Violation } from '../violation';
import { yuan } from '../vocabulary';

/** Contract, pay, insurance and health (Arts. 24, 27–28; 劳动合同法 Art. 19). */

export type ContractClause =
  | 'DUTIES'
  | 'WORKING_CONDITIONS'
  | 'PROBATION'
  | 'TERM'
  | 'PAY'
  | 'TERMINATION_CONDITIONS'
  | 'BREACH_LIABILITY';

export const CONTRACT_CLAUSES: readonly ContractClause[] = ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'];

export interface ContractClausesFacts {
  readonly contract: { readonly clauses: readonly ContractClause[] };
}

// 第二十四条 公安机关应当与辅警签订劳动合同，依法确定双方的权利义务，明确职责要求、工作条件、试用期、合同期限和薪酬待遇以及解除合同情形、违约责任等内容。
export const CONTRACT_REQUIRED = defineCheck({
  id: 'CONTRACT-REQUIRED',
  title: { zh: '签订劳动合同并明确必备内容', en: 'A labour contract with every required clause' },
  citations: [nmg(24)],
  uses: ['COMMAND'],
  parameters: [],
  check: function contractHasRequiredClauses({ contract }: ContractClausesFacts, { fail }) {
    const missing = CONTRACT_CLAUSES.filter((c) => !contract.clauses.includes(c));
    return missing.length === 0
      ? []
      : [fail({ zh: `劳动合同缺少：${missing.join('、')}`, en: `The contract lacks: ${missing.join(', ')}`, observed: [...contract.clauses], expected: [...CONTRACT_CLAUSES] })];
  },
});

export interface ContractTermFacts {
  readonly contract: {
    readonly kind: 'FIXED_TERM' | 'OPEN_ENDED' | 'TASK_BASED';
    readonly startDate: IsoDate;
    /** Last day of a fixed term (inclusive); null for open-ended or task-based. */
    readonly endDate: IsoDate | null;
    /** Last day of probation (inclusive); null: no probation. */
    readonly probationLastDay: IsoDate | null;
    /**
     * A renewal (续订): the earlier contract between the same employer and the
     * same worker that this one follows. Absent or null: a first contract.
     */
    readonly renewalOf?: { readonly contractId: string; readonly probationLastDay: IsoDate | null } | null;
  };
}

/** The last day of a period of `months` starting on `start` (start day counted). */
function lastDayOf(start: IsoDate, months: number): IsoDate {
  return addDays(addMonths(start, months), -1);
}

/** 劳动合同法第十九条: the longest probation (months) a contract allows; 0: none allowed. */
export function maxProbationMonths(contract: ContractTermFacts['contract']): number {
  if (contract.kind === 'OPEN_ENDED') return 6;
  if (contract.kind === 'TASK_BASED' || contract.endDate === null) return 0;
  const end = contract.endDate;
  if (end < lastDayOf(contract.startDate, 3)) return 0;
  if (end < lastDayOf(contract.startDate, 12)) return 1;
  if (end < lastDayOf(contract.startDate, 36)) return 2;
  return 6;
}

const LCL = (paragraph: number) => cite('PRC-LABOUR-CONTRACT', '2012', 19, paragraph);

// 第二十四条 ……明确……试用期、合同期限……
// 《劳动合同法》第十九条 劳动合同期限三个月以上不满一年的，试用期不得超过一个月；劳动合同期限一年以上不满三年的，
// 试用期不得超过二个月；三年以上固定期限和无固定期限的劳动合同，试用期不得超过六个月。……
// 以完成一定工作任务为期限的劳动合同或者劳动合同期限不满三个月的，不得约定试用期。
// 试用期包含在劳动合同期限内。……
// 第十九条第二款 同一用人单位与同一劳动者只能约定一次试用期。
// A probation tests a worker the employer does not know yet: a renewal (续订) with the same
// employer agrees none, whether or not the first contract had one.
export const CONTRACT_PROBATION = defineCheck({
  id: 'CONTRACT-PROBATION',
  title: { zh: '试用期不超过法定上限，同一用人单位只约定一次', en: 'Probation within the Labour Contract Law limits, once per employer' },
  citations: [LCL(1), nmg(24), LCL(2), LCL(3), LCL(4)],
  uses: ['COMMAND'],
  parameters: [],
  check: function probationWithinLimit({ contract }: ContractTermFacts, { fail }) {
    const last = contract.probationLastDay;
    if (last === null) return [];
    const out: Violation[] = [];
    const limit = maxProbationMonths(contract);
    if (contract.renewalOf) {
      const earlier = contract.renewalOf;
      out.push(
        fail({
          zh: `同一用人单位与同一劳动者只能约定一次试用期：续订劳动合同（原合同${earlier.contractId}${earlier.probationLastDay ? `，试用期至${earlier.probationLastDay}` : ''}）不得再约定试用期`,
          en: `The same employer and worker agree a probation only once: the renewal of contract ${earlier.contractId}${earlier.probationLastDay ? ` (probation until ${earlier.probationLastDay})` : ''} may have none`,
          observed: last,
          expected: null,
          citation: LCL(2),
        }),
      );
    }
    if (last < contract.startDate) {
      out.push(fail({ zh: '试用期结束日早于合同开始日', en: 'Probation ends before the contract starts', observed: last, expected: `≥ ${contract.startDate}` }));
    }
    if (limit === 0) {
      out.push(fail({ zh: '劳动合同期限不满三个月或者以完成一定工作任务为期限的，不得约定试用期', en: 'A contract under 3 months or for a task may have no probation', observed: last, expected: null, citation: LCL(3) }));
    } else if (last > lastDayOf(contract.startDate, limit)) {
      out.push(fail({ zh: `试用期不得超过${['', '一', '二', '', '', '', '六'][limit]}个月（至${lastDayOf(contract.startDate, limit)}）`, en: `Probation may not exceed ${limit} month(s) (until ${lastDayOf(contract.startDate, limit)})`, observed: last, expected: `≤ ${lastDayOf(contract.startDate, limit)}` }));
    }
    if (contract.endDate !== null && last > contract.endDate) {
      out.push(fail({ zh: '试用期包含在劳动合同期限内', en: 'Probation lies within the contract term', observed: last, expected: `≤ ${contract.endDate}`, citation: LCL(4) }));
    }
    return out;
  },
});

export interface PayFacts {
  readonly pay: { readonly locality: string; readonly level: string; readonly monthlyBaseFen: number };
}

// 第二十七条第二款 盟行政公署、设区的市和旗县级人民政府应当按照辅警薪酬待遇制度……核定本地区辅警薪酬的具体标准……
// 第三十六条第一款 ……辅警层级与薪酬待遇挂钩。
export const PAY_LEVEL = defineCheck({
  id: 'PAY-LEVEL',
  title: { zh: '薪酬按层级标准', en: 'Pay follows the level\'s pay standard in force' },
  citations: [nmg(27, 2), nmg(36, 1)],
  uses: ['COMMAND'],
  parameters: ['levels', 'pay.standards'],
  check: function payFollowsLevelStandard({ pay }: PayFacts, { fail, params, on }) {
    if (!params.levels.some((l) => l.code === pay.level)) {
      return [fail({ zh: `层级${pay.level}不存在`, en: `No level ${pay.level}`, observed: pay.level, expected: params.levels.map((l) => l.code), citation: nmg(36, 1) })];
    }
    const standard = params['pay.standards'].find((s) => s.locality === pay.locality && s.level === pay.level);
    if (!standard) {
      return [fail({ kind: 'CANNOT_DETERMINE', zh: `${pay.locality}在${on}没有${pay.level}层级的薪酬标准`, en: `No pay standard in force for ${pay.locality}, level ${pay.level} on ${on}`, observed: null, expected: 'a configured pay standard' })];
    }
    return pay.monthlyBaseFen === standard.monthlyBaseFen
      ? []
      : [fail({ zh: `月基本薪酬${yuan(pay.monthlyBaseFen)}元不符合标准${yuan(standard.monthlyBaseFen)}元`, en: `Monthly base pay ${yuan(pay.monthlyBaseFen)} yuan differs from the standard ${yuan(standard.monthlyBaseFen)} yuan`, observed: pay.monthlyBaseFen, expected: standard.monthlyBaseFen })];
  },
});

export type InsuranceKind = 'PENSION' | 'MEDICAL' | 'MATERNITY' | 'WORK_INJURY' | 'UNEMPLOYMENT' | 'HOUSING_FUND' | 'PERSONAL_ACCIDENT';
export const SOCIAL_INSURANCE: readonly InsuranceKind[] = ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT'];

export interface InsuranceFacts {
  readonly employment: { readonly hiredOn: IsoDate };
  readonly insurance: { readonly enrolled: readonly InsuranceKind[] };
}

// 第二十八条第一款 公安机关应当依法为辅警办理基本养老、基本医疗、生育、工伤和失业等社会保险，缴存住房公积金。
export const INSURANCE = defineCheck({
  id: 'INSURANCE',
  title: { zh: '社会保险和住房公积金', en: 'Social insurance and housing fund enrolled by the deadline' },
  citations: [nmg(28, 1), cite('PRC-SOCIAL-INSURANCE', '2018', 58, 1), cite('PRC-HOUSING-FUND', '2019', 15)],
  uses: ['SUPERVISION'],
  parameters: ['insurance.enrolmentDeadlineDays', 'housingFund.enrolmentDeadlineDays'],
  check: function insuredByDeadline({ employment, insurance }: InsuranceFacts, { fail, params, on }) {
    const socialDue = addDays(employment.hiredOn, params['insurance.enrolmentDeadlineDays']);
    const fundDue = addDays(employment.hiredOn, params['housingFund.enrolmentDeadlineDays']);
    const out: Violation[] = [];
    if (on > socialDue) {
      const missing = SOCIAL_INSURANCE.filter((k) => !insurance.enrolled.includes(k));
      if (missing.length) out.push(fail({ zh: `聘用后逾期（${socialDue}）未办理社会保险：${missing.join('、')}`, en: `Social insurance not enrolled by ${socialDue}: ${missing.join(', ')}`, observed: [...insurance.enrolled], expected: [...SOCIAL_INSURANCE] }));
    }
    if (on > fundDue && !insurance.enrolled.includes('HOUSING_FUND')) {
      out.push(fail({ zh: `聘用后逾期（${fundDue}）未缴存住房公积金`, en: `Housing fund not registered by ${fundDue}`, observed: false, expected: true }));
    }
    return out;
  },
});

export interface PostingRiskFacts {
  readonly assignment: { readonly dutyCodes: readonly string[] };
  readonly insurance: { readonly enrolled: readonly InsuranceKind[] };
}

// 第二十八条第二款 公安机关应当为高危险岗位工作的辅警办理人身意外伤害保险。
export const INSURANCE_RISK = defineCheck({
  id: 'INSURANCE-RISK',
  title: { zh: '高危险岗位办理人身意外伤害保险', en: 'High-risk postings need personal accident insurance' },
  citations: [nmg(28, 2)],
  uses: ['COMMAND'],
  parameters: ['insurance.highRiskDuties'],
  check: function highRiskPostingInsured({ assignment, insurance }: PostingRiskFacts, { fail, params }) {
    const risky = assignment.dutyCodes.filter((c) => params['insurance.highRiskDuties'].includes(c as DutyCode));
    if (!risky.length || insurance.enrolled.includes('PERSONAL_ACCIDENT')) return [];
    return [fail({ zh: `高危险岗位（${risky.join('、')}）须先办理人身意外伤害保险`, en: `High-risk duties (${risky.join(', ')}) need personal accident insurance on record`, observed: [...insurance.enrolled], expected: 'PERSONAL_ACCIDENT enrolled' })];
  },
});

export interface HealthCheckFacts {
  readonly employment: { readonly hiredOn: IsoDate };
  readonly health: { readonly lastCheckOn: IsoDate | null };
}

// 第二十八条第三款 公安机关应当定期组织辅警参加健康体检。
export const HEALTH_CHECK = defineCheck({
  id: 'HEALTH-CHECK',
  title: { zh: '定期健康体检', en: 'Regular health checks' },
  citations: [nmg(28, 3)],
  uses: ['SUPERVISION'],
  parameters: ['healthCheck.intervalMonths'],
  check: function healthCheckNotOverdue({ employment, health }: HealthCheckFacts, { fail, params, on }) {
    const due = addMonths(health.lastCheckOn ?? employment.hiredOn, params['healthCheck.intervalMonths']);
    return on <= due
      ? []
      : [fail({ zh: `健康体检已逾期（应于${due}前）`, en: `Health check overdue since ${due}`, observed: health.lastCheckOn, expected: `a check on or after ${addMonths(on, -params['healthCheck.intervalMonths'])}` })];
  },
});
