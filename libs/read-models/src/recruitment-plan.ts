import { type RecruitmentPlanState, RecruitmentPlan, envelopeOf } from '@auxledger/domain';
import { defineTemporal } from '@auxledger/projection-engine';
import { idInStream } from './common';

/**
 * Recruitment plans (Arts. 18–19), temporal: status and the dates of drafting,
 * approval (same-level government), filing with the REGION organ (备案, Art.
 * 18 ¶2), announcement and closing. Used by quota use (approved plans'
 * reservations) and supervision (unapproved or unfiled plans).
 */
export type RecruitmentPlanRow = {
  plan_id: string;
  drafting_organ_id: string;
  drafting_organ_level: string;
  title: string;
  status: string;
  drafted_on: string;
  approved_on: string | null;
  approval_document: string | null;
  filed_on: string | null;
  filing_ref: string | null;
  announced_on: string | null;
  closed_on: string | null;
  close_reason: string | null;
  openings_total: number;
  /** Per opening: organ, category, count. */
  openings: Array<{ organId: string; category: string | null; count: number }>;
  /** The organs the plan recruits for, sorted. */
  organ_ids: string[];
};

export function recruitmentPlanRow(state: RecruitmentPlanState): RecruitmentPlanRow | null {
  if (state.status === 'NONE') return null;
  const approval = state.status === 'DRAFTED' ? null : state.approval;
  return {
    plan_id: state.planId,
    drafting_organ_id: state.draftingOrganId,
    drafting_organ_level: state.draftingOrganLevel,
    title: state.title,
    status: state.status,
    drafted_on: state.draftedOn,
    approved_on: approval?.approvedOn ?? null,
    approval_document: approval?.documentNumber ?? null,
    filed_on: state.filing?.filedOn ?? null,
    filing_ref: state.filing?.filingRef ?? null,
    announced_on: state.status === 'ANNOUNCED' || state.status === 'CLOSED' ? state.announcedOn : null,
    closed_on: state.status === 'CLOSED' ? state.closedOn : null,
    close_reason: state.status === 'CLOSED' ? state.reason : null,
    openings_total: state.openings.reduce((n, o) => n + o.count, 0),
    openings: state.openings.map((o) => ({ organId: o.organId, category: o.category, count: o.count })),
    organ_ids: [...new Set(state.openings.map((o) => o.organId))].sort(),
  };
}

export const recruitmentPlan = defineTemporal<RecruitmentPlanState, RecruitmentPlanRow>({
  name: 'recruitment_plan',
  entityColumn: 'plan_id',
  columns: {
    plan_id: 'text',
    drafting_organ_id: 'text',
    drafting_organ_level: 'text',
    title: 'text',
    status: 'text',
    drafted_on: 'date',
    approved_on: 'date',
    approval_document: 'text',
    filed_on: 'date',
    filing_ref: 'text',
    announced_on: 'date',
    closed_on: 'date',
    close_reason: 'text',
    openings_total: 'integer',
    openings: 'json',
    organ_ids: 'json',
  },
  indexes: [['drafting_organ_id'], ['status']],
  entity: (event) => idInStream(event, RecruitmentPlan.streamPrefix),
  initialState: () => RecruitmentPlan.initialState(),
  evolve: (state, event) => RecruitmentPlan.evolve(state, envelopeOf(event) as never),
  row: recruitmentPlanRow,
});
