import { judgeInForce, type AuxiliaryCategory, type IsoDate, type Judgement, type OrganLevel, type RuleSetRegistry, type RulesInForce } from '@auxledger/statute';
import type { Aggregate, DomainEvent, Envelope, StreamRef } from '../kernel';

/**
 * A recruitment plan (招聘计划, Arts. 18–19, 22 ¶2): drafted by a CITY-level
 * organ or above within the quota headroom of the organs it recruits for,
 * approved by the same-level people's government, filed with the REGION organ
 * (CITY-level plans), announced — which is stage (1) of Art. 20 for every
 * application to it — and closed, which frees its unfilled openings.
 *
 * Commands that touch organs read each one under the role `organ:<organId>`
 * (`organRole`), the drafting organ included; a plan's openings are reserved
 * in those organs' streams (`PlanOpeningsReserved`) in the same append.
 */

// ── Events ──────────────────────────────────────────────────────────────────

export interface PlanOpening {
  openingId: string;
  /** The using organ the opening recruits for. */
  organId: string;
  /** null: either category. */
  category: AuxiliaryCategory | null;
  count: number;
  /** 定向招聘 (Art. 22 ¶2): the Art. 22 ¶1 items the opening is reserved for; null: open to all. */
  targetedCategories: number[] | null;
}

/** A post-specific condition (Art. 21 (5)) every applicant to the plan must meet. */
export interface PostCondition {
  id: string;
  description: string;
}

export interface PlanApproval {
  /** The approving people's government's level (same level as the drafting organ). */
  governmentLevel: OrganLevel;
  approver: string;
  documentNumber: string;
  approvedOn: IsoDate;
}

export type RecruitmentPlanDrafted = DomainEvent<
  'RecruitmentPlanDrafted',
  {
    planId: string;
    draftingOrganId: string;
    draftingOrganLevel: OrganLevel;
    title: string;
    openings: PlanOpening[];
    postConditions: PostCondition[];
  }
>;
export type RecruitmentPlanApproved = DomainEvent<'RecruitmentPlanApproved', { planId: string } & PlanApproval>;
/** 备案 with the REGION organ (Art. 18 ¶2). */
export type RecruitmentPlanFiled = DomainEvent<'RecruitmentPlanFiled', { planId: string; regionOrganId: string; filingRef: string; filedOn: IsoDate }>;
/** 发布招聘公告: Art. 20 (1). */
export type RecruitmentAnnounced = DomainEvent<'RecruitmentAnnounced', { planId: string; announcementRef: string; announcedOn: IsoDate }>;
/** Art. 22 ¶1 ranking, first place first. */
export type RankingRecorded = DomainEvent<'RankingRecorded', { planId: string; ranking: RankingEntry[]; rankedOn: IsoDate }>;
export type RecruitmentPlanClosed = DomainEvent<'RecruitmentPlanClosed', { planId: string; reason: PlanCloseReason; closedOn: IsoDate }>;

export interface RankingEntry {
  /** The application's id (PREF-RANK's word: one applicant per application). */
  applicantId: string;
  score: number;
  eligible: boolean;
  preferenceCategories: number[];
}

export type PlanCloseReason = 'COMPLETED' | 'WITHDRAWN' | 'NOT_APPROVED';

export type RecruitmentPlanEvent =
  | RecruitmentPlanDrafted
  | RecruitmentPlanApproved
  | RecruitmentPlanFiled
  | RecruitmentAnnounced
  | RankingRecorded
  | RecruitmentPlanClosed;

const v1 = <E extends RecruitmentPlanEvent>(type: E['type'], data: E['data']): E => ({ type, schemaVersion: 1, data }) as E;
export const recruitmentPlanDrafted = (data: RecruitmentPlanDrafted['data']) => v1<RecruitmentPlanDrafted>('RecruitmentPlanDrafted', data);
export const recruitmentPlanApproved = (data: RecruitmentPlanApproved['data']) => v1<RecruitmentPlanApproved>('RecruitmentPlanApproved', data);
export const recruitmentPlanFiled = (data: RecruitmentPlanFiled['data']) => v1<RecruitmentPlanFiled>('RecruitmentPlanFiled', data);
export const recruitmentAnnounced = (data: RecruitmentAnnounced['data']) => v1<RecruitmentAnnounced>('RecruitmentAnnounced', data);
export const rankingRecorded = (data: RankingRecorded['data']) => v1<RankingRecorded>('RankingRecorded', data);
export const recruitmentPlanClosed = (data: RecruitmentPlanClosed['data']) => v1<RecruitmentPlanClosed>('RecruitmentPlanClosed', data);

// ── State ───────────────────────────────────────────────────────────────────

interface PlanTerms {
  planId: string;
  draftingOrganId: string;
  draftingOrganLevel: OrganLevel;
  title: string;
  openings: PlanOpening[];
  postConditions: PostCondition[];
  draftedOn: IsoDate;
  /** Art. 18 ¶2 filing; null until filed. */
  filing: { regionOrganId: string; filingRef: string; filedOn: IsoDate } | null;
  /** Rankings recorded, the latest last. */
  rankings: { ranking: RankingEntry[]; rankedOn: IsoDate }[];
}

export interface NoPlan {
  status: 'NONE';
}
export interface DraftedPlan extends PlanTerms {
  status: 'DRAFTED';
}
export interface ApprovedPlan extends PlanTerms {
  status: 'APPROVED';
  approval: PlanApproval;
}
export interface AnnouncedPlan extends PlanTerms {
  status: 'ANNOUNCED';
  approval: PlanApproval;
  announcedOn: IsoDate;
  announcementRef: string;
}
export interface ClosedPlan extends PlanTerms {
  status: 'CLOSED';
  approval: PlanApproval | null;
  announcedOn: IsoDate | null;
  reason: PlanCloseReason;
  closedOn: IsoDate;
}

export type RecruitmentPlanState = NoPlan | DraftedPlan | ApprovedPlan | AnnouncedPlan | ClosedPlan;
export type ExistingPlan = Exclude<RecruitmentPlanState, NoPlan>;

// ── Evolve ──────────────────────────────────────────────────────────────────

export function evolveRecruitmentPlan(state: RecruitmentPlanState, { event, effectiveDate }: Envelope<RecruitmentPlanEvent>): RecruitmentPlanState {
  if (event.type === 'RecruitmentPlanDrafted') {
    if (state.status !== 'NONE') return state;
    const { planId, draftingOrganId, draftingOrganLevel, title, openings, postConditions } = event.data;
    return { status: 'DRAFTED', planId, draftingOrganId, draftingOrganLevel, title, openings, postConditions, draftedOn: effectiveDate, filing: null, rankings: [] };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'RecruitmentPlanApproved': {
      if (state.status !== 'DRAFTED') return state;
      const { governmentLevel, approver, documentNumber, approvedOn } = event.data;
      return { ...state, status: 'APPROVED', approval: { governmentLevel, approver, documentNumber, approvedOn } };
    }
    case 'RecruitmentPlanFiled': {
      const { regionOrganId, filingRef, filedOn } = event.data;
      return { ...state, filing: { regionOrganId, filingRef, filedOn } };
    }
    case 'RecruitmentAnnounced':
      if (state.status !== 'APPROVED') return state;
      return { ...state, status: 'ANNOUNCED', announcedOn: event.data.announcedOn, announcementRef: event.data.announcementRef };
    case 'RankingRecorded':
      return { ...state, rankings: [...state.rankings, { ranking: event.data.ranking, rankedOn: event.data.rankedOn }] };
    case 'RecruitmentPlanClosed': {
      if (state.status === 'CLOSED') return state;
      const approval = state.status === 'DRAFTED' ? null : state.approval;
      const announcedOn = state.status === 'ANNOUNCED' ? state.announcedOn : null;
      const { filing, rankings, planId, draftingOrganId, draftingOrganLevel, title, openings, postConditions, draftedOn } = state;
      return {
        status: 'CLOSED', planId, draftingOrganId, draftingOrganLevel, title, openings, postConditions, draftedOn, filing, rankings,
        approval, announcedOn, reason: event.data.reason, closedOn: event.data.closedOn,
      };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const RecruitmentPlan: Aggregate<RecruitmentPlanState, RecruitmentPlanEvent> = {
  streamPrefix: 'recruitment-plan',
  initialState: () => ({ status: 'NONE' }),
  evolve: evolveRecruitmentPlan,
};

export const recruitmentPlanRef = (planId: string): StreamRef<RecruitmentPlanState> => ({
  aggregate: RecruitmentPlan as Aggregate<RecruitmentPlanState, never>,
  id: planId,
});

/** The stream role under which a plan command reads (and reserves in) one organ. */
export type OrganRole = `organ:${string}`;
export const organRole = (organId: string): OrganRole => `organ:${organId}`;

/** The organs a plan touches: the drafting organ and every organ it recruits for, each once. */
export const planOrganIds = (draftingOrganId: string, openings: readonly Pick<PlanOpening, 'organId'>[]): string[] => [
  ...new Set([draftingOrganId, ...openings.map((o) => o.organId)]),
];

/** The targeted openings of a plan as PREF-TARGETED reads them. */
export const targetedOpeningsOf = (openings: readonly PlanOpening[]) =>
  openings.filter((o) => o.targetedCategories !== null).map((o) => ({ id: o.openingId, categories: o.targetedCategories ?? [] }));

/**
 * Supervision (Art. 18 ¶2, PLAN-FILING): is the plan filed with the REGION
 * organ as of a date? A judgement with the finding, for supervision views.
 */
export function planFilingFinding(plan: ExistingPlan, asOf: IsoDate, registry: RuleSetRegistry<RulesInForce>): Judgement {
  return judgeInForce(registry, ['PLAN-FILING'], {
    effectiveDate: asOf,
    plan: { draftingOrganLevel: plan.draftingOrganLevel, filedWithRegionOn: plan.filing?.filedOn ?? null },
  });
}
