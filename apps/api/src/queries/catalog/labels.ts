import type { ApplicationStage, FindingKind, RosterStatus } from '@auxledger/read-models';
import {
  type AuxiliaryCategory,
  type Bilingual,
  type Citation,
  type OrganKind,
  type OrganLevel,
  type RuleIdInForce,
  type TerminationReason,
  RULES_2024,
  nmg,
} from '@auxledger/statute';

/**
 * The words for the codes the read models answer with, zh and en, for the
 * catalog endpoint (GET /api/catalog) — so that a dashboard or a BI tool shows
 * 在岗, not ACTIVE, and never keeps a copy of its own. Each table is keyed by
 * the code's own type: a code added to the statute, the domain or the read
 * models without its words here fails the type check.
 *
 * Duty titles, rule titles, citations and article texts are not repeated
 * here: the catalog takes them from libs/statute.
 */

export const ROSTER_STATUS_LABELS: Readonly<Record<RosterStatus, Bilingual>> = {
  ON_PROBATION: { zh: '试用期', en: 'On probation' },
  ACTIVE: { zh: '在岗', en: 'Active' },
  SUSPENDED: { zh: '停职', en: 'Suspended' },
  DEPARTED: { zh: '已离职', en: 'Departed' },
};

/** Art. 11: 文职辅警 ¶1, 勤务辅警 ¶2. */
export const CATEGORY_LABELS: Readonly<Record<AuxiliaryCategory, Bilingual>> = {
  CIVILIAN: { zh: '文职辅警', en: 'Civilian auxiliary' },
  DUTY: { zh: '勤务辅警', en: 'Duty auxiliary' },
};

export const ORGAN_LEVEL_LABELS: Readonly<Record<OrganLevel, Bilingual>> = {
  REGION: { zh: '自治区', en: 'Region' },
  CITY: { zh: '盟市', en: 'League / city' },
  COUNTY: { zh: '旗县（市、区）', en: 'Banner / county' },
  UNIT: { zh: '所队', en: 'Unit' },
};

/** Art. 46: the organs that apply the regulation 参照执行 besides public security. */
export const ORGAN_KIND_LABELS: Readonly<Record<OrganKind, Bilingual>> = {
  PUBLIC_SECURITY: { zh: '公安机关', en: 'Public security' },
  COURT: { zh: '人民法院', en: 'People’s court' },
  PROCURATORATE: { zh: '人民检察院', en: 'People’s procuratorate' },
  JUSTICE_ADMIN: { zh: '司法行政机关', en: 'Justice administration' },
};

/** Art. 40 grounds. */
export const DEPARTURE_REASON_LABELS: Readonly<Record<TerminationReason, Bilingual>> = {
  CONTRACT_EXPIRY: { zh: '合同期满', en: 'Contract expired' },
  MUTUAL_AGREEMENT: { zh: '协商一致解除', en: 'Mutual agreement' },
  RESIGNATION: { zh: '本人辞职', en: 'Resignation' },
  DISMISSAL_FOR_VIOLATION: { zh: '违纪违法解除', en: 'Dismissed for a violation' },
  ABANDONMENT: { zh: '擅自离职', en: 'Left without permission' },
  DEATH: { zh: '死亡', en: 'Death' },
  OTHER_STATUTORY: { zh: '其他法定情形', en: 'Other statutory ground' },
};

/** Arts. 18–19: a plan's state as of a date (recruitment_plan.status). */
export type PlanStatus = 'DRAFTED' | 'APPROVED' | 'ANNOUNCED' | 'CLOSED';
export const PLAN_STATUS_LABELS: Readonly<Record<PlanStatus, Bilingual>> = {
  DRAFTED: { zh: '已拟定', en: 'Drafted' },
  APPROVED: { zh: '已批准', en: 'Approved' },
  ANNOUNCED: { zh: '已公告', en: 'Announced' },
  CLOSED: { zh: '已结束', en: 'Closed' },
};

/** Art. 20: where an application stands — the stage passed (registration = (1), under the announcement), hired, or how it ended. */
export const APPLICATION_STAGE_LABELS: Readonly<Record<ApplicationStage, Bilingual>> = {
  REGISTRATION: { zh: '已报名', en: 'Registered' },
  QUALIFICATION_REVIEW: { zh: '资格审查通过', en: 'Qualification review passed' },
  EXAMS: { zh: '考试测试通过', en: 'Examinations passed' },
  MEDICAL: { zh: '体检合格', en: 'Medical passed' },
  INSPECTION: { zh: '考察合格', en: 'Inspection passed' },
  PUBLIC_NOTICE: { zh: '公示期满', en: 'Public notice completed' },
  HIRED: { zh: '已聘用', en: 'Hired' },
  WITHDRAWN: { zh: '本人放弃', en: 'Withdrawn' },
  FAILED: { zh: '未通过', en: 'Did not pass' },
};

/** A finding kind: its words, and the clause it rests on — the statute rule's where there is one (as the supervision read model cites). */
export interface FindingKindDefinition {
  label: Bilingual;
  ruleId: RuleIdInForce | null;
  citation: Citation;
}

const byRule = (label: Bilingual, ruleId: RuleIdInForce): FindingKindDefinition => ({ label, ruleId, citation: RULES_2024[ruleId].citations[0] });
const byClause = (label: Bilingual, citation: Citation): FindingKindDefinition => ({ label, ruleId: null, citation });

export const FINDING_KIND_DEFINITIONS: Readonly<Record<FindingKind, FindingKindDefinition>> = {
  PRE_JOB_TRAINING_MISSING: byClause({ zh: '未经岗前培训', en: 'No pre-job training' }, nmg(35, 2)),
  ANNUAL_TRAINING_MISSING: byRule({ zh: '未参加年度培训', en: 'Annual training missing' }, 'TRAIN-ANNUAL'),
  ASSESSMENT_OVERDUE: byClause({ zh: '考核逾期', en: 'Assessment overdue' }, nmg(36, 2)),
  INSURANCE_MISSING: byRule({ zh: '未参加社会保险', en: 'Insurance missing' }, 'INSURANCE'),
  HEALTH_CHECK_OVERDUE: byRule({ zh: '体检逾期', en: 'Health check overdue' }, 'HEALTH-CHECK'),
  CREDENTIALS_NOT_RECOVERED: byRule({ zh: '离职后证件装备未收回', en: 'Credentials not recovered' }, 'CREDENTIALS'),
  COMPLAINT_OPEN: byClause({ zh: '投诉待处理', en: 'Complaint open' }, nmg(38, 2)),
  COMPLAINT_OVERDUE: byRule({ zh: '投诉处理逾期', en: 'Complaint overdue' }, 'COMPLAINT'),
  SANCTION_ACTIVE: byClause({ zh: '处分期内', en: 'Sanction in effect' }, nmg(42, 1)),
  RECUSAL: byClause({ zh: '应当回避', en: 'Recusal required' }, nmg(39, 2)),
  PLAN_NOT_APPROVED: byClause({ zh: '招聘计划未获批准', en: 'Plan not approved' }, nmg(18, 1)),
  PLAN_NOT_FILED: byRule({ zh: '招聘计划未备案', en: 'Plan not filed' }, 'PLAN-FILING'),
  // Each finding cites the rule the earlier record now fails; the kind rests on the organs' duty of supervision (Art. 6 ¶1).
  CONTRACT_EXPIRED: byClause({ zh: '劳动合同期满未续订', en: 'Contract expired, no renewal on record' }, nmg(24)),
  RETROACTIVE_CONFLICT: byClause({ zh: '追溯冲突（后录在前的记录使已通过的记录不合规）', en: 'Retroactive conflict (a back-dated record makes an accepted one unlawful)' }, nmg(6, 1)),
};
