import type { Bilingual, RosterCounts } from '../../api';

/** The API's answers the find pages read (apps/api/src/queries: roster, person-file, recruitment-plans). */

export type ShownPerson =
  | { status: 'READABLE'; name: string; gender: string; idNumberMasked: string; nationality: string }
  | { status: 'SHREDDED'; name: null; gender: null; idNumberMasked: null };

export interface RosterEntry {
  auxiliary_id: string;
  using_organ_id: string;
  category: string;
  level: string;
  level_since: string;
  status: string;
  hired_on: string;
  probation_last_day: string | null;
  contract_end_date: string | null;
  duty_codes: string[];
  leading_officer_ids: string[];
  open_assignments: number;
  suspended_on: string | null;
  departed_on: string | null;
  departure_reason: string | null;
  person: ShownPerson | null;
}

export interface RosterAnswer {
  organId: string;
  subtree: boolean;
  asOf: string;
  counts: RosterCounts;
  entries?: RosterEntry[];
  next?: string | null;
}

export interface PersonFileState {
  auxiliary_id: string;
  /** The salted key the person's identity and sealed data are kept under (no ID number on a read-model row). */
  person_key: string;
  application_id: string;
  using_organ_id: string;
  category: string;
  status: string;
  level: string;
  level_since: string;
  pay_locality: string;
  pay_monthly_base_fen: number;
  pay_since: string;
  hired_on: string;
  /** A service found on record (issue 11 item 8): the day its record began; null for a hire. */
  migrated_from?: string | null;
  migration_source_ref?: string | null;
  contract_id: string;
  contract_kind: string;
  contract_start_date: string;
  contract_end_date: string | null;
  probation_last_day: string | null;
  contract_renewals: number;
  insurance: string[];
  last_health_check_on: string | null;
  last_health_check_result: string | null;
  pre_job_training_on: string | null;
  annual_training_years: number[];
  trainings: number;
  qualifications: Array<{ qualificationId: string; kind: string; validFrom: string; validUntil: string | null }>;
  credentials_issued: number;
  credentials: Array<{ kind: string; serial: string; issuedOn: string; recoveredOn: string | null }>;
  assessment_count: number;
  last_assessment: { assessmentId: string; period: string; grade: string; assessedOn: string } | null;
  sanctions: Array<{ disciplineId: string; sanction: string; effectiveFrom: string; effectiveUntil: string | null }>;
  commendations: number;
  complaints: Array<{ complaintId: string; receivedOn: string; investigatedOn: string | null; decidedOn: string | null; complainantToldOn: string | null }>;
  injuries: number;
  compensation_paid_fen: number;
  compensation_recovered_fen: number;
  assignments: Array<{ assignmentId: string; dutyCodes: string[]; leadingOfficerIds: string[]; matterId: string | null; from: string }>;
  suspended_on: string | null;
  departed_on: string | null;
  departure_reason: string | null;
}

export interface TimelineEntry {
  global_position: number;
  row_seq: number;
  effective_date: string;
  recorded_at: string;
  event_type: string;
  summary_zh: string;
  summary_en: string;
  actor_id: string;
  actor_role: string | null;
  actor_organ_id: string | null;
  command_id: string;
}

export interface PersonFileAnswer {
  auxiliaryId: string;
  asOf: string;
  state: PersonFileState | null;
  timeline: TimelineEntry[];
  person: ShownPerson | null;
}

export interface PlanRow {
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
  openings: Array<{ organId: string; category: string | null; count: number }>;
  organ_ids: string[];
}

export interface PlansAnswer {
  asOf: string;
  plans: PlanRow[];
}

/** GET /api/catalog/commands, as much as the person file's links read. */
export interface CommandCatalog {
  groups: Array<{ id: string; title: Bilingual }>;
  commands: Array<{
    commandType: string;
    path: string;
    group: string | null;
    roles: string[];
    title: Bilingual;
    fields: Array<{ name: string; type: string; required: boolean; enum?: Array<{ value: string; label?: Bilingual }> }>;
  }>;
}

/** GET /api/applications (the lists contract): an application's place in Art. 20. */
export const STAGES = ['REGISTRATION', 'QUALIFICATION_REVIEW', 'EXAMS', 'MEDICAL', 'INSPECTION', 'PUBLIC_NOTICE', 'HIRED', 'WITHDRAWN', 'FAILED'] as const;
export type Stage = (typeof STAGES)[number];

export interface ApplicationEntry {
  applicationId: string;
  planId: string;
  openingId: string | null;
  organId: string;
  recruitingOrganId: string;
  personKey: string;
  stage: Stage;
  nextStage: 'QUALIFICATION_REVIEW' | 'EXAMS' | 'MEDICAL' | 'INSPECTION' | 'PUBLIC_NOTICE' | 'HIRE' | null;
  registeredOn: string;
  announcedOn: string | null;
  stageDates: Partial<Record<Stage, string | null>>;
  failure: { stage: number; stageKey: string; reason: string; on: string } | null;
  hired: { auxiliaryId: string; on: string } | null;
  person: ShownPerson | null;
}

export interface ApplicationsAnswer {
  organId: string;
  subtree: boolean;
  asOf: string;
  planId: string | null;
  counts: { total: number; byStage: Record<string, number>; byPlan: Record<string, number> };
  entries?: ApplicationEntry[];
  next?: string | null;
}
