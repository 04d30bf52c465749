import { type IsoDate, type MisconductCode, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseCitingRules } from '../kernel';
import { type OrganPathRefs, decidingOrganFacts, isDecidingOrganFacts, organPathRefs } from './deciding-organ';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryRef, duplicateId, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/**
 * 处分 (Arts. 34 ¶1, 42 ¶1), judged with DISCIPLINE: the decision names the
 * violation, a configured sanction, the deciding organ and its period, which
 * starts on the command's effective date. A sanction blocks promotion for the
 * months the `discipline.sanctions` parameter gives (LEVEL-PROMOTE reads it).
 * A dismissal (解除劳动合同) is a sanction here; the contract ends by Terminate.
 * The deciding organ is the using organ or one above it (DECIDING-ORGAN, Art.
 * 34 ¶1: 谁使用、谁管理、谁负责): a higher organ names the path up to it
 * (`organPath`), which the organ registry's streams confirm.
 */

export type Discipline = Command<'Discipline', {
  auxiliaryId: string;
  disciplineId: string;
  misconduct: MisconductCode;
  description: string;
  sanction: string;
  decidingOrganId: string;
  effectiveUntil: IsoDate | null;
  /** The using organ and the organs above it up to the deciding organ, nearest first (needed when a higher organ decides). */
  organPath?: string[];
}>;

type DisciplineRefs = AuxiliaryRefs & OrganPathRefs;

export const discipline: CommandHandler<Discipline, DisciplineRefs> = serviceCommand<Discipline, DisciplineRefs>({
  commandType: 'Discipline',
  streams: ({ data }) => ({ ...organPathRefs(data.organPath), auxiliary: auxiliaryRef(data.auxiliaryId) }),
  decide({ data, metadata }, states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (whole.service.sanctions.some((s) => s.disciplineId === data.disciplineId)) return duplicateId({ zh: '处分决定', en: 'Disciplinary decision' }, data.disciplineId);

    const { auxiliaryId, disciplineId, misconduct, description, sanction, decidingOrganId, effectiveUntil } = data;
    const organs = decidingOrganFacts(decidingOrganId, state.service.usingOrganId, data.organPath, states);
    if (!isDecidingOrganFacts(organs)) return organs;
    const judgement = judgeInForce(context.registry, ['DISCIPLINE', 'DECIDING-ORGAN'], {
      effectiveDate: on,
      discipline: { misconduct, description, sanction, decidingOrganId, effectiveFrom: on, effectiveUntil },
      ...organs,
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept(
      { auxiliary: [auxiliaryEvent('DisciplineDecided', { auxiliaryId, disciplineId, misconduct, description, sanction, decidingOrganId, effectiveFrom: on, effectiveUntil })] },
      judgement,
    );
  },
});
