import { nmg } from '../citation';
import { defineCheck } from '../rule';
import { ORGAN_KINDS, ORGAN_LEVELS, type OrganKind, type OrganLevel } from '../vocabulary';

/** Organs and scope: Arts. 5–7, 18–19, 34, 46. */

const PARENT_LEVELS: Readonly<Record<OrganLevel, readonly (OrganLevel | null)[]>> = {
  REGION: [null],
  CITY: ['REGION'],
  COUNTY: ['CITY'],
  // 公安机关各警种、单位和基层所队 (Art. 19 ¶2) exist under organs of every level, and nest.
  UNIT: ['REGION', 'CITY', 'COUNTY', 'UNIT'],
};

export interface OrganLevelFacts {
  readonly organ: { readonly id: string; readonly level: OrganLevel; readonly parent: { readonly id: string; readonly level: OrganLevel } | null };
}

// 第五条第一款 旗县级以上人民政府应当加强对本行政区域内辅警工作的领导……
// 第十八条第一款 盟行政公署、设区的市以上人民政府公安机关……  第十九条第二款 公安机关各警种、单位和基层所队……
export const ORG_LEVEL = defineCheck({
  id: 'ORG-LEVEL',
  title: { zh: '机关层级与上级机关', en: 'Every organ has a level and a parent' },
  citations: [nmg(5, 1), nmg(18, 1), nmg(19, 2)],
  uses: ['COMMAND'],
  parameters: [],
  check: function organHasLevelAndParent({ organ }: OrganLevelFacts, { fail }) {
    if (!ORGAN_LEVELS.includes(organ.level)) {
      return [fail({ zh: `机关${organ.id}的层级${organ.level}无效`, en: `Organ ${organ.id} has no valid level`, observed: organ.level, expected: [...ORGAN_LEVELS] })];
    }
    const allowed = PARENT_LEVELS[organ.level];
    const parentLevel = organ.parent?.level ?? null;
    if (allowed.includes(parentLevel)) return [];
    return [
      fail({
        zh: `${organ.level}级机关${organ.id}的上级机关层级应为${allowed.map((l) => l ?? '无').join('或')}`,
        en: `A ${organ.level} organ's parent must be ${allowed.map((l) => l ?? 'none').join(' or ')}`,
        observed: parentLevel,
        expected: [...allowed],
      }),
    ];
  },
});

export interface OrganKindFacts {
  readonly organ: { readonly id: string; readonly kind: OrganKind };
}

// 第四十六条 审判机关、检察机关、司法行政部门辅警的招聘、使用、管理监督和保障，参照本条例执行。
export const ORG_KIND = defineCheck({
  id: 'ORG-KIND',
  title: { zh: '机关类别', en: 'Organ kind' },
  citations: [nmg(46)],
  uses: ['COMMAND'],
  parameters: [],
  check: function organKindIsKnown({ organ }: OrganKindFacts, { fail }) {
    return ORGAN_KINDS.includes(organ.kind)
      ? []
      : [fail({ zh: `机关${organ.id}的类别无效`, en: `Organ ${organ.id} has an unknown kind`, observed: organ.kind, expected: [...ORGAN_KINDS] })];
  },
});

export interface UsingOrganFacts {
  readonly auxiliary: { readonly usingOrganIds: readonly string[] };
}

// 第三十四条第一款 旗县级以上人民政府公安机关应当按照谁使用、谁管理、谁负责的原则……
export const ORG_RESP = defineCheck({
  id: 'ORG-RESP',
  title: { zh: '谁使用、谁管理、谁负责', en: 'Exactly one using organ is responsible' },
  citations: [nmg(34, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function exactlyOneUsingOrgan({ auxiliary }: UsingOrganFacts, { fail }) {
    const organs = [...new Set(auxiliary.usingOrganIds)];
    return organs.length === 1
      ? []
      : [fail({ zh: '辅警应当有且只有一个使用单位', en: 'An auxiliary has exactly one using organ', observed: organs, expected: 'exactly one organ' })];
  },
});

export interface OperatorScopeFacts {
  readonly operator: { readonly grantedOrganIds: readonly string[] };
  /** The organ acted on, with its ancestors (any order). */
  readonly targetOrgan: { readonly id: string; readonly ancestorIds: readonly string[] };
}

// 第三十四条第三款 上级公安机关应当加强对下级公安机关辅警工作的指导和监督。
export const ORG_SUPERVISE = defineCheck({
  id: 'ORG-SUPERVISE',
  title: { zh: '上级监督下级；操作人员只在授权机关范围内操作', en: 'Act only within the granted organ subtree' },
  citations: [nmg(34, 3)],
  uses: ['COMMAND'],
  parameters: [],
  check: function withinGrantedSubtree({ operator, targetOrgan }: OperatorScopeFacts, { fail }) {
    const path = new Set([targetOrgan.id, ...targetOrgan.ancestorIds]);
    return operator.grantedOrganIds.some((id) => path.has(id))
      ? []
      : [
          fail({
            zh: `机关${targetOrgan.id}不在授权机关及其下级范围内`,
            en: `Organ ${targetOrgan.id} is outside the organs granted and those below them`,
            observed: targetOrgan.id,
            expected: [...operator.grantedOrganIds],
          }),
        ];
  },
});

export interface QuotaSetFacts {
  readonly quota: {
    readonly organId: string;
    readonly setByLevel: OrganLevel;
    readonly documentRef: string | null;
    readonly headcount: number;
    readonly from: string;
  };
}

// 第七条 辅警实行用人额度管理。自治区人民政府公安机关应当会同机构编制、财政、人力资源和社会保障等部门……
// 制定全区公安机关辅警用人额度管理办法，报自治区人民政府批准后实施。
export const QUOTA_SET = defineCheck({
  id: 'QUOTA-SET',
  title: { zh: '用人额度由自治区核定', en: 'Quotas are set at region level with a document' },
  citations: [nmg(7)],
  uses: ['COMMAND'],
  parameters: [],
  check: function quotaSetByRegion({ quota }: QuotaSetFacts, { fail }) {
    const out = [];
    if (quota.setByLevel !== 'REGION') {
      out.push(fail({ zh: '用人额度应当由自治区一级核定', en: 'A quota is set by a REGION-level authority', observed: quota.setByLevel, expected: 'REGION' }));
    }
    if (!quota.documentRef?.trim()) {
      out.push(fail({ zh: '用人额度应当记录批准文件', en: 'A quota records its approving document', observed: quota.documentRef, expected: 'a document reference' }));
    }
    if (!Number.isInteger(quota.headcount) || quota.headcount < 0) {
      out.push(fail({ zh: '用人额度应为非负整数', en: 'A quota is a whole number of persons', observed: quota.headcount, expected: 'an integer ≥ 0' }));
    }
    return out;
  },
});

export interface QuotaHireFacts {
  /** The using organ's quota in force on the effective date (null: none) and its active headcount before this hire. */
  readonly usingOrganQuota: { readonly organId: string; readonly quota: number | null; readonly activeHeadcount: number };
}

// 第七条 辅警实行用人额度管理。
export const QUOTA_HIRE = defineCheck({
  id: 'QUOTA-HIRE',
  title: { zh: '聘用不得超出用人额度', en: 'A hire stays within the using organ\'s quota' },
  citations: [nmg(7)],
  uses: ['COMMAND'],
  parameters: [],
  check: function hireWithinQuota({ usingOrganQuota: q }: QuotaHireFacts, { fail, on }) {
    if (q.quota === null) {
      return [fail({ zh: `机关${q.organId}在${on}没有核定的用人额度`, en: `Organ ${q.organId} has no quota in force on ${on}`, observed: null, expected: 'a quota in force' })];
    }
    return q.activeHeadcount + 1 <= q.quota
      ? []
      : [
          fail({
            zh: `聘用后在用人数${q.activeHeadcount + 1}超出用人额度${q.quota}`,
            en: `After the hire the headcount ${q.activeHeadcount + 1} exceeds the quota ${q.quota}`,
            observed: q.activeHeadcount + 1,
            expected: `≤ ${q.quota}`,
          }),
        ];
  },
});

export interface QuotaPlanFacts {
  readonly plan: {
    readonly openings: readonly {
      readonly organId: string;
      readonly count: number;
      readonly quota: number | null;
      /** Active auxiliaries plus openings already planned and not yet filled. */
      readonly committedHeadcount: number;
    }[];
  };
}

// 第十八条第一款 ……在核定的辅警用人额度内，制定辅警招聘计划，报同级人民政府批准。
export const QUOTA_PLAN = defineCheck({
  id: 'QUOTA-PLAN',
  title: { zh: '招聘计划在用人额度内', en: 'A recruitment plan fits in the quota headroom' },
  citations: [nmg(18, 1), nmg(7)],
  uses: ['COMMAND'],
  parameters: [],
  check: function planWithinQuota({ plan }: QuotaPlanFacts, { fail }) {
    return plan.openings.flatMap((o) => {
      const headroom = o.quota === null ? 0 : o.quota - o.committedHeadcount;
      return o.count <= headroom
        ? []
        : [
            fail({
              zh: `机关${o.organId}招聘${o.count}人，超出剩余用人额度${Math.max(headroom, 0)}`,
              en: `Organ ${o.organId}: ${o.count} openings exceed the quota headroom ${Math.max(headroom, 0)}`,
              observed: o.count,
              expected: `≤ ${Math.max(headroom, 0)}`,
            }),
          ];
    });
  },
});
