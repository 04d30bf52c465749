import { type TerminationFacts, type TerminationReason, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, type StreamRef, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type OrganState, holdsQuotaPlace, organRef, quotaPlaceReleased } from '../organ';
import { type PersonState, activeContractOf, personContractEnded, personRef } from '../person';
import { auxiliaryEvent } from './events';
import { auxiliaryRef, notInService } from './guards';
import { serviceCommand } from './service-period';
import { type AuxiliaryState, type InService, isInService, openAssignments } from './state';

/**
 * 解除劳动合同 (Art. 40), judged with TERMINATE: the ground in law or in the
 * contract, and the reason. One atomic append over three streams:
 * - auxiliary: open duties end, `AuxiliaryTerminated` lists the work ID,
 *   uniform and insignia still out — recovery is now due (Art. 37 ¶3);
 * - person: `PersonContractEnded` with the reason, so that a 擅自离职
 *   (ABANDONMENT) disqualifies a later application (Art. 23 (6), DISQ-6);
 * - organ: `QuotaPlaceReleased`, the place in the 用人额度 is free (Art. 7).
 * The command names the person and the using organ (the streams are chosen
 * before they are read); they must be the ones on the auxiliary's record.
 */

export type Terminate = Command<'Terminate', {
  auxiliaryId: string;
  personKey: string;
  usingOrganId: string;
  reason: TerminationReason;
  ground: TerminationFacts['termination']['ground'];
}>;

export type TerminateRefs = { auxiliary: StreamRef<AuxiliaryState>; person: StreamRef<PersonState>; organ: StreamRef<OrganState> };

/** Reasons whose meaning ties them to the contract's end date. */
function reasonContradictsContract(state: InService, reason: TerminationReason, on: string): string | null {
  const end = state.service.contract.endDate;
  if (reason === 'CONTRACT_EXPIRY' && (end === null || on < end)) return end === null ? 'the contract has no end date' : `the contract runs until ${end}`;
  // 合同期未满擅自离职: leaving without permission before the contract's term is over.
  if (reason === 'ABANDONMENT' && end !== null && on > end) return `the contract ended on ${end}`;
  return null;
}

export const terminate: CommandHandler<Terminate, TerminateRefs> = serviceCommand<Terminate, TerminateRefs>({
  commandType: 'Terminate',
  streams: ({ data }) => ({ auxiliary: auxiliaryRef(data.auxiliaryId), person: personRef(data.personKey), organ: organRef(data.usingOrganId) }),
  decide({ data, metadata }, { person, organ }, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    const r = state.service;
    if (data.personKey !== r.personKey || data.usingOrganId !== r.usingOrganId) {
      return refuseWithStateCode('STREAMS_DO_NOT_MATCH_RECORD', { zh: '命令中的人员或使用单位与辅警记录不符', en: "The command's person or using organ is not the one on the auxiliary's record" });
    }
    if (!activeContractOf(person, r.contract.contractId)) {
      return refuseWithStateCode('PERSON_REGISTRY_OUT_OF_STEP', { zh: '人员登记中没有该在用合同', en: "The person registry does not hold this active contract" }, { contractId: r.contract.contractId });
    }
    const contradiction = reasonContradictsContract(state, data.reason, on);
    if (contradiction) {
      return refuseWithStateCode('REASON_CONTRADICTS_CONTRACT', { zh: `解除原因${data.reason}与劳动合同期限不符`, en: `Reason ${data.reason} does not fit the contract: ${contradiction}` }, { reason: data.reason });
    }
    const late = openAssignments(whole).find((a) => a.from > on);
    if (late) return refuseWithStateCode('ASSIGNMENT_AFTER_DATE', { zh: `工作安排${late.assignmentId}始于${late.from}，晚于离职日期`, en: `Assignment ${late.assignmentId} starts on ${late.from}, after the departure` });

    const judgement = judgeInForce(context.registry, ['TERMINATE'], { effectiveDate: on, termination: { ground: data.ground, reason: data.reason } });
    if (!judgement.ok || data.ground === null) return refuseCitingRules(judgement);

    const { auxiliaryId, reason, ground } = data;
    const { personKey, usingOrganId, contract } = r;
    return accept(
      {
        auxiliary: [
          ...openAssignments(whole).map((a) => auxiliaryEvent('DutyEnded', { auxiliaryId, assignmentId: a.assignmentId, endedOn: on, reason: 'TERMINATED' })),
          auxiliaryEvent('AuxiliaryTerminated', {
            auxiliaryId,
            personKey,
            contractId: contract.contractId,
            usingOrganId,
            reason,
            ground,
            departedOn: on,
            credentialsToRecover: whole.service.credentials.filter((c) => c.recoveredOn === null).map((c) => c.serial),
          }),
        ],
        person: [personContractEnded({ personKey, contractId: contract.contractId, auxiliaryId, organId: usingOrganId, endedOn: on, reason })],
        ...(holdsQuotaPlace(organ, auxiliaryId) ? { organ: [quotaPlaceReleased({ auxiliaryId })] } : {}),
      },
      judgement,
    );
  },
});
