import { DEMOTE_CHECKS, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type PayOnLevel, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, notInService } from './guards';
import { serviceCommand } from './service-period';
import { type ServiceRecord, isInService } from './state';

/**
 * 降级 (Art. 36 ¶2: 考核结果作为层级升降……的依据), judged with DEMOTE_CHECKS. The basis
 * must be an assessment or a disciplinary decision that is on this record.
 */

export type Demote = Command<'Demote', {
  auxiliaryId: string;
  toLevel: string;
  basis: { kind: 'ASSESSMENT' | 'DISCIPLINE'; ref: string };
  pay: PayOnLevel;
}>;

function basisOnRecord(r: ServiceRecord, basis: Demote['data']['basis']): boolean {
  return basis.kind === 'ASSESSMENT' ? r.assessments.some((a) => a.assessmentId === basis.ref) : r.sanctions.some((s) => s.disciplineId === basis.ref);
}

export const demote: CommandHandler<Demote, AuxiliaryRefs> = serviceCommand<Demote, AuxiliaryRefs>({
  commandType: 'Demote',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (data.basis.ref.trim() && !basisOnRecord(state.service, data.basis)) {
      return refuseWithStateCode(
        'DEMOTION_BASIS_NOT_ON_RECORD',
        { zh: `降级依据${data.basis.ref}不在该辅警的记录中`, en: `The basis ${data.basis.ref} is not on this auxiliary's record` },
        { basis: data.basis },
      );
    }

    const fromLevel = state.service.level.code;
    const judgement = judgeInForce(context.registry, DEMOTE_CHECKS, {
      effectiveDate: on,
      demotion: { fromLevel, toLevel: data.toLevel, basis: data.basis },
      pay: { locality: data.pay.locality, level: data.toLevel, monthlyBaseFen: data.pay.monthlyBaseFen },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept(
      { auxiliary: [auxiliaryEvent('AuxiliaryDemoted', { auxiliaryId: data.auxiliaryId, fromLevel, toLevel: data.toLevel, basis: data.basis, pay: data.pay, demotedOn: on })] },
      judgement,
    );
  },
});
