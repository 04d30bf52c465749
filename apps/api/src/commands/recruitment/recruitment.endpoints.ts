import {
  announceRecruitment, approveRecruitmentPlan, closeRecruitmentPlan, completePublicNotice, draftRecruitmentPlan, failRecruitmentStage, fileRecruitmentPlan,
  recordExamResults, recordInspection, recordMedicalExamination, recordRanking, registerApplication, reviewQualification,
} from '@auxledger/domain';
import { defineCommandEndpoint } from '../shared/define-command-endpoint';
import { AnnounceRecruitmentRequestDto } from './announce-recruitment.request.dto';
import { ApproveRecruitmentPlanRequestDto } from './approve-recruitment-plan.request.dto';
import { CloseRecruitmentPlanRequestDto } from './close-recruitment-plan.request.dto';
import { CompletePublicNoticeRequestDto } from './complete-public-notice.request.dto';
import { DraftRecruitmentPlanRequestDto } from './draft-recruitment-plan.request.dto';
import { FailRecruitmentStageRequestDto } from './fail-recruitment-stage.request.dto';
import { FileRecruitmentPlanRequestDto } from './file-recruitment-plan.request.dto';
import { RecordExamResultsRequestDto } from './record-exam-results.request.dto';
import { RecordInspectionRequestDto } from './record-inspection.request.dto';
import { RecordMedicalExaminationRequestDto } from './record-medical-examination.request.dto';
import { RecordRankingRequestDto } from './record-ranking.request.dto';
import { RegisterApplicationRequestDto } from './register-application.request.dto';
import { ReviewQualificationRequestDto } from './review-qualification.request.dto';

/** A plan is its drafting organ's, and so is every application to it (the organ that organises the recruitment, Art. 19 ¶1). */
const ofPlan = (d: { planId: string }) => ({ planId: d.planId });
const ofApplication = (d: { applicationId: string }) => ({ applicationId: d.applicationId });
/** A plan, and the organs whose quota streams the command writes (reservations judged again or released). */
const ofPlanAndOrgans = (d: { planId: string; organIds: readonly string[] }) => [ofPlan(d), ...d.organIds.map((organId) => ({ organId }))];

/** Recruitment (Arts. 18–23): the plan, then each application through the stages of Art. 20, up to the hire. */
export const RECRUITMENT_ENDPOINTS = [
  defineCommandEndpoint({
    handler: draftRecruitmentPlan,
    dto: DraftRecruitmentPlanRequestDto,
    // The drafting organ, and every organ an opening recruits for: the openings are reserved in those organs' quotas (Art. 7).
    scope: (d) => [{ organId: d.draftingOrganId }, ...d.openings.map((o) => ({ organId: o.organId }))],
    summary: '制定招聘计划 Draft a recruitment plan',
    description: 'Art. 18 ¶1 (PLAN-ORGAN, PLAN-NO-SELF), Art. 7 (QUOTA-PLAN: within each organ’s quota headroom, reserved in the same append), Art. 22 ¶2 (PREF-TARGETED).',
  }),
  defineCommandEndpoint({
    handler: approveRecruitmentPlan,
    dto: ApproveRecruitmentPlanRequestDto,
    scope: ofPlan,
    summary: '批准招聘计划 Record the government’s approval',
    description: 'Art. 18 ¶1 (PLAN-APPROVAL): approved by the same-level people’s government, with approver and document number.',
  }),
  defineCommandEndpoint({
    handler: fileRecruitmentPlan,
    dto: FileRecruitmentPlanRequestDto,
    scope: ofPlan,
    summary: '备案 File the plan with the region',
    description: 'Art. 18 ¶2 (PLAN-FILING): a CITY-level plan is filed with the REGION-level organ.',
  }),
  defineCommandEndpoint({
    handler: announceRecruitment,
    dto: AnnounceRecruitmentRequestDto,
    scope: ofPlanAndOrgans,
    summary: '发布招聘公告 Announce the recruitment',
    description: 'Art. 20 (1); Art. 18 ¶1 (PLAN-APPROVAL on the announcement’s date); QUOTA-PLAN judged again.',
  }),
  defineCommandEndpoint({
    handler: registerApplication,
    dto: RegisterApplicationRequestDto,
    scope: ofPlan,
    summary: '报名 Register an application',
    description: 'Art. 20 (2), Art. 21 (1)–(3) (ELIG-AGE, ELIG-CITIZEN, ELIG-EDU, ELIG-EDU-RELAX), Art. 22 ¶2 (PREF-TARGETED), RECR-ORDER: to an announced plan.',
  }),
  defineCommandEndpoint({
    handler: reviewQualification,
    dto: ReviewQualificationRequestDto,
    scope: ofApplication,
    summary: '资格审查 Record the qualification review passed',
    description: 'Art. 20 (2), Art. 21 (ELIG-*), Art. 23 (DISQ-1…8, every item needs a finding), RECR-ORDER, PLAN-NO-SELF.',
  }),
  defineCommandEndpoint({
    handler: recordExamResults,
    dto: RecordExamResultsRequestDto,
    scope: ofApplication,
    summary: '笔试、体能测试与面试 Record the exams passed',
    description: 'Art. 20 (3), with the scores that rank applicants (Art. 22 ¶1); RECR-ORDER, PLAN-NO-SELF.',
  }),
  defineCommandEndpoint({
    handler: recordMedicalExamination,
    dto: RecordMedicalExaminationRequestDto,
    scope: ofApplication,
    summary: '体检 Record the medical examination passed',
    description: 'Art. 20 (4), Art. 21 (4): only the outcome and the sealed report’s reference (PIPL); RECR-ORDER, PLAN-NO-SELF.',
  }),
  defineCommandEndpoint({
    handler: recordInspection,
    dto: RecordInspectionRequestDto,
    scope: ofApplication,
    summary: '考察 Record the inspection passed',
    description: 'Art. 20 (5): Art. 23 judged again (DISQ-1…8) on what the inspection found; RECR-ORDER, PLAN-NO-SELF.',
  }),
  defineCommandEndpoint({
    handler: completePublicNotice,
    dto: CompletePublicNoticeRequestDto,
    scope: ofApplication,
    summary: '公示 Record the public notice completed',
    description: 'Art. 20 (6): the notice ran without an upheld objection; the application is ready to be hired. RECR-ORDER, PLAN-NO-SELF.',
  }),
  defineCommandEndpoint({
    handler: failRecruitmentStage,
    dto: FailRecruitmentStageRequestDto,
    scope: ofApplication,
    summary: '未通过招聘环节 Record a stage not passed',
    description: 'Art. 20: the application ends; recorded in order like a pass (RECR-ORDER, PLAN-NO-SELF), with a coarse reason and a sealed reference.',
  }),
  defineCommandEndpoint({
    handler: recordRanking,
    dto: RecordRankingRequestDto,
    scope: ofPlan,
    summary: '排名 Record the ranking',
    description: 'Art. 22 ¶1 (PREF-RANK): scores first; a preference only at equal scores, never for the ineligible.',
  }),
  defineCommandEndpoint({
    handler: closeRecruitmentPlan,
    dto: CloseRecruitmentPlanRequestDto,
    scope: ofPlanAndOrgans,
    summary: '结束招聘计划 Close the plan',
    description: 'Arts. 18–19: completed, withdrawn or never approved; its unfilled openings stop holding quota headroom (Art. 7).',
  }),
];
