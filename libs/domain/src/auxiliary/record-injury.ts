import { type InjuryFacts, type IsoDate, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import type { SealedData } from '../identity/person-identity';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId } from './guards';
import { serviceCommand } from './service-period';

/**
 * 因工受伤、致残、死亡、烈士 (Art. 32), judged with INJURY: the legal basis
 * (工伤保险条例, 烈士褒扬条例, or ¶2's analogy with police officers) is recorded.
 * Medical detail is health data (PIPL 敏感个人信息): the command carries it
 * sealed under the person's data key (the application layer seals it before
 * the command is built, as it seals an identity: ADR 0006), never in clear; it
 * goes to its own event, `InjuryMedicalDetailsRecorded` (schema version 2),
 * with the person key it is bound to.
 * A departed auxiliary's record still takes it (a later 烈士 determination).
 */

export type RecordInjury = Command<'RecordInjury', {
  auxiliaryId: string;
  injuryId: string;
  kind: InjuryFacts['injury']['kind'];
  legalBasis: InjuryFacts['injury']['legalBasis'];
  occurredOn: IsoDate;
  determinationRef: string;
  /** Sealed (purpose `medical`); null: none. A string in clear is refused (MEDICAL_DETAILS_NOT_SEALED). */
  medicalDetails: SealedData | null;
}>;

const isSealed = (value: unknown): value is SealedData =>
  typeof value === 'object' && value !== null && ['alg', 'keyId', 'iv', 'ct', 'tag'].every((k) => typeof (value as Record<string, unknown>)[k] === 'string');

export const recordInjury: CommandHandler<RecordInjury, AuxiliaryRefs> = serviceCommand<RecordInjury, AuxiliaryRefs>({
  commandType: 'RecordInjury',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (whole.service.injuryIds.includes(data.injuryId)) return duplicateId({ zh: '伤亡记录', en: 'Injury record' }, data.injuryId);
    if (data.occurredOn < state.service.hiredOn || data.occurredOn > on) {
      return refuseWithStateCode('INJURY_DATE_OUT_OF_RANGE', { zh: `发生日期${data.occurredOn}须在聘用之后、记录之前`, en: `The date ${data.occurredOn} must lie between the hire and the effective date` });
    }

    if (data.medicalDetails !== null && !isSealed(data.medicalDetails)) {
      return refuseWithStateCode('MEDICAL_DETAILS_NOT_SEALED', { zh: '医疗情况须加密后记录（个人信息保护法第二十八条）', en: 'Medical details are recorded sealed only (PIPL Art. 28)' });
    }
    const { auxiliaryId, injuryId, kind, legalBasis, occurredOn, determinationRef, medicalDetails } = data;
    const judgement = judgeInForce(context.registry, ['INJURY'], { effectiveDate: on, injury: { kind, legalBasis } });
    if (!judgement.ok || legalBasis === null) return refuseCitingRules(judgement);
    return accept(
      {
        auxiliary: [
          auxiliaryEvent('InjuryRecorded', { auxiliaryId, injuryId, kind, legalBasis, occurredOn, determinationRef }),
          ...(medicalDetails ? [{ ...auxiliaryEvent('InjuryMedicalDetailsRecorded', { auxiliaryId, injuryId, personKey: whole.service.personKey, sealed: medicalDetails }), schemaVersion: 2 }] : []),
        ],
      },
      judgement,
    );
  },
});
