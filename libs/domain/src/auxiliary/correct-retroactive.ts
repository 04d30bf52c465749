import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, judgeInForceOnly } from './guards';
import { retroactiveConflicts } from './retroactive';
import { serviceCommand } from './service-period';
import { type AuxiliaryState, evolveAuxiliary, isHired, isWorking } from './state';

/**
 * 纠正追溯冲突 (issue 11 item 6; Art. 6 ¶1: the organs' 管理监督): an organ
 * revokes a posting or promotion that a record entered after it, effective
 * before it, made unlawful — the RETROACTIVE_CONFLICT supervision shows. The
 * command names the event by its index among the record's events (as the
 * finding does) and the organ's decision; it is refused when that event is in
 * no open conflict (never recorded, judged lawful still, or corrected
 * already), or dated before it. A posting still open ends; a promotion's
 * level and pay go back to what they were just before it, unless a later
 * change has replaced them. The log keeps every record; the finding clears
 * from the correction's date.
 */

export type CorrectRetroactiveConflict = Command<'CorrectRetroactiveConflict', { auxiliaryId: string; eventIndex: number; decisionRef: string }>;

export const correctRetroactiveConflict: CommandHandler<CorrectRetroactiveConflict, AuxiliaryRefs> = serviceCommand<CorrectRetroactiveConflict, AuxiliaryRefs>({
  commandType: 'CorrectRetroactiveConflict',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, _record, whole) {
    const on = metadata.effectiveDate;
    if (!data.decisionRef.trim()) return refuseWithStateCode('DECISION_MISSING', { zh: '纠正须记录机关的决定文号', en: "A correction records the organ's decision" });
    const conflict = retroactiveConflicts(whole, context.registry).find((c) => c.later.index === data.eventIndex);
    if (!conflict) {
      return refuseWithStateCode(
        'NO_RETROACTIVE_CONFLICT',
        { zh: `记录中第${data.eventIndex}项没有待纠正的追溯冲突`, en: `Event ${data.eventIndex} of the record is in no open retroactive conflict` },
        { eventIndex: data.eventIndex },
      );
    }
    if (on < conflict.later.effectiveDate) {
      return refuseWithStateCode(
        'CORRECTION_BEFORE_EVENT',
        { zh: `纠正日期${on}早于被纠正记录的生效日期${conflict.later.effectiveDate}`, en: `The correction ${on} precedes the corrected record's date ${conflict.later.effectiveDate}` },
        { eventEffectiveDate: conflict.later.effectiveDate },
      );
    }
    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);

    const { event } = whole.service.events[data.eventIndex] as (typeof whole.service.events)[number];
    let revoked;
    if (event.type === 'DutyAssigned') {
      const open = isWorking(whole) && whole.assignments.some((a) => a.assignmentId === event.data.assignmentId);
      revoked = { kind: 'POSTING' as const, assignmentId: event.data.assignmentId, wasOpen: open };
    } else if (event.type === 'AuxiliaryPromoted') {
      // What the promotion replaced: the record folded from the events before it.
      let before: AuxiliaryState = { status: 'NOT_HIRED' };
      for (const e of whole.service.events.slice(0, data.eventIndex)) before = evolveAuxiliary(before, { event: e.event, effectiveDate: e.effectiveDate, recordedAt: '', commandId: '', actorId: '' });
      const stillPromoted = whole.service.level.code === event.data.toLevel && whole.service.level.since === event.data.promotedOn;
      revoked = {
        kind: 'PROMOTION' as const,
        restored: stillPromoted && isHired(before) ? { level: before.service.level, pay: before.service.pay, paySince: before.service.paySince } : null,
      };
    } else {
      return refuseWithStateCode('NO_RETROACTIVE_CONFLICT', { zh: `记录中第${data.eventIndex}项不是岗位安排或晋升`, en: `Event ${data.eventIndex} of the record is no posting or promotion` }, { eventIndex: data.eventIndex });
    }
    return accept(
      {
        auxiliary: [
          auxiliaryEvent('RetroactiveConflictCorrected', {
            auxiliaryId: data.auxiliaryId,
            eventIndex: data.eventIndex,
            eventType: event.type,
            eventEffectiveDate: conflict.later.effectiveDate,
            ruleIds: [...new Set(conflict.violations.map((v) => v.ruleId))],
            decisionRef: data.decisionRef,
            correctedOn: on,
            revoked,
          }),
        ],
      },
      judgement,
    );
  },
});
