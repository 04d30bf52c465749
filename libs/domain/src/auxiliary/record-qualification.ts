import type { EquipmentQualification, IsoDate } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId, judgeInForceOnly, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/** 驾驶、操控资格 (Art. 16 ¶1 按照规定): what DUTY-VEHICLE reads when a vehicle, robot or drone duty is assigned. */

export type RecordQualification = Command<'RecordQualification', {
  auxiliaryId: string;
  qualificationId: string;
  kind: EquipmentQualification;
  validFrom: IsoDate;
  validUntil: IsoDate | null;
  /** The licence or certificate, by reference. */
  reference: string;
}>;

export const recordQualification: CommandHandler<RecordQualification, AuxiliaryRefs> = serviceCommand<RecordQualification, AuxiliaryRefs>({
  commandType: 'RecordQualification',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    if (!isInService(state)) return notInService(state);
    if (whole.service.qualifications.some((q) => q.qualificationId === data.qualificationId)) return duplicateId({ zh: '资格', en: 'Qualification' }, data.qualificationId);
    if (!data.reference.trim()) return refuseWithStateCode('QUALIFICATION_REFERENCE_MISSING', { zh: '资格须记录证书编号', en: 'A qualification records its certificate reference' });
    if (data.validUntil !== null && data.validUntil < data.validFrom) {
      return refuseWithStateCode('QUALIFICATION_PERIOD', { zh: '资格有效期结束日早于开始日', en: 'The qualification ends before it starts' });
    }

    const judgement = judgeInForceOnly(context, metadata.effectiveDate);
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, qualificationId, kind, validFrom, validUntil, reference } = data;
    return accept({ auxiliary: [auxiliaryEvent('QualificationRecorded', { auxiliaryId, qualificationId, kind, validFrom, validUntil, reference })] }, judgement);
  },
});
