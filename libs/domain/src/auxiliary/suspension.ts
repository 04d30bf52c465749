import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, judgeInForceOnly, notInService, suspended } from './guards';
import { serviceCommand } from './service-period';
import { isInService, isWorking, openAssignments } from './state';

/**
 * 停止执行职务 and its end. No article names suspension; it matters because
 * DUTY-ACTIVE (Art. 10) assigns only active auxiliaries, so a suspension ends
 * every open assignment in the same append.
 */

export type Suspend = Command<'Suspend', { auxiliaryId: string; decisionRef: string; reason: string }>;
export type Reinstate = Command<'Reinstate', { auxiliaryId: string; decisionRef: string }>;

const decisionMissing = () => refuseWithStateCode('DECISION_REF_MISSING', { zh: '须记录决定文号', en: 'The decision reference is required' });

export const suspend: CommandHandler<Suspend, AuxiliaryRefs> = serviceCommand<Suspend, AuxiliaryRefs>({
  commandType: 'Suspend',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (!isWorking(state)) return suspended(state.suspendedOn);
    if (!data.decisionRef.trim()) return decisionMissing();
    const late = openAssignments(whole).find((a) => a.from > on);
    if (late) return refuseWithStateCode('ASSIGNMENT_AFTER_DATE', { zh: `工作安排${late.assignmentId}始于${late.from}，晚于停职日期`, en: `Assignment ${late.assignmentId} starts on ${late.from}, after the suspension` });

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, decisionRef, reason } = data;
    return accept(
      {
        auxiliary: [
          ...openAssignments(whole).map((a) => auxiliaryEvent('DutyEnded', { auxiliaryId, assignmentId: a.assignmentId, endedOn: on, reason: 'SUSPENDED' })),
          auxiliaryEvent('AuxiliarySuspended', { auxiliaryId, decisionRef, reason, suspendedOn: on }),
        ],
      },
      judgement,
    );
  },
});

export const reinstate: CommandHandler<Reinstate, AuxiliaryRefs> = serviceCommand<Reinstate, AuxiliaryRefs>({
  commandType: 'Reinstate',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    // The suspension in force on the record is the one that ends: a reinstatement is never dated before it.
    if (whole.status !== 'SUSPENDED') return refuseWithStateCode('AUXILIARY_NOT_SUSPENDED', { zh: '该辅警未停止执行职务', en: 'The auxiliary is not suspended' });
    if (on < whole.suspendedOn) return refuseWithStateCode('REINSTATED_BEFORE_SUSPENSION', { zh: `恢复日期早于停职日期${whole.suspendedOn}`, en: `Reinstatement precedes the suspension on ${whole.suspendedOn}` });
    if (!data.decisionRef.trim()) return decisionMissing();

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('AuxiliaryReinstated', { auxiliaryId: data.auxiliaryId, decisionRef: data.decisionRef, reinstatedOn: on })] }, judgement);
  },
});
