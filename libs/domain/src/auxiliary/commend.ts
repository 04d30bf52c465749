import { judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId } from './guards';
import { serviceCommand } from './service-period';

/**
 * 表彰奖励 (Art. 9), judged with COMMEND: title and granting authority recorded.
 * A departed auxiliary may still be commended (追授, e.g. after death on duty).
 */

export type Commend = Command<'Commend', { auxiliaryId: string; commendationId: string; title: string; grantingAuthority: string }>;

export const commend: CommandHandler<Commend, AuxiliaryRefs> = serviceCommand<Commend, AuxiliaryRefs>({
  commandType: 'Commend',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (whole.service.commendationIds.includes(data.commendationId)) return duplicateId({ zh: '表彰奖励', en: 'Commendation' }, data.commendationId);

    const { auxiliaryId, commendationId, title, grantingAuthority } = data;
    const judgement = judgeInForce(context.registry, ['COMMEND'], { effectiveDate: on, commendation: { title, grantingAuthority } });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('AuxiliaryCommended', { auxiliaryId, commendationId, title, grantingAuthority, awardedOn: on })] }, judgement);
  },
});
