import { judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseCitingRules } from '../kernel';
import { type RecusalDecided, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService, openAssignments } from './state';

/**
 * 回避 (Art. 39): on the auxiliary's own initiative or a party's application (¶1),
 * decided by the auxiliary's using organ (¶2), judged with RECUSAL. A granted
 * recusal ends any open assignment on that matter in the same append, and
 * DUTY-RECUSAL refuses new ones.
 */

export type DecideRecusal = Command<'DecideRecusal', {
  auxiliaryId: string;
  recusalId: string;
  matterId: string;
  initiatedBy: RecusalDecided['data']['initiatedBy'];
  decidingOrganId: string;
  granted: boolean;
}>;

export const decideRecusal: CommandHandler<DecideRecusal, AuxiliaryRefs> = serviceCommand<DecideRecusal, AuxiliaryRefs>({
  commandType: 'DecideRecusal',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (whole.service.recusals.some((r) => r.recusalId === data.recusalId)) return duplicateId({ zh: '回避决定', en: 'Recusal decision' }, data.recusalId);

    const { auxiliaryId, recusalId, matterId, initiatedBy, decidingOrganId, granted } = data;
    const judgement = judgeInForce(context.registry, ['RECUSAL'], {
      effectiveDate: on,
      recusal: { initiatedBy, decidingOrganId, usingOrganId: state.service.usingOrganId },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    const ended = granted ? openAssignments(state).filter((a) => a.matterId === matterId) : [];
    return accept(
      {
        auxiliary: [
          auxiliaryEvent('RecusalDecided', { auxiliaryId, recusalId, matterId, initiatedBy, decidingOrganId, granted, decidedOn: on }),
          ...ended.map((a) => auxiliaryEvent('DutyEnded', { auxiliaryId, assignmentId: a.assignmentId, endedOn: on, reason: 'RECUSAL' })),
        ],
      },
      judgement,
    );
  },
});
