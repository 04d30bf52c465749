import { ASSIGN_DUTY_CHECKS, type FactsFor, type IsoDate, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type IssuedEquipment, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId } from './guards';
import { serviceCommand } from './service-period';
import { type Hired, openAssignments, statuteStatus } from './state';

/**
 * 安排工作 (Arts. 10–16, 28 ¶2, 35 ¶2, 39): judged with ASSIGN_DUTY_CHECKS, every
 * failed rule at once. A forbidden duty (Art. 15) is never assignable, in any
 * state; a suspended auxiliary is refused by DUTY-ACTIVE beside whatever
 * else fails, so the answer lists everything wrong with the request (before
 * the hire or after the departure: SERVICE-PERIOD). Every fact is the record's
 * as of the posting's date: insurance, qualifications, training, recusals and
 * status on that day, never an event that took effect after it.
 */

export type AssignDuty = Command<'AssignDuty', {
  auxiliaryId: string;
  assignmentId: string;
  dutyCodes: string[];
  nationalBasis: string | null;
  leadingOfficerIds: string[];
  /** The auxiliary would act alone or in their own name (Art. 13 ¶2: never for enforcement). */
  alone: boolean;
  matterId: string | null;
  equipmentIssued: IssuedEquipment[];
}>;

export function assignmentFacts(state: Hired, data: AssignDuty['data'], effectiveDate: IsoDate): FactsFor<typeof ASSIGN_DUTY_CHECKS> {
  const r = state.service;
  return {
    effectiveDate,
    auxiliary: { category: r.category, status: statuteStatus(state) },
    assignment: { dutyCodes: data.dutyCodes, nationalBasis: data.nationalBasis, leadingOfficerIds: data.leadingOfficerIds, alone: data.alone, matterId: data.matterId },
    equipmentIssued: data.equipmentIssued,
    qualifications: r.qualifications,
    training: { preJobPassedOn: r.training.preJobPassedOn },
    recusals: r.recusals,
    insurance: { enrolled: r.insurance },
  };
}

export const assignDuty: CommandHandler<AssignDuty, AuxiliaryRefs> = serviceCommand<AssignDuty, AuxiliaryRefs>({
  commandType: 'AssignDuty',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, record, whole) {
    const on = metadata.effectiveDate;
    if (data.dutyCodes.length === 0) return refuseWithStateCode('NO_DUTY_NAMED', { zh: '安排工作须写明职责', en: 'An assignment names at least one duty' });
    if (openAssignments(whole).some((a) => a.assignmentId === data.assignmentId)) return duplicateId({ zh: '工作安排', en: 'Assignment' }, data.assignmentId);

    const judgement = judgeInForce(context.registry, ASSIGN_DUTY_CHECKS, assignmentFacts(record, data, on));
    if (!judgement.ok) return refuseCitingRules(judgement);

    const { auxiliaryId, assignmentId, dutyCodes, nationalBasis, leadingOfficerIds, matterId, equipmentIssued } = data;
    return accept(
      { auxiliary: [auxiliaryEvent('DutyAssigned', { auxiliaryId, assignmentId, dutyCodes, nationalBasis, leadingOfficerIds, matterId, equipmentIssued, from: on })] },
      judgement,
    );
  },
});
