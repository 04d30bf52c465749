/**
 * What a command's effective date means, for the bounds every command is held
 * to (the application layer checks them against the day it is recorded):
 * - `HAPPENED`: the command records something that has happened — a
 *   completion, an examination, a decision, a payment. Its date is the day it
 *   happened, which can never lie after the day it is recorded.
 * - `TAKES_EFFECT`: the command records something that takes effect on its
 *   date — a hire, a posting, a promotion, a termination at the end of a
 *   notice. It may be dated ahead, but no further than the horizon of the
 *   parameter `record.effectiveDateHorizonDays`.
 * Every command handler of the domain has an entry (a test fails otherwise).
 */
export type CommandTiming = 'HAPPENED' | 'TAKES_EFFECT';

export const COMMAND_TIMING: Readonly<Record<string, CommandTiming>> = {
  // organs (Arts. 5, 17): an organ and its quota from a date
  RegisterOrgan: 'TAKES_EFFECT',
  SetQuota: 'TAKES_EFFECT',
  // recruitment plans (Art. 18): drafting, approval, filing, announcement, closing are acts
  DraftRecruitmentPlan: 'HAPPENED',
  ApproveRecruitmentPlan: 'HAPPENED',
  FileRecruitmentPlan: 'HAPPENED',
  AnnounceRecruitment: 'HAPPENED',
  CloseRecruitmentPlan: 'HAPPENED',
  // applications (Arts. 20–23): every stage is recorded once it is passed or failed
  RegisterApplication: 'HAPPENED',
  RegisterApplicant: 'HAPPENED',
  // personal data (ADR 0006): a shredding is recorded once the retention ended
  ShredPersonalData: 'HAPPENED',
  ReviewQualification: 'HAPPENED',
  RecordExamResults: 'HAPPENED',
  RecordRanking: 'HAPPENED',
  RecordMedicalExamination: 'HAPPENED',
  RecordInspection: 'HAPPENED',
  CompletePublicNotice: 'HAPPENED',
  FailRecruitmentStage: 'HAPPENED',
  // service: what starts or changes on a date
  Hire: 'TAKES_EFFECT',
  // a service found on record (issue 11 item 8): the record of it begins on its date, never ahead
  RecordExistingService: 'HAPPENED',
  RenewContract: 'TAKES_EFFECT',
  CompleteProbation: 'TAKES_EFFECT',
  AssignDuty: 'TAKES_EFFECT',
  EndDuty: 'TAKES_EFFECT',
  Promote: 'TAKES_EFFECT',
  Demote: 'TAKES_EFFECT',
  AdjustPay: 'TAKES_EFFECT',
  EnrolInsurance: 'TAKES_EFFECT',
  Terminate: 'TAKES_EFFECT',
  // service: what was done, examined or decided
  RecordTraining: 'HAPPENED',
  RecordQualification: 'HAPPENED',
  RecordHealthCheck: 'HAPPENED',
  RecordAssessment: 'HAPPENED',
  RecordInjury: 'HAPPENED',
  IssueCredential: 'HAPPENED',
  RecoverCredential: 'HAPPENED',
  DecideRecusal: 'HAPPENED',
  Commend: 'HAPPENED',
  Discipline: 'HAPPENED',
  Suspend: 'HAPPENED',
  Reinstate: 'HAPPENED',
  CorrectRetroactiveConflict: 'HAPPENED',
  ReceiveComplaint: 'HAPPENED',
  HandleComplaint: 'HAPPENED',
  TellComplainant: 'HAPPENED',
  PayCompensation: 'HAPPENED',
  OrderCompensationRecovery: 'HAPPENED',
  SettleCompensation: 'HAPPENED',
  // fines (Art. 46)
  ImposeFine: 'HAPPENED',
  RevokeFine: 'HAPPENED',
  RecordFinePayment: 'HAPPENED',
};
