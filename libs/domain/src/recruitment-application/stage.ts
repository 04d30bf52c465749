import type { IsoDate, RecruitingOrganFacts, RecruitmentStage, ServiceHistoryFacts } from '@auxledger/statute';
import { refuseWithStateCode, type Command, type Decision, type StreamRef } from '../kernel';
import { organRef, type OrganState } from '../organ/organ';
import { personRef, serviceHistoryFacts, type PersonState } from '../person';
import { applicationRef, type RecruitmentApplicationState, type ExistingRecruitmentApplication } from './recruitment-application';

/**
 * What every Art. 20 stage command shares: it reads the application and, when
 * the actor acts for an organ, that organ (role `recruiter`) — PLAN-NO-SELF
 * refuses any recruitment step taken by a unit (警种、单位、基层所队). A
 * region-wide actor acts for the plan's drafting organ.
 */
export type StageStreams = { application: StreamRef<RecruitmentApplicationState>; recruiter?: StreamRef<OrganState> };

export const stageStreams = (command: Command<string, { applicationId: string }>): StageStreams => ({
  application: applicationRef(command.data.applicationId),
  ...(command.metadata.actor.organId ? { recruiter: organRef(command.metadata.actor.organId) } : {}),
});

/**
 * Record-state guards of a stage command: the application exists, is not used
 * up, has no record of this stage yet, and its last stage is not dated after
 * this step. Gives the application, or the refusal.
 */
export function openStage(state: RecruitmentApplicationState, stage: RecruitmentStage, applicationId: string, on: IsoDate): ExistingRecruitmentApplication | Decision<never> {
  if (state.status === 'NONE') {
    return refuseWithStateCode('APPLICATION_NOT_FOUND', { zh: `报名${applicationId}不存在`, en: `No application ${applicationId}` });
  }
  if (state.status === 'HIRED') {
    return refuseWithStateCode('APPLICATION_ALREADY_HIRED', { zh: '该报名已聘用完毕', en: 'The application has already led to a hire' });
  }
  if (state.stages.some((s) => s.stage === stage)) {
    return refuseWithStateCode('STAGE_ALREADY_RECORDED', { zh: `第${stage}环节已有记录`, en: `Stage ${stage} is already recorded` }, { stage });
  }
  // RECR-ORDER checks the dates of recorded stages, not the date of the step being judged: the record must not run backwards.
  const last = state.stages[state.stages.length - 1];
  if (last && on < last.date) {
    return refuseWithStateCode('STAGE_DATED_BEFORE_PREVIOUS', { zh: `第${stage}环节的日期${on}早于上一环节（${last.date}）`, en: `Stage ${stage} on ${on} is dated before the previous stage (${last.date})` }, { previous: last.date });
  }
  return state;
}

/** The organ taking the step: the actor's organ, or the plan's drafting organ for a region-wide actor. */
export function recruitingOrganOf(
  state: ExistingRecruitmentApplication,
  recruiter: OrganState | undefined,
  actorOrganId: string | null,
): RecruitingOrganFacts['recruitingOrgan'] | Decision<never> {
  if (actorOrganId === null) return { id: state.recruitingOrganId, level: state.recruitingOrganLevel };
  if (recruiter?.status !== 'REGISTERED') {
    return refuseWithStateCode('ACTOR_ORGAN_NOT_REGISTERED', { zh: `操作机关${actorOrganId}未登记`, en: `The actor's organ ${actorOrganId} is not registered` });
  }
  return { id: recruiter.organId, level: recruiter.level };
}

export const isDecision = (x: object): x is Decision<never> => 'accepted' in x;

/**
 * A stage that judges Art. 23 (6) 擅自离职 (DISQ-6) also reads the applicant's
 * person registry stream (role `person`), named by the `personKey` the
 * command carries (streams are chosen before they are read; the key must be
 * the application's). Its expected revision then guards the judgement: an
 * abandonment recorded meanwhile makes the append retry.
 */
export type StageWithPersonStreams = StageStreams & { person?: StreamRef<PersonState> };

export interface PersonHistoryData {
  applicationId: string;
  /** The applicant's person key as registered: the person registry stream to read. */
  personKey?: string;
  /** @deprecated The service history as the caller read it; give `personKey` instead and the handler reads it. */
  serviceHistory?: ServiceHistoryFacts['serviceHistory'];
}

export const stageWithPersonStreams = (command: Command<string, PersonHistoryData>): StageWithPersonStreams => ({
  ...stageStreams(command),
  ...(command.data.personKey !== undefined ? { person: personRef(command.data.personKey) } : {}),
});

/** DISQ-5's and DISQ-6's service history as of `on`: the person registry's when the command names the person; else (deprecated) the command's. */
export function serviceHistoryOf(
  app: ExistingRecruitmentApplication,
  data: PersonHistoryData,
  person: PersonState | undefined,
  on: IsoDate,
): ServiceHistoryFacts['serviceHistory'] | Decision<never> {
  if (data.personKey === undefined) {
    return data.serviceHistory ?? refuseWithStateCode('PERSON_KEY_MISSING', { zh: '须写明报名人的人员标识，以核查其从业记录', en: "Name the applicant's person key, so that their service history can be read" });
  }
  if (data.personKey !== app.personKey) {
    return refuseWithStateCode('APPLICATION_PERSON_MISMATCH', { zh: '报名记录属于另一人', en: 'The application belongs to another person' });
  }
  if (data.serviceHistory !== undefined) {
    return refuseWithStateCode('SERVICE_HISTORY_FROM_COMMAND', { zh: '从业记录从人员登记中读取，指令中不得另行提供', en: 'The service history is read from the person registry; the command may not supply one' });
  }
  return serviceHistoryFacts(person ?? { status: 'UNKNOWN' }, on);
}
