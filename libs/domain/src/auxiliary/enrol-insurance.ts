import type { InsuranceKind } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, judgeInForceOnly, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/**
 * 社会保险、住房公积金、人身意外伤害保险 (Art. 28 ¶1–2). INSURANCE (late enrolment) is a
 * supervision finding, not a reason to refuse a late record: a late enrolment
 * is recorded with its date and the supervision view shows the delay.
 * INSURANCE-RISK reads PERSONAL_ACCIDENT when a high-risk duty is assigned.
 */

export type EnrolInsurance = Command<'EnrolInsurance', { auxiliaryId: string; kinds: InsuranceKind[]; reference: string }>;

export const enrolInsurance: CommandHandler<EnrolInsurance, AuxiliaryRefs> = serviceCommand<EnrolInsurance, AuxiliaryRefs>({
  commandType: 'EnrolInsurance',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (data.kinds.length === 0) return refuseWithStateCode('NO_INSURANCE_NAMED', { zh: '须写明参保险种', en: 'Name at least one kind of insurance' });
    const already = data.kinds.filter((k) => state.service.insurance.includes(k));
    if (already.length) {
      return refuseWithStateCode('ALREADY_ENROLLED', { zh: `已参保：${already.join('、')}`, en: `Already enrolled: ${already.join(', ')}` }, { kinds: already });
    }

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    const kinds = [...new Set(data.kinds)];
    return accept({ auxiliary: [auxiliaryEvent('InsuranceEnrolled', { auxiliaryId: data.auxiliaryId, kinds, enrolledOn: on, reference: data.reference })] }, judgement);
  },
});
