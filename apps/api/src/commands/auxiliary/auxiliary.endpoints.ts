import {
  adjustPay, assignDuty, commend, completeProbation, correctRetroactiveConflict, decideRecusal, demote, discipline, endDuty, enrolInsurance, handleComplaint, hire, issueCredential,
  orderCompensationRecovery, payCompensation, settleCompensation, promote, receiveComplaint, recordAssessment, recordExistingService, recordQualification, recordTraining,
  recoverCredential, reinstate, renewContract, suspend, tellComplainant, terminate,
} from '@auxledger/domain';
import { defineCommandEndpoint } from '../shared/define-command-endpoint';
import { AdjustPayRequestDto } from './adjust-pay.request.dto';
import { AssignDutyRequestDto } from './assign-duty.request.dto';
import { CommendRequestDto } from './commend.request.dto';
import { CompleteProbationRequestDto } from './complete-probation.request.dto';
import { CorrectRetroactiveConflictRequestDto } from './correct-retroactive-conflict.request.dto';
import { DecideRecusalRequestDto } from './decide-recusal.request.dto';
import { DemoteRequestDto } from './demote.request.dto';
import { DisciplineRequestDto } from './discipline.request.dto';
import { EndDutyRequestDto } from './end-duty.request.dto';
import { EnrolInsuranceRequestDto } from './enrol-insurance.request.dto';
import { HandleComplaintRequestDto } from './handle-complaint.request.dto';
import { HireRequestDto } from './hire.request.dto';
import { IssueCredentialRequestDto } from './issue-credential.request.dto';
import { OrderCompensationRecoveryRequestDto } from './order-compensation-recovery.request.dto';
import { PayCompensationRequestDto } from './pay-compensation.request.dto';
import { PromoteRequestDto } from './promote.request.dto';
import { ReceiveComplaintRequestDto } from './receive-complaint.request.dto';
import { RecordAssessmentRequestDto } from './record-assessment.request.dto';
import { RecordExistingServiceRequestDto } from './record-existing-service.request.dto';
import { SettleCompensationRequestDto } from './settle-compensation.request.dto';
import { RecordQualificationRequestDto } from './record-qualification.request.dto';
import { RecordTrainingRequestDto } from './record-training.request.dto';
import { RecoverCredentialRequestDto } from './recover-credential.request.dto';
import { ReinstateRequestDto } from './reinstate.request.dto';
import { RenewContractRequestDto } from './renew-contract.request.dto';
import { SuspendRequestDto } from './suspend.request.dto';
import { TellComplainantRequestDto } from './tell-complainant.request.dto';
import { TerminateRequestDto } from './terminate.request.dto';

/** An auxiliary's record is its using organ's (谁使用、谁管理、谁负责, Art. 34 ¶1), as the `AuxiliaryHired` on record names it. */
const onRecord = (d: { auxiliaryId: string }) => ({ auxiliaryId: d.auxiliaryId });
// A command that names another acting organ (the deciding organ of a sanction or a recusal, the organ paying or receiving)
// lists it after the record: the operator must hold both.

/** An auxiliary's working life, from the hire to the last recovered credential. */
export const AUXILIARY_ENDPOINTS = [
  defineCommandEndpoint({
    handler: hire,
    dto: HireRequestDto,
    scope: (d) => ({ organId: d.usingOrganId }),
    summary: '聘用 Hire an auxiliary',
    description: 'Arts. 17–24, 7; 劳动合同法 Art. 19. Four streams in one atomic append: auxiliary, person, organ (用人额度), application.',
  }),
  defineCommandEndpoint({
    handler: recordExistingService,
    dto: RecordExistingServiceRequestDto,
    scope: (d) => ({ organId: d.usingOrganId }),
    summary: '在职辅警按现状登记 Record an existing service (staff serving before the record began)',
    description:
      'Issue 11 item 8; Arts. 47, 17, 24 (EXISTING-SERVICE, a reading), 24 (PERSON-UNIQUE), 7 (QUOTA-HIRE), 34 ¶1 (ORG-RESP) — never the recruitment rules of Arts. 17–23. ' +
      'Hired before 2024-09-01 or before the organ\'s record began; recorded as found from the effective date, marked migrated, with the trainings, insurance and 转正 on file. ' +
      'An import-time command (`auxledger import --existing`). Three streams in one atomic append: auxiliary, person, organ.',
  }),
  defineCommandEndpoint({
    handler: completeProbation,
    dto: CompleteProbationRequestDto,
    scope: onRecord,
    summary: '转正 Complete probation',
    description: 'Art. 24; 劳动合同法 Art. 19: the probation agreed in the contract is passed.',
  }),
  defineCommandEndpoint({
    handler: renewContract,
    dto: RenewContractRequestDto,
    scope: onRecord,
    summary: '续订劳动合同 Renew the contract',
    description: 'Art. 24; 劳动合同法 Art. 19 ¶2 (CONTRACT-REQUIRED, CONTRACT-PROBATION): with the same using organ, without a gap; the person registry holds the new contract in the same append.',
  }),
  // RecordHealthCheck (Art. 28 ¶3) is hand-made (apps/api/src/identity/record-health-check.endpoint.ts): it seals the result category before the command is built.
  defineCommandEndpoint({
    handler: assignDuty,
    dto: AssignDutyRequestDto,
    scope: onRecord,
    summary: '安排工作 Assign duties',
    description: 'Arts. 10–16, 28 ¶2, 35 ¶2, 39: a forbidden duty (Art. 15) is never assignable; every failed rule is listed.',
  }),
  defineCommandEndpoint({
    handler: endDuty,
    dto: EndDutyRequestDto,
    scope: onRecord,
    summary: '结束工作安排 End an assignment',
    description: 'Arts. 10–16: an open assignment ends (completed or reassigned).',
  }),
  defineCommandEndpoint({
    handler: recordQualification,
    dto: RecordQualificationRequestDto,
    scope: onRecord,
    summary: '驾驶、操控资格 Record a driving or operating qualification',
    description: 'Art. 16 ¶1: what DUTY-VEHICLE reads when a vehicle, robot or drone duty is assigned.',
  }),
  defineCommandEndpoint({
    handler: recordTraining,
    dto: RecordTrainingRequestDto,
    scope: onRecord,
    summary: '培训 Record training',
    description: 'Art. 35: pre-job, annual and special training.',
  }),
  defineCommandEndpoint({
    handler: enrolInsurance,
    dto: EnrolInsuranceRequestDto,
    scope: onRecord,
    summary: '参保 Record insurance enrolment',
    description: 'Art. 28 ¶1–2.',
  }),
  defineCommandEndpoint({
    handler: recordAssessment,
    dto: RecordAssessmentRequestDto,
    scope: onRecord,
    summary: '考核 Record an assessment',
    description: 'Art. 36 ¶2: the basis of promotion and demotion.',
  }),
  defineCommandEndpoint({
    handler: adjustPay,
    dto: AdjustPayRequestDto,
    scope: onRecord,
    summary: '薪酬调整 Adjust pay',
    description: 'Art. 27 ¶2 (PAY-LEVEL): the standard in force for the locality and the level on record, from the effective date.',
  }),
  defineCommandEndpoint({
    handler: promote,
    dto: PromoteRequestDto,
    scope: onRecord,
    summary: '晋升 Promote one level',
    description: 'Art. 36 ¶1–2: months in level, latest assessment, sanctions; PAY-LEVEL reads the configured pay standard.',
  }),
  defineCommandEndpoint({
    handler: demote,
    dto: DemoteRequestDto,
    scope: onRecord,
    summary: '降级 Demote',
    description: 'Art. 36 ¶2 (LEVEL-DEMOTE, PAY-LEVEL): on an assessment or a disciplinary decision on this record.',
  }),
  defineCommandEndpoint({
    handler: commend,
    dto: CommendRequestDto,
    scope: onRecord,
    summary: '表彰奖励 Commend',
    description: 'Art. 9 (COMMEND): the title and the granting authority are recorded; a departed auxiliary may still be commended (追授).',
  }),
  defineCommandEndpoint({
    handler: discipline,
    dto: DisciplineRequestDto,
    scope: (d) => [onRecord(d), { organId: d.decidingOrganId }],
    // The organs from the using organ up to the deciding one, from the organ registry (DECIDING-ORGAN reads them).
    complete: async (d, organs) => ({ ...d, organPath: await organs.pathUp(onRecord(d), d.decidingOrganId) }),
    summary: '处分 Record a disciplinary decision',
    description: 'Arts. 34 ¶1, 42 ¶1 (DECIDING-ORGAN: the using organ or one above it decides).',
  }),
  defineCommandEndpoint({
    handler: suspend,
    dto: SuspendRequestDto,
    scope: onRecord,
    summary: '停止执行职务 Suspend',
    description: 'Ends every open assignment in the same append (DUTY-ACTIVE, Art. 10, assigns only active auxiliaries).',
  }),
  defineCommandEndpoint({
    handler: reinstate,
    dto: ReinstateRequestDto,
    scope: onRecord,
    summary: '恢复执行职务 Reinstate',
    description: 'The suspension ends; the auxiliary resumes as before it (active, or on probation). Art. 10.',
  }),
  defineCommandEndpoint({
    handler: correctRetroactiveConflict,
    dto: CorrectRetroactiveConflictRequestDto,
    scope: onRecord,
    summary: '纠正追溯冲突 Correct a retroactive conflict',
    description: 'Art. 6 ¶1 (issue 11): revokes the posting or promotion a RETROACTIVE_CONFLICT finding names (details.later.index) — an open posting ends, a promotion\'s level and pay go back to those before it; 422 NO_RETROACTIVE_CONFLICT when the event is in no open conflict. The finding clears from the correction\'s date.',
  }),
  defineCommandEndpoint({
    handler: decideRecusal,
    dto: DecideRecusalRequestDto,
    scope: (d) => [onRecord(d), { organId: d.decidingOrganId }],
    summary: '回避 Decide a recusal',
    description: 'Art. 39 (RECUSAL): decided by the using organ; a granted recusal ends open assignments on the matter.',
  }),
  defineCommandEndpoint({
    handler: receiveComplaint,
    dto: ReceiveComplaintRequestDto,
    scope: (d) => [onRecord(d), { organId: d.receivingOrganId }],
    summary: '受理举报投诉 Receive a complaint',
    description: 'Art. 38 ¶1 (COMPLAINT).',
  }),
  defineCommandEndpoint({
    handler: handleComplaint,
    dto: HandleComplaintRequestDto,
    scope: onRecord,
    summary: '查处举报投诉 Decide a complaint',
    description: 'Art. 38 ¶2: investigated and decided, in order; a sanction named must be on record.',
  }),
  defineCommandEndpoint({
    handler: tellComplainant,
    dto: TellComplainantRequestDto,
    scope: onRecord,
    summary: '告知举报投诉人 Tell the complainant',
    description: 'Art. 38 ¶2 (COMPLAINT): after the decision.',
  }),
  defineCommandEndpoint({
    handler: payCompensation,
    dto: PayCompensationRequestDto,
    scope: (d) => [onRecord(d), { organId: d.paidByOrganId }],
    summary: '赔偿 Record damages paid',
    description: 'Art. 42 ¶2 (COMPENSATION): the organ using the auxiliary pays.',
  }),
  defineCommandEndpoint({
    handler: orderCompensationRecovery,
    dto: OrderCompensationRecoveryRequestDto,
    scope: onRecord,
    summary: '追偿 Order recovery from the auxiliary',
    description: 'Art. 42 ¶3 (COMPENSATION): only on a recorded finding of intent or gross negligence, never more than was paid.',
  }),
  defineCommandEndpoint({
    handler: settleCompensation,
    dto: SettleCompensationRequestDto,
    scope: onRecord,
    summary: '赔偿了结 Settle a compensation',
    description:
      'Art. 42 ¶3: the recovery ordered borne by the auxiliary (RECOVERY_BORNE, an order on record), or none owed (NO_RECOVERY, no order on record); once. ' +
      'A compensation not settled holds the person’s personal data against shredding (retention hold COMPENSATION_RECOVERY); settled, it no longer does.',
  }),
  // RecordInjury (Art. 32) is hand-made (apps/api/src/identity/record-injury.endpoint.ts): it seals the medical details before the command is built.
  defineCommandEndpoint({
    handler: issueCredential,
    dto: IssueCredentialRequestDto,
    scope: onRecord,
    summary: '配发证件、服装、标识 Issue a credential',
    description: 'Art. 37 ¶1 (CREDENTIALS): work ID, uniform or insignia, with its serial number.',
  }),
  defineCommandEndpoint({
    handler: recoverCredential,
    dto: RecoverCredentialRequestDto,
    scope: onRecord,
    summary: '收回证件、服装、标识 Recover a credential',
    description: 'Art. 37 ¶3: recovered, after departure too.',
  }),
  defineCommandEndpoint({
    handler: terminate,
    dto: TerminateRequestDto,
    scope: (d) => [onRecord(d), { organId: d.usingOrganId }],
    summary: '解除劳动合同 Terminate the contract',
    description: 'Art. 40: open duties end, the quota place is released, credentials become due for recovery (Art. 37 ¶3).',
  }),
];
