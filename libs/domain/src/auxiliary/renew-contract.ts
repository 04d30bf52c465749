import { type FactsFor, type IsoDate, RENEW_CONTRACT_CHECKS, addDays, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, type StreamRef, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type PersonState, activeContractOf, personContractRenewed, personRef } from '../person';
import { type LabourContract, auxiliaryEvent } from './events';
import { auxiliaryRef, contractInconsistent, contractTermDefect, duplicateId, notInService, suspended } from './guards';
import { serviceCommand } from './service-period';
import { type AuxiliaryState, type ServiceRecord, isInService } from './state';

/**
 * 续聘 / 续订劳动合同 (Art. 24; 劳动合同法 Art. 19 ¶2): a new labour contract with the
 * same using organ for an auxiliary whose contract is about to end, or has
 * ended while they went on working. Judged with RENEW_CONTRACT_CHECKS — the
 * contract rules of a hire (CONTRACT-REQUIRED: every clause of Art. 24;
 * CONTRACT-PROBATION: the term limits, and no second probation with the same
 * employer). The new contract follows the current one without a gap: a gap is
 * a departure (Terminate, CONTRACT_EXPIRY) and a new hire through recruitment
 * (凡进必考, Art. 17), not a renewal.
 *
 * One atomic append over two streams: `ContractRenewed` on the auxiliary (the
 * contract's end moves: Terminate's CONTRACT_EXPIRY and ABANDONMENT now read
 * the new term) and `PersonContractRenewed` in the person registry (the new
 * contract takes the old one's place: PERSON-UNIQUE still counts one, and a
 * later termination finds it). The command names the person (streams are
 * chosen before they are read); it must be the one on the record.
 * A suspended auxiliary is reinstated first; an open-ended contract has no
 * end to renew.
 */

export type RenewContract = Command<'RenewContract', {
  auxiliaryId: string;
  personKey: string;
  contract: LabourContract;
}>;

export type RenewContractRefs = { auxiliary: StreamRef<AuxiliaryState>; person: StreamRef<PersonState> };

/** Why the new contract does not follow the current one without a gap, or null. */
function gapDefect(current: LabourContract, next: LabourContract): string | null {
  if (current.endDate !== null) {
    const dayAfter = addDays(current.endDate, 1);
    return next.startDate === dayAfter ? null : `the new contract starts on ${next.startDate}, not on ${dayAfter}, the day after the current one ends`;
  }
  // A task-based contract ends when its task is done: the next one starts after it started.
  return next.startDate > current.startDate ? null : `the new contract starts on ${next.startDate}, not after the current one (${current.startDate})`;
}

export function renewalFacts(r: ServiceRecord, next: LabourContract, effectiveDate: IsoDate): FactsFor<typeof RENEW_CONTRACT_CHECKS> {
  return {
    effectiveDate,
    contract: {
      clauses: next.clauses,
      kind: next.kind,
      startDate: next.startDate,
      endDate: next.endDate,
      probationLastDay: next.probationLastDay,
      renewalOf: { contractId: r.contract.contractId, probationLastDay: r.contract.probationLastDay },
    },
  };
}

export const renewContract: CommandHandler<RenewContract, RenewContractRefs> = serviceCommand<RenewContract, RenewContractRefs>({
  commandType: 'RenewContract',
  streams: ({ data }) => ({ auxiliary: auxiliaryRef(data.auxiliaryId), person: personRef(data.personKey) }),
  decide({ data, metadata }, { person }, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (state.status === 'SUSPENDED') return suspended(state.suspendedOn);
    const r = state.service;
    if (data.personKey !== r.personKey) {
      return refuseWithStateCode('STREAMS_DO_NOT_MATCH_RECORD', { zh: '命令中的人员与辅警记录不符', en: "The command's person is not the one on the auxiliary's record" });
    }
    if (!activeContractOf(person, r.contract.contractId)) {
      return refuseWithStateCode('PERSON_REGISTRY_OUT_OF_STEP', { zh: '人员登记中没有该在用合同', en: 'The person registry does not hold this active contract' }, { contractId: r.contract.contractId });
    }
    if (r.contract.kind === 'OPEN_ENDED') {
      return refuseWithStateCode('CONTRACT_OPEN_ENDED', { zh: '现行劳动合同为无固定期限合同，无需续订', en: 'The contract in force is open-ended: there is no end to renew' }, { contractId: r.contract.contractId });
    }
    const next = data.contract;
    if ([whole.service.contract, ...whole.service.previousContracts].some((c) => c.contractId === next.contractId)) return duplicateId({ zh: '劳动合同', en: 'Contract' }, next.contractId);
    const defect = contractTermDefect(next) ?? gapDefect(r.contract, next);
    if (defect) return contractInconsistent(defect);
    if (next.endDate !== null && on > next.endDate) {
      return refuseWithStateCode('RENEWAL_AFTER_TERM', { zh: `续订日期${on}晚于新合同的期满日${next.endDate}`, en: `The renewal on ${on} is dated after the new contract's last day ${next.endDate}` });
    }

    const judgement = judgeInForce(context.registry, RENEW_CONTRACT_CHECKS, renewalFacts(r, next, on));
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, personKey } = data;
    return accept(
      {
        auxiliary: [auxiliaryEvent('ContractRenewed', { auxiliaryId, contract: next, renewedOn: on })],
        person: [personContractRenewed({ personKey, auxiliaryId, organId: r.usingOrganId, previousContractId: r.contract.contractId, contractId: next.contractId, startDate: next.startDate })],
      },
      judgement,
    );
  },
});
