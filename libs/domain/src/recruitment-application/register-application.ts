import { judgeInForce, RECRUITMENT_STAGE_CHECKS } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { organRef, type OrganState } from '../organ/organ';
import { openingOrganIds } from '../recruitment-plan/plan-organs';
import { recruitmentPlanRef, targetedOpeningsOf, type RecruitmentPlanState } from '../recruitment-plan/recruitment-plan';
import { applicationRef, applicationRegistered, type ApplicantProfile, type RecruitmentApplicationState } from './recruitment-application';

/**
 * 报名 (Art. 20 (2)): an applicant registers to an announced plan. The
 * registration date (the effective date) is the date Art. 21 (2) measures age
 * on. Judged now: the stage order (the plan announced: stage (1)), who
 * recruits, the applicant's own declared conditions (age, citizenship,
 * education or its relaxation) and a targeted opening's categories; the
 * qualification review completes stage (2) later with the checks.
 */
export type RegisterApplication = Command<
  'RegisterApplication',
  {
    applicationId: string;
    planId: string;
    /** Salted hash of the ID number, computed by the application layer: the ID number itself never enters an event. */
    personKey: string;
    applicant: ApplicantProfile;
    preferenceCategories: number[];
    targetedOpeningId: string | null;
  }
>;

type Streams = { application: StreamRef<RecruitmentApplicationState>; plan: StreamRef<RecruitmentPlanState>; recruiter?: StreamRef<OrganState> };

const REGISTRATION_CHECKS = [...RECRUITMENT_STAGE_CHECKS, 'ELIG-AGE', 'ELIG-CITIZEN', 'ELIG-EDU', 'ELIG-EDU-RELAX', 'PREF-TARGETED'] as const;

export const registerApplication: CommandHandler<RegisterApplication, Streams> = {
  commandType: 'RegisterApplication',
  streams: ({ data, metadata }) => ({
    application: applicationRef(data.applicationId),
    plan: recruitmentPlanRef(data.planId),
    ...(metadata.actor.organId ? { recruiter: organRef(metadata.actor.organId) } : {}),
  }),
  decide({ data, metadata }, { application, plan, recruiter }, { registry }) {
    if (application.status !== 'NONE') {
      return refuseWithStateCode('APPLICATION_ALREADY_REGISTERED', { zh: `报名${data.applicationId}已登记`, en: `Application ${data.applicationId} is already registered` });
    }
    if (plan.status === 'NONE') {
      return refuseWithStateCode('PLAN_NOT_FOUND', { zh: `招聘计划${data.planId}不存在`, en: `No recruitment plan ${data.planId}` });
    }
    if (plan.status === 'CLOSED') {
      return refuseWithStateCode('PLAN_CLOSED', { zh: `招聘计划${data.planId}已结束`, en: `Recruitment plan ${data.planId} is closed` });
    }
    if (data.targetedOpeningId !== null && !plan.openings.some((o) => o.openingId === data.targetedOpeningId && o.targetedCategories !== null)) {
      return refuseWithStateCode('NOT_A_TARGETED_OPENING', { zh: `${data.targetedOpeningId}不是本计划的定向岗位`, en: `${data.targetedOpeningId} is not a targeted opening of the plan` });
    }
    const actorOrganId = metadata.actor.organId;
    if (actorOrganId !== null && recruiter?.status !== 'REGISTERED') {
      return refuseWithStateCode('ACTOR_ORGAN_NOT_REGISTERED', { zh: `操作机关${actorOrganId}未登记`, en: `The actor's organ ${actorOrganId} is not registered` });
    }

    const announcedOn = plan.status === 'ANNOUNCED' ? plan.announcedOn : null;
    const judgement = judgeInForce(registry, REGISTRATION_CHECKS, {
      effectiveDate: metadata.effectiveDate,
      recruitingOrgan: recruiter?.status === 'REGISTERED' ? { id: recruiter.organId, level: recruiter.level } : { id: plan.draftingOrganId, level: plan.draftingOrganLevel },
      application: { id: data.applicationId, stages: announcedOn ? [{ stage: 1, outcome: 'PASSED', date: announcedOn }] : [] },
      step: { kind: 'STAGE', stage: 2 },
      applicant: data.applicant,
      registration: { date: metadata.effectiveDate },
      targetedOpenings: targetedOpeningsOf(plan.openings),
      targetedPlacement: data.targetedOpeningId ? { openingId: data.targetedOpeningId, applicantCategories: data.preferenceCategories } : null,
    });
    if (!judgement.ok || announcedOn === null) return refuseCitingRules(judgement);

    return accept(
      {
        application: [
          applicationRegistered({
            applicationId: data.applicationId,
            planId: data.planId,
            personKey: data.personKey,
            applicant: data.applicant,
            preferenceCategories: data.preferenceCategories,
            targetedOpeningId: data.targetedOpeningId,
            targetedOrganId: plan.openings.find((o) => o.openingId === data.targetedOpeningId)?.organId ?? null,
            openingOrganIds: openingOrganIds(plan.openings),
            recruitingOrganId: plan.draftingOrganId,
            recruitingOrganLevel: plan.draftingOrganLevel,
            announcedOn,
            postConditions: plan.postConditions,
          }),
        ],
      },
      judgement,
    );
  },
};
