import {
  type Bilingual,
  type Citation,
  type HealthCheckFacts,
  type InsuranceKind,
  type RenderedCitation,
  type RuleSetRegistry,
  type RulesInForce,
  REGISTRY,
  SUPERVISION_CHECKS,
  addMonths,
  judgeInForce,
  nmg,
  parameterOn,
  renderCitation,
  ruleSetInForce,
} from '@auxledger/statute';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { daysBetween, todayUtc, withStatusOn } from './common';
import { organScope } from './organ-hierarchy';
import { type PersonFileRow, personFileModel } from './person-file';
import { type RecruitmentPlanRow, recruitmentPlan } from './recruitment-plan';
import { type RetroactiveConflictRecord, retroactiveConflictModel } from './retroactive-conflict';

/**
 * Supervision findings (Arts. 18 ¶2, 28, 34–39) for an organ's subtree as of
 * a date. No finding is stored: what makes one (hire dates, training years,
 * insurance kinds, the latest health check, credentials, complaint dates,
 * sanction periods, plan dates) is kept in `person_file` and
 * `recruitment_plan` (a retroactive conflict, judged by the domain, in
 * `retroactive_conflict`), and the finding is computed here for the as-of date — with the statute's own checks
 * (SUPERVISION_CHECKS, judged in the rule set in force on that date) where
 * one exists, and AuxLedger's reading where none does (marked `ruleId: null`).
 */

export type FindingKind =
  | 'PRE_JOB_TRAINING_MISSING'
  | 'ANNUAL_TRAINING_MISSING'
  | 'ASSESSMENT_OVERDUE'
  | 'INSURANCE_MISSING'
  | 'HEALTH_CHECK_OVERDUE'
  | 'CREDENTIALS_NOT_RECOVERED'
  | 'COMPLAINT_OPEN'
  | 'COMPLAINT_OVERDUE'
  | 'SANCTION_ACTIVE'
  | 'RECUSAL'
  | 'PLAN_NOT_APPROVED'
  | 'PLAN_NOT_FILED'
  | 'RETROACTIVE_CONFLICT'
  | 'CONTRACT_EXPIRED';

export interface Finding {
  kind: FindingKind;
  /** The statute rule judged (SUPERVISION_CHECKS), or null for a list without a rule of its own. */
  ruleId: string | null;
  citation: RenderedCitation;
  subject: { kind: 'auxiliary' | 'plan'; id: string };
  organId: string;
  message: Bilingual;
  /** The date the finding runs from (due date, receipt, departure, effect …), when there is one. */
  since: string | null;
  /** Days from `since` to the as-of date. */
  ageDays: number | null;
  /** Ids and dates behind the finding (complaint id, serials, years …). */
  details: Record<string, unknown>;
}

export interface SupervisionQuery {
  organId: string;
  /** Default today (UTC). */
  asOf?: string;
  /** Default true: the organ's whole subtree. */
  includeSubtree?: boolean;
  /** The rule sets (default the statute's REGISTRY; pass the deployment's, with its local parameters). */
  registry?: RuleSetRegistry<RulesInForce>;
}

/** Assessments: no parameter sets the interval; AuxLedger reads Art. 36 ¶2 as at least one a year. */
export const ASSESSMENT_INTERVAL_MONTHS = 12;

const cited = (c: Citation) => renderCitation(c);

/** The events a retroactive conflict names, in words (others by their type). */
const RETROACTIVE_SUBJECT: Readonly<Record<string, Bilingual>> = {
  DutyAssigned: { zh: '岗位职责安排', en: 'posting' },
  AuxiliaryPromoted: { zh: '晋升', en: 'promotion' },
  DisciplineDecided: { zh: '处分', en: 'sanction' },
  AuxiliarySuspended: { zh: '停止执行职务', en: 'suspension' },
  AuxiliaryTerminated: { zh: '离职', en: 'departure' },
  AuxiliaryDemoted: { zh: '降级', en: 'demotion' },
  AssessmentRecorded: { zh: '考核', en: 'assessment' },
  RecusalDecided: { zh: '回避决定', en: 'recusal' },
};

/** The person file's columns the findings are judged from (the others, qualifications and the last assessment's JSON above all, are not read). */
const FINDING_COLUMNS = [
  'auxiliary_id', 'using_organ_id', 'status', 'probation_last_day', 'hired_on', 'migrated_from', 'contract_id', 'contract_end_date', 'pre_job_training_on',
  'assignments', 'annual_training_years', 'insurance', 'last_health_check_on', 'last_assessed_on', 'departed_on', 'credentials', 'complaints', 'sanctions', 'recusals',
] as const satisfies ReadonlyArray<keyof PersonFileRow>;

export async function supervisionFindings(store: ReadModelStore, query: SupervisionQuery): Promise<Finding[]> {
  const asOf = query.asOf ?? todayUtc();
  const registry = query.registry ?? REGISTRY;
  const organs = await organScope(store, query.organId, query.includeSubtree ?? true);
  const files = ((await store.asOf(personFileModel, asOf, { where: { using_organ_id: organs }, columns: FINDING_COLUMNS })) as unknown as PersonFileRow[]).map((f) => withStatusOn(f, asOf));
  const plans = (await store.asOf(recruitmentPlan, asOf, { where: { drafting_organ_id: organs } })) as unknown as RecruitmentPlanRow[];
  const out: Finding[] = [];
  const age = (since: string | null) => (since === null ? null : daysBetween(since, asOf));
  /** The day a health check falls due (healthCheck.intervalMonths in force on the as-of date), counted from `from`. */
  const healthCheckDue = (from: string): string | null => {
    const ruleSet = ruleSetInForce(registry, asOf);
    const interval = ruleSet ? parameterOn(ruleSet.parameters, 'healthCheck.intervalMonths', asOf) : null;
    return interval ? addMonths(from, interval.value) : null;
  };

  /** Every violation of a statute check, as findings. */
  const judged = (kind: FindingKind, ruleId: (typeof SUPERVISION_CHECKS)[number], facts: Record<string, unknown>, subject: Finding['subject'], organId: string, since: (message: Bilingual) => string | null, details: Record<string, unknown> = {}) => {
    const judgement = judgeInForce(registry, [ruleId], { effectiveDate: asOf, ...facts } as never);
    for (const v of judgement.violations) {
      const from = since(v.message);
      out.push({ kind, ruleId: v.ruleId, citation: v.citationText, subject, organId, message: v.message, since: from, ageDays: age(from), details: { ...details, observed: v.observed, expected: v.expected } });
    }
  };

  for (const f of files) {
    const subject = { kind: 'auxiliary' as const, id: f.auxiliary_id };
    const organId = f.using_organ_id;
    const employment = { hiredOn: f.hired_on };
    const inService = f.status !== 'DEPARTED';

    if (inService) {
      // Art. 24 (应当与辅警签订劳动合同): in service after the last day of the contract on record — what a service recorded as found (issue 11 item 8) often lacks.
      if (f.contract_end_date !== null && f.contract_end_date < asOf) {
        out.push({
          kind: 'CONTRACT_EXPIRED', ruleId: null, citation: cited(nmg(24)), subject, organId,
          message: { zh: `劳动合同已于${f.contract_end_date}期满，未记录续订`, en: `The labour contract ended on ${f.contract_end_date}; no renewal on record` },
          since: f.contract_end_date, ageDays: age(f.contract_end_date), details: { contractId: f.contract_id, migrated: (f.migrated_from ?? null) !== null },
        });
      }
      // Art. 35 ¶2: 岗前培训合格后方可上岗.
      if (f.pre_job_training_on === null || f.pre_job_training_on > asOf) {
        out.push({
          kind: 'PRE_JOB_TRAINING_MISSING', ruleId: null, citation: cited(nmg(35, 2)), subject, organId,
          message: { zh: '未记录岗前培训合格', en: 'No passed pre-job training on record' },
          since: f.hired_on, ageDays: age(f.hired_on), details: { onDuty: (f.assignments ?? []).length > 0 },
        });
      }
      judged('ANNUAL_TRAINING_MISSING', 'TRAIN-ANNUAL', { employment, training: { annualYears: f.annual_training_years ?? [] } }, subject, organId, () => null, { annualYears: f.annual_training_years });
      judged('INSURANCE_MISSING', 'INSURANCE', { employment, insurance: { enrolled: (f.insurance ?? []) as InsuranceKind[] } }, subject, organId, () => f.hired_on, { enrolled: f.insurance });
      // Art. 28 ¶3: the interval runs from the latest check on record as of the date, else from the hire.
      const lastCheckOn = f.last_health_check_on !== null && f.last_health_check_on <= asOf ? f.last_health_check_on : null;
      const health = { employment, health: { lastCheckOn } } satisfies HealthCheckFacts;
      judged('HEALTH_CHECK_OVERDUE', 'HEALTH-CHECK', health, subject, organId, () => healthCheckDue(lastCheckOn ?? f.hired_on), { lastCheckOn });

      const lastAssessed = f.last_assessed_on !== null && f.last_assessed_on <= asOf ? f.last_assessed_on : null;
      const assessmentDue = addMonths(lastAssessed ?? f.hired_on, ASSESSMENT_INTERVAL_MONTHS);
      if (asOf > assessmentDue) {
        out.push({
          kind: 'ASSESSMENT_OVERDUE', ruleId: null, citation: cited(nmg(36, 2)), subject, organId,
          message: { zh: `考核已逾期（应于${assessmentDue}前）`, en: `Assessment overdue since ${assessmentDue}` },
          since: assessmentDue, ageDays: age(assessmentDue), details: { lastAssessedOn: lastAssessed },
        });
      }
    }

    if (f.departed_on !== null) {
      judged('CREDENTIALS_NOT_RECOVERED', 'CREDENTIALS', {
        credentials: { items: (f.credentials ?? []).map((c) => ({ kind: c.kind, serial: c.serial, recoveredOn: c.recoveredOn })), departedOn: f.departed_on },
      }, subject, organId, () => f.departed_on);
    }

    for (const c of f.complaints ?? []) {
      if (c.receivedOn > asOf) continue;
      const told = c.complainantToldOn !== null && c.complainantToldOn <= asOf;
      if (told) continue;
      const before = judgeInForce(registry, ['COMPLAINT'], { effectiveDate: asOf, complaint: { receivedOn: c.receivedOn, investigatedOn: c.investigatedOn, decidedOn: c.decidedOn, complainantToldOn: null } });
      const overdue = before.violations.find((v) => /逾期|not handled/.test(v.message.en + v.message.zh));
      const decided = c.decidedOn !== null && c.decidedOn <= asOf;
      out.push({
        kind: overdue ? 'COMPLAINT_OVERDUE' : 'COMPLAINT_OPEN',
        ruleId: 'COMPLAINT',
        citation: overdue?.citationText ?? cited(nmg(38, 2)),
        subject, organId,
        message: overdue?.message ?? (decided
          ? { zh: `举报投诉${c.complaintId}已查处，尚未告知举报投诉人`, en: `Complaint ${c.complaintId} decided; the complainant not yet told` }
          : { zh: `举报投诉${c.complaintId}尚未查处`, en: `Complaint ${c.complaintId} not yet decided` }),
        since: c.receivedOn, ageDays: age(c.receivedOn),
        details: { complaintId: c.complaintId, decidedOn: decided ? c.decidedOn : null },
      });
    }

    for (const s of f.sanctions ?? []) {
      if (s.effectiveFrom <= asOf && (s.effectiveUntil === null || asOf <= s.effectiveUntil)) {
        out.push({
          kind: 'SANCTION_ACTIVE', ruleId: null, citation: cited(nmg(42, 1)), subject, organId,
          message: { zh: `处分${s.sanction}在期间内`, en: `Sanction ${s.sanction} in effect` },
          since: s.effectiveFrom, ageDays: age(s.effectiveFrom), details: { disciplineId: s.disciplineId, sanction: s.sanction, effectiveUntil: s.effectiveUntil },
        });
      }
    }

    for (const r of f.recusals ?? []) {
      out.push({
        kind: 'RECUSAL', ruleId: null, citation: cited(nmg(39, 2)), subject, organId,
        message: r.granted ? { zh: `就${r.matterId}回避`, en: `Recused from ${r.matterId}` } : { zh: `就${r.matterId}不予回避`, en: `Recusal from ${r.matterId} refused` },
        since: null, ageDays: null, details: { recusalId: r.recusalId, matterId: r.matterId, granted: r.granted },
      });
    }
  }

  // 追溯冲突 (issue 11 item 6): a posting or promotion that a record entered after it, effective before it, now makes unlawful —
  // one finding per such event, citing the first rule it now fails; every rule, the later event and the back-dated ones in the details.
  const conflicted = (await store.asOf(retroactiveConflictModel, asOf, { where: { using_organ_id: organs } })) as unknown as RetroactiveConflictRecord[];
  for (const row of conflicted) {
    for (const c of row.conflicts) {
      const [first] = c.violations;
      if (!first) continue;
      const what = RETROACTIVE_SUBJECT[c.later.type] ?? { zh: c.later.type, en: c.later.type };
      const backdated = c.backdated.map((b) => `${RETROACTIVE_SUBJECT[b.type]?.zh ?? b.type}（${b.effectiveDate}）`).join('、');
      const backdatedEn = c.backdated.map((b) => `the ${RETROACTIVE_SUBJECT[b.type]?.en ?? b.type} of ${b.effectiveDate}`).join(', ');
      const rules = c.violations.map((v) => v.ruleId).join(', ');
      out.push({
        kind: 'RETROACTIVE_CONFLICT', ruleId: first.ruleId, citation: first.citation, subject: { kind: 'auxiliary', id: row.auxiliary_id }, organId: row.using_organ_id ?? query.organId,
        message: {
          zh: `${c.later.effectiveDate}的${what.zh}与其后记录、生效在前的${backdated}相冲突，按现有记录应不予通过（${rules}），待机关作出纠正`,
          en: `The ${what.en} of ${c.later.effectiveDate} conflicts with ${backdatedEn}, recorded after it and effective before it: on the record as it now stands it would be refused (${rules}) until an organ corrects it`,
        },
        since: c.later.effectiveDate, ageDays: age(c.later.effectiveDate),
        details: { later: c.later, backdated: c.backdated, violations: c.violations },
      });
    }
  }

  for (const p of plans) {
    if (p.status === 'CLOSED') continue;
    const subject = { kind: 'plan' as const, id: p.plan_id };
    if (p.status === 'DRAFTED') {
      out.push({
        kind: 'PLAN_NOT_APPROVED', ruleId: null, citation: cited(nmg(18, 1)), subject, organId: p.drafting_organ_id,
        message: { zh: `招聘计划${p.plan_id}尚未经同级人民政府批准`, en: `Recruitment plan ${p.plan_id} not yet approved by the same-level government` },
        since: p.drafted_on, ageDays: age(p.drafted_on), details: { title: p.title },
      });
    } else {
      const filedOn = p.filed_on !== null && p.filed_on <= asOf ? p.filed_on : null;
      const judgement = judgeInForce(registry, ['PLAN-FILING'], { effectiveDate: asOf, plan: { draftingOrganLevel: p.drafting_organ_level as never, filedWithRegionOn: filedOn } });
      for (const v of judgement.violations) {
        out.push({
          kind: 'PLAN_NOT_FILED', ruleId: v.ruleId, citation: v.citationText, subject, organId: p.drafting_organ_id, message: v.message,
          since: p.approved_on, ageDays: age(p.approved_on), details: { title: p.title },
        });
      }
    }
  }
  return out;
}
