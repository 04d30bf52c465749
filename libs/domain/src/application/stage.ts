import type { IsoDate, RecruitingOrganFacts, RecruitmentStage } from '@auxledger/statute';
import { refuseByState, type Command, type Decision, type StreamRef } from '../kernel';
import { organRef, type OrganState } from '../organ/organ';
import { applicationRef, type ApplicationState, type ExistingApplication } from './application';

/**
 * What every Art. 20 stage command shares: it reads the application and, when
 * the actor acts for an organ, that organ (role `recruiter`) — PLAN-NO-SELF
 * refuses any recruitment step taken by a unit (警种、单位、基层所队). A
 * region-wide actor acts for the plan's drafting organ.
 */
export type StageStreams = { application: StreamRef<ApplicationState>; recruiter?: StreamRef<OrganState> };

export const stageStreams = (command: Command<string, { applicationId: string }>): StageStreams => ({
  application: applicationRef(command.data.applicationId),
  ...(command.metadata.actor.organId ? { recruiter: organRef(command.metadata.actor.organId) } : {}),
});

/**
 * Record-state guards of a stage command: the application exists, is not used
 * up, has no record of this stage yet, and its last stage is not dated after
 * this step. Gives the application, or the refusal.
 */
export function openStage(state: ApplicationState, stage: RecruitmentStage, applicationId: string, on: IsoDate): ExistingApplication | Decision<never> {
  if (state.status === 'NONE') {
    return refuseByState('APPLICATION_NOT_FOUND', { zh: `报名${applicationId}不存在`, en: `No application ${applicationId}` });
  }
  if (state.status === 'HIRED') {
    return refuseByState('APPLICATION_ALREADY_HIRED', { zh: '该报名已聘用完毕', en: 'The application has already led to a hire' });
  }
  if (state.stages.some((s) => s.stage === stage)) {
    return refuseByState('STAGE_ALREADY_RECORDED', { zh: `第${stage}环节已有记录`, en: `Stage ${stage} is already recorded` }, { stage });
  }
  // RECR-ORDER checks the dates of recorded stages, not the date of the step being judged: the record must not run backwards.
  const last = state.stages[state.stages.length - 1];
  if (last && on < last.date) {
    return refuseByState('STAGE_DATED_BEFORE_PREVIOUS', { zh: `第${stage}环节的日期${on}早于上一环节（${last.date}）`, en: `Stage ${stage} on ${on} is dated before the previous stage (${last.date})` }, { previous: last.date });
  }
  return state;
}

/** The organ taking the step: the actor's organ, or the plan's drafting organ for a region-wide actor. */
export function recruitingOrganOf(
  state: ExistingApplication,
  recruiter: OrganState | undefined,
  actorOrganId: string | null,
): RecruitingOrganFacts['recruitingOrgan'] | Decision<never> {
  if (actorOrganId === null) return { id: state.recruitingOrganId, level: state.recruitingOrganLevel };
  if (recruiter?.status !== 'REGISTERED') {
    return refuseByState('ACTOR_ORGAN_NOT_REGISTERED', { zh: `操作机关${actorOrganId}未登记`, en: `The actor's organ ${actorOrganId} is not registered` });
  }
  return { id: recruiter.organId, level: recruiter.level };
}

export const isDecision = (x: object): x is Decision<never> => 'accepted' in x;
