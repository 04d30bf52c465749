import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type DutyEndReason, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, judgeInForceOnly, notInService, unknownId } from './guards';
import { serviceCommand } from './service-period';
import { isWorking, openAssignments } from './state';

/** 结束工作安排: an open assignment ends (no statute rule stops it; suspension, recusal and termination end duties themselves). */

export type EndDuty = Command<'EndDuty', { auxiliaryId: string; assignmentId: string; reason: Extract<DutyEndReason, 'COMPLETED' | 'REASSIGNED'> }>;

export const endDuty: CommandHandler<EndDuty, AuxiliaryRefs> = serviceCommand<EndDuty, AuxiliaryRefs>({
  commandType: 'EndDuty',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isWorking(state)) return state.status === 'SUSPENDED' ? unknownId('ASSIGNMENT_NOT_OPEN', { zh: '进行中的工作安排', en: 'open assignment' }, data.assignmentId) : notInService(state);
    const assignment = openAssignments(whole).find((a) => a.assignmentId === data.assignmentId);
    if (!assignment) return unknownId('ASSIGNMENT_NOT_OPEN', { zh: '进行中的工作安排', en: 'open assignment' }, data.assignmentId);
    if (on < assignment.from) {
      return refuseWithStateCode('END_BEFORE_START', { zh: `结束日期${on}早于安排日期${assignment.from}`, en: `The end ${on} precedes the start ${assignment.from}` }, { from: assignment.from });
    }

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('DutyEnded', { auxiliaryId: data.auxiliaryId, assignmentId: data.assignmentId, endedOn: on, reason: data.reason })] }, judgement);
  },
});
