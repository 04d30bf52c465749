import { nmg } from '../citation';
import type { IsoDate } from '../dates';
import { defineCheck } from '../rule';
import type { Violation } from '../violation';
import type { OrganLevel, RecruitmentStage, StageRecord } from '../vocabulary';

/** Recruitment plans and procedure: Arts. 17–20, 22, and one person one contract (Arts. 3, 24). */

export interface RecruitingOrganFacts {
  readonly recruitingOrgan: { readonly id: string; readonly level: OrganLevel };
}

// 第十八条第一款 盟行政公署、设区的市以上人民政府公安机关应当会同有关部门，在核定的辅警用人额度内，制定辅警招聘计划……
// 第十九条第一款 盟行政公署、设区的市以上人民政府公安机关会同同级人力资源和社会保障等部门……统一组织实施招聘工作。
export const PLAN_ORGAN = defineCheck({
  id: 'PLAN-ORGAN',
  title: { zh: '盟市以上公安机关制定招聘计划、组织招聘', en: 'Only a CITY-level organ or above recruits' },
  citations: [nmg(18, 1), nmg(19, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function recruiterIsCityOrAbove({ recruitingOrgan }: RecruitingOrganFacts, { fail }) {
    return recruitingOrgan.level === 'REGION' || recruitingOrgan.level === 'CITY'
      ? []
      : [
          fail({
            zh: '只有盟行政公署、设区的市以上人民政府公安机关可以制定招聘计划、组织招聘',
            en: 'Only an organ at CITY level or above drafts recruitment plans and organises recruitment',
            observed: recruitingOrgan.level,
            expected: ['REGION', 'CITY'],
          }),
        ];
  },
});

// 第十九条第二款 公安机关各警种、单位和基层所队不得自行招聘辅警。
export const PLAN_NO_SELF = defineCheck({
  id: 'PLAN-NO-SELF',
  title: { zh: '警种、单位和基层所队不得自行招聘', en: 'Units may not recruit by themselves' },
  citations: [nmg(19, 2)],
  uses: ['COMMAND'],
  parameters: [],
  check: function unitDoesNotRecruit({ recruitingOrgan }: RecruitingOrganFacts, { fail }) {
    return recruitingOrgan.level !== 'UNIT'
      ? []
      : [fail({ zh: '公安机关各警种、单位和基层所队不得自行招聘辅警', en: 'A police unit, division or station may not recruit by itself', observed: 'UNIT', expected: 'not UNIT' })];
  },
});

export interface PlanApprovalFacts {
  readonly plan: {
    readonly draftingOrganLevel: OrganLevel;
    readonly approval: {
      /** The approving people's government's level. */
      readonly governmentLevel: OrganLevel;
      readonly approver: string;
      readonly documentNumber: string;
      readonly approvedOn: IsoDate;
    } | null;
    readonly announcedOn: IsoDate;
  };
}

// 第十八条第一款 ……制定辅警招聘计划，报同级人民政府批准。
export const PLAN_APPROVAL = defineCheck({
  id: 'PLAN-APPROVAL',
  title: { zh: '招聘计划报同级人民政府批准', en: 'A plan is approved by the same-level government before announcement' },
  citations: [nmg(18, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function planApprovedBeforeAnnouncement({ plan }: PlanApprovalFacts, { fail }) {
    const a = plan.approval;
    if (!a) return [fail({ zh: '招聘计划未经同级人民政府批准', en: 'The plan has no approval of the same-level government', observed: null, expected: 'an approval' })];
    const out: Violation[] = [];
    if (a.governmentLevel !== plan.draftingOrganLevel) {
      out.push(fail({ zh: '批准机关应为同级人民政府', en: 'The approving government must be of the same level', observed: a.governmentLevel, expected: plan.draftingOrganLevel }));
    }
    if (!a.approver.trim() || !a.documentNumber.trim()) {
      out.push(fail({ zh: '批准应记录批准机关和文号', en: 'The approval records the approver and document number', observed: { approver: a.approver, documentNumber: a.documentNumber }, expected: 'both recorded' }));
    }
    if (a.approvedOn > plan.announcedOn) {
      out.push(fail({ zh: '招聘公告发布于计划批准之前', en: 'The announcement precedes the approval', observed: a.approvedOn, expected: `≤ ${plan.announcedOn}` }));
    }
    return out;
  },
});

export interface PlanFilingFacts {
  readonly plan: { readonly draftingOrganLevel: OrganLevel; readonly filedWithRegionOn: IsoDate | null };
}

// 第十八条第二款 盟行政公署、设区的市人民政府公安机关应当将辅警招聘使用情况向自治区人民政府公安机关备案。
export const PLAN_FILING = defineCheck({
  id: 'PLAN-FILING',
  title: { zh: '盟市招聘使用情况向自治区备案', en: 'CITY-level plans are filed with the REGION organ' },
  citations: [nmg(18, 2)],
  uses: ['SUPERVISION'],
  parameters: [],
  check: function cityPlanFiled({ plan }: PlanFilingFacts, { fail, on }) {
    if (plan.draftingOrganLevel !== 'CITY') return [];
    return plan.filedWithRegionOn !== null && plan.filedWithRegionOn <= on
      ? []
      : [fail({ zh: '盟市招聘计划未向自治区人民政府公安机关备案', en: 'The CITY-level plan is not filed with the REGION-level organ', observed: plan.filedWithRegionOn, expected: `filed on or before ${on}` })];
  },
});

export interface ApplicationFacts {
  /** The recruitment application behind a hire (null: none). */
  readonly application: { readonly id: string; readonly stages: readonly StageRecord[] } | null;
}

function passed(stages: readonly StageRecord[], stage: RecruitmentStage): boolean {
  return stages.some((s) => s.stage === stage && s.outcome === 'PASSED');
}

// 第十七条 招聘辅警应当遵循公开、平等、竞争、择优的原则，采取凡进必考的方式……
export const RECR_EXAM = defineCheck({
  id: 'RECR-EXAM',
  title: { zh: '凡进必考', en: 'No hire without a recruitment application that passed the exams' },
  citations: [nmg(17)],
  uses: ['COMMAND'],
  parameters: [],
  check: function hiredThroughExams({ application }: ApplicationFacts, { fail }) {
    if (!application) return [fail({ zh: '没有招聘报名记录，凡进必考', en: 'No recruitment application: every hire passes the exams', observed: null, expected: 'an application' })];
    return passed(application.stages, 3)
      ? []
      : [fail({ zh: '未通过笔试、体能测试与面试', en: 'The written, physical and interview tests are not passed', observed: application.stages.find((s) => s.stage === 3)?.outcome ?? null, expected: 'PASSED', citation: nmg(20, 1, 3) })];
  },
});

export interface RecruitmentStepFacts extends ApplicationFacts {
  /** What the command records: the next stage's result, or the hire. */
  readonly step: { readonly kind: 'STAGE'; readonly stage: RecruitmentStage } | { readonly kind: 'HIRE' };
}

const STAGE_NAMES: Readonly<Record<RecruitmentStage, string>> = {
  1: '发布招聘公告',
  2: '组织报名与资格审查',
  3: '进行笔试、体能测试与面试',
  4: '体检',
  5: '考察',
  6: '公示拟聘用人员名单',
};

// 第二十条 招聘辅警应当按照下列程序进行：（一）发布招聘公告；（二）组织报名与资格审查；（三）进行笔试、体能测试与面试；
// （四）体检；（五）考察；（六）公示拟聘用人员名单。
export const RECR_ORDER = defineCheck({
  id: 'RECR-ORDER',
  title: { zh: '招聘程序依次进行，不得跳过', en: 'Recruitment stages in order, none skipped; hire only after the public notice' },
  citations: [nmg(20)],
  uses: ['COMMAND'],
  parameters: [],
  check: function stagesInOrder({ application, step }: RecruitmentStepFacts, { fail }) {
    const stages = application?.stages ?? [];
    const out: Violation[] = [];
    const failedStage = stages.find((s) => s.outcome === 'FAILED');
    if (failedStage) {
      out.push(fail({ zh: `第${failedStage.stage}环节（${STAGE_NAMES[failedStage.stage]}）未通过，招聘程序终止`, en: `Stage ${failedStage.stage} was failed: the application has ended`, observed: failedStage.stage, expected: 'no failed stage', citation: nmg(20, 1, failedStage.stage) }));
    }
    stages.forEach((s, i) => {
      const prev = stages[i - 1];
      if (s.stage !== i + 1) out.push(fail({ zh: `招聘环节顺序错误：第${i + 1}个记录为第${s.stage}环节`, en: `Stage record ${i + 1} is stage ${s.stage}`, observed: s.stage, expected: i + 1 }));
      if (prev && s.date < prev.date) out.push(fail({ zh: `第${s.stage}环节早于前一环节`, en: `Stage ${s.stage} is dated before the stage before it`, observed: s.date, expected: `≥ ${prev.date}` }));
    });
    const needed = step.kind === 'HIRE' ? 6 : step.stage - 1;
    for (let stage = 1; stage <= needed; stage += 1) {
      const s = stage as RecruitmentStage;
      if (!passed(stages, s)) {
        out.push(
          fail({
            zh: `${step.kind === 'HIRE' ? '聘用' : `第${step.stage}环节`}之前须完成第${s}环节（${STAGE_NAMES[s]}）`,
            en: `Stage ${s} must be passed before ${step.kind === 'HIRE' ? 'the hire' : `stage ${step.stage}`}`,
            observed: stages.find((x) => x.stage === s)?.outcome ?? null,
            expected: 'PASSED',
            citation: nmg(20, 1, s),
          }),
        );
      }
    }
    return out;
  },
});

export interface RankedApplicant {
  readonly applicantId: string;
  readonly score: number;
  readonly eligible: boolean;
  /** Art. 22 ¶1 items (1)–(6) the applicant falls under. */
  readonly preferenceCategories: readonly number[];
}

export interface RankingFacts {
  /** The ranking as proposed, first place first. */
  readonly ranking: readonly RankedApplicant[];
  /**
   * The same applicants as their applications record them (scores of stage 3,
   * the preference categories registered, ended or not); absent where the caller
   * has no record to hand. The order is judged on these, and a proposed entry
   * that contradicts its record fails.
   */
  readonly onRecord?: readonly RankedApplicant[];
}

const sameCategories = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort().every((c, i) => c === [...b].sort()[i]);

// 第二十二条第一款 招聘辅警，同等条件下优先聘用下列人员：（一）烈士的遗属……（六）国家和自治区规定优先聘用的其他情形。
export const PREF_RANK = defineCheck({
  id: 'PREF-RANK',
  title: { zh: '同等条件下优先聘用', en: 'Preferences rank applicants only at equal scores' },
  citations: [nmg(22, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function preferenceOnlyAtEqualScores({ ranking: proposed, onRecord }: RankingFacts, { fail }) {
    const out: Violation[] = [];
    // Scores and preferences come from the record: a proposed entry that raises a score or adds a category is refused, and the order is judged on the record.
    const recorded = onRecord ? new Map(onRecord.map((r) => [r.applicantId, r])) : null;
    const ranking = recorded ? proposed.map((p) => recorded.get(p.applicantId) ?? p) : proposed;
    for (const p of recorded ? proposed : []) {
      const r = recorded?.get(p.applicantId);
      if (!r) {
        out.push(fail({ zh: `应聘人员${p.applicantId}没有报名记录`, en: `Applicant ${p.applicantId} has no application on record`, observed: p.applicantId, expected: 'an application of this plan' }));
        continue;
      }
      const claimed = { score: p.score, eligible: p.eligible, preferenceCategories: [...p.preferenceCategories] };
      const actual = { score: r.score, eligible: r.eligible, preferenceCategories: [...r.preferenceCategories] };
      if (claimed.score !== actual.score || claimed.eligible !== actual.eligible || !sameCategories(claimed.preferenceCategories, actual.preferenceCategories)) {
        out.push(fail({ zh: `${p.applicantId}的成绩或优先情形与报名记录不符`, en: `The score or preference categories of ${p.applicantId} contradict the application on record`, observed: claimed, expected: actual }));
      }
    }
    ranking.forEach((r, i) => {
      if (!r.eligible) {
        out.push(fail({ zh: `应聘人员${r.applicantId}不符合条件，优先情形不能使其符合条件`, en: `Applicant ${r.applicantId} is not eligible; a preference cannot make them so`, observed: r.applicantId, expected: 'eligible applicants only' }));
      }
      const next = ranking[i + 1];
      if (!next) return;
      if (next.score > r.score) {
        out.push(fail({ zh: `${next.applicantId}成绩更高却排在${r.applicantId}之后`, en: `${next.applicantId} scores higher but ranks below ${r.applicantId}`, observed: [r.score, next.score], expected: 'descending scores' }));
      } else if (next.score === r.score && r.preferenceCategories.length === 0 && next.preferenceCategories.length > 0) {
        out.push(fail({ zh: `同等条件下${next.applicantId}应优先于${r.applicantId}`, en: `At equal scores ${next.applicantId} (preferred) ranks above ${r.applicantId}`, observed: [r.applicantId, next.applicantId], expected: [next.applicantId, r.applicantId] }));
      }
    });
    return out;
  },
});

export interface TargetedFacts {
  readonly targetedOpenings: readonly { readonly id: string; readonly categories: readonly number[] }[];
  /** An applicant placed on a targeted opening (null: none in this command). */
  readonly targetedPlacement: { readonly openingId: string; readonly applicantCategories: readonly number[] } | null;
}

// 第二十二条第二款 对前款第一项、第二项可以单列计划，定向招聘。
export const PREF_TARGETED = defineCheck({
  id: 'PREF-TARGETED',
  title: { zh: '定向招聘限于第一项、第二项人员', en: 'Targeted openings only for categories (1) and (2)' },
  citations: [nmg(22, 2)],
  uses: ['COMMAND'],
  parameters: [],
  check: function targetedOnlyForFirstTwo({ targetedOpenings, targetedPlacement }: TargetedFacts, { fail }) {
    const out: Violation[] = [];
    for (const o of targetedOpenings) {
      if (o.categories.length === 0 || o.categories.some((c) => c !== 1 && c !== 2)) {
        out.push(fail({ zh: `定向岗位${o.id}只能面向第二十二条第一款第一项、第二项人员`, en: `Targeted opening ${o.id} may only be for categories (1) and (2)`, observed: [...o.categories], expected: 'a non-empty subset of [1, 2]' }));
      }
    }
    if (targetedPlacement) {
      const opening = targetedOpenings.find((o) => o.id === targetedPlacement.openingId);
      const allowed = opening?.categories ?? [];
      if (!targetedPlacement.applicantCategories.some((c) => allowed.includes(c) && (c === 1 || c === 2))) {
        out.push(fail({ zh: '该应聘人员不属于定向岗位面向的人员', en: 'The applicant is not of a category the targeted opening is for', observed: [...targetedPlacement.applicantCategories], expected: [...allowed] }));
      }
    }
    return out;
  },
});

export interface PersonRegistryFacts {
  /** Active auxiliary contracts of this natural person anywhere in the system (by ID number). */
  readonly person: { readonly activeContractIds: readonly string[] };
}

// 第三条第一款 本条例所称警务辅助人员……面向社会公开招聘……  第二十四条 公安机关应当与辅警签订劳动合同……
export const PERSON_UNIQUE = defineCheck({
  id: 'PERSON-UNIQUE',
  title: { zh: '一人只有一份在用辅警劳动合同', en: 'One natural person holds at most one active auxiliary contract' },
  citations: [nmg(24), nmg(3, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function oneActiveContractPerPerson({ person }: PersonRegistryFacts, { fail }) {
    return person.activeContractIds.length === 0
      ? []
      : [fail({ zh: '此人已有在用的辅警劳动合同', en: 'This person already holds an active auxiliary contract', observed: [...person.activeContractIds], expected: [] })];
  },
});
