import { type IsoDate, type MisconductCode, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseByStatute } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/**
 * 处分 (Arts. 34 ¶1, 42 ¶1), judged with DISCIPLINE: the decision names the
 * violation, a configured sanction, the deciding organ and its period, which
 * starts on the command's effective date. A sanction blocks promotion for the
 * months the `discipline.sanctions` parameter gives (LEVEL-PROMOTE reads it).
 * A dismissal (解除劳动合同) is a sanction here; the contract ends by Terminate.
 */

export type Discipline = Command<'Discipline', {
  auxiliaryId: string;
  disciplineId: string;
  misconduct: MisconductCode;
  description: string;
  sanction: string;
  decidingOrganId: string;
  effectiveUntil: IsoDate | null;
}>;

export const discipline: CommandHandler<Discipline, AuxiliaryRefs> = serviceCommand<Discipline, AuxiliaryRefs>({
  commandType: 'Discipline',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (whole.service.sanctions.some((s) => s.disciplineId === data.disciplineId)) return duplicateId({ zh: '处分决定', en: 'Disciplinary decision' }, data.disciplineId);

    const { auxiliaryId, disciplineId, misconduct, description, sanction, decidingOrganId, effectiveUntil } = data;
    const judgement = judgeInForce(context.registry, ['DISCIPLINE'], {
      effectiveDate: on,
      discipline: { misconduct, description, sanction, decidingOrganId, effectiveFrom: on, effectiveUntil },
    });
    if (!judgement.ok) return refuseByStatute(judgement);
    return accept(
      { auxiliary: [auxiliaryEvent('DisciplineDecided', { auxiliaryId, disciplineId, misconduct, description, sanction, decidingOrganId, effectiveFrom: on, effectiveUntil })] },
      judgement,
    );
  },
});
