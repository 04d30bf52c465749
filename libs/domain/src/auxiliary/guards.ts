import { judgeInForce, type IsoDate, type Judgement } from '@auxledger/statute';
import { type Decision, type DecisionContext, type StreamRef, refuseWithStateCode } from '../kernel';
import type { LabourContract } from './events';
import { Auxiliary, type AuxiliaryState } from './state';

/**
 * What every auxiliary handler starts with: the stream it reads, and the guard
 * clauses that refuse a command the record cannot take (STATE refusals, with a
 * stable code and a message in both languages).
 */

export type AuxiliaryRefs = { auxiliary: StreamRef<AuxiliaryState> };

export const auxiliaryRef = (auxiliaryId: string): StreamRef<AuxiliaryState> => ({ aggregate: Auxiliary, id: auxiliaryId });
export const auxiliaryStream = (command: { data: { auxiliaryId: string } }): AuxiliaryRefs => ({ auxiliary: auxiliaryRef(command.data.auxiliaryId) });

/** A command no rule of the statute judges still needs a rule set in force on its date (Art. 47): never judged silently under 2024 rules. */
export const judgeInForceOnly = (context: DecisionContext, effectiveDate: IsoDate): Judgement => judgeInForce(context.registry, [], { effectiveDate });

export const notHired = (): Decision<never> =>
  refuseWithStateCode('AUXILIARY_NOT_HIRED', { zh: '没有该辅警的聘用记录', en: 'No hire is on record for this auxiliary' });

export const departed = (departedOn: IsoDate): Decision<never> =>
  refuseWithStateCode('AUXILIARY_DEPARTED', { zh: `该辅警已于${departedOn}离职`, en: `The auxiliary departed on ${departedOn}` }, { departedOn });

export const suspended = (suspendedOn: IsoDate): Decision<never> =>
  refuseWithStateCode('AUXILIARY_SUSPENDED', { zh: `该辅警自${suspendedOn}起停止执行职务`, en: `The auxiliary is suspended since ${suspendedOn}` }, { suspendedOn });

/** The refusal for a record that is not in service: never hired, or departed. */
export function notInService(state: AuxiliaryState): Decision<never> {
  return state.status === 'DEPARTED' ? departed(state.departedOn) : notHired();
}

export const beforeHire = (hiredOn: IsoDate, effectiveDate: IsoDate): Decision<never> =>
  refuseWithStateCode(
    'BEFORE_HIRE',
    { zh: `生效日期${effectiveDate}早于聘用日期${hiredOn}`, en: `The effective date ${effectiveDate} precedes the hire on ${hiredOn}` },
    { hiredOn, effectiveDate },
  );

/** What a record is called, in both languages (for messages about ids). */
export type Named = Readonly<{ zh: string; en: string }>;

export const duplicateId = (what: Named, id: string): Decision<never> =>
  refuseWithStateCode('DUPLICATE_ID', { zh: `${what.zh}${id}已有记录`, en: `${what.en} ${id} is already on record` }, { id });

export const unknownId = (code: string, what: Named, id: string): Decision<never> =>
  refuseWithStateCode(code, { zh: `没有${what.zh}${id}的记录`, en: `No ${what.en} ${id} is on record` }, { id });

/** A contract whose term does not hold together: what is wrong with it, or null (hire and renewal). */
export function contractTermDefect(contract: LabourContract): string | null {
  if (contract.kind === 'FIXED_TERM' && contract.endDate === null) return 'a fixed-term contract names its last day';
  if (contract.kind !== 'FIXED_TERM' && contract.endDate !== null) return `a ${contract.kind} contract has no fixed last day`;
  if (contract.endDate !== null && contract.endDate < contract.startDate) return 'the contract ends before it starts';
  return null;
}

export const contractInconsistent = (defect: string): Decision<never> =>
  refuseWithStateCode('CONTRACT_INCONSISTENT', { zh: '劳动合同期限记录不一致', en: `The contract record is inconsistent: ${defect}` });
