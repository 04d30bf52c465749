import { type FactsFor, PROMOTE_CHECKS, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type PayOnLevel, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, notInService, suspended } from './guards';
import { serviceCommand } from './service-period';
import { type InService, isInService, latestAssessmentOn } from './state';

/**
 * 考核晋升 / 选拔晋升 (Art. 36 ¶1–2), judged with PROMOTE_CHECKS: LEVEL-PROMOTE reads
 * the level parameters (months in level, qualifying grades, sanctions that
 * block promotion) and the latest assessment on record; PAY-LEVEL the new
 * level's pay standard (层级与薪酬待遇挂钩).
 */

export type Promote = Command<'Promote', {
  auxiliaryId: string;
  route: 'ASSESSMENT' | 'SELECTION';
  toLevel: string;
  /** 选拔晋升: the selection decision (required for that route). */
  selectionRef: string | null;
  /** The selection decision allows moving more than one level. */
  selectionAllowsSkip: boolean;
  pay: PayOnLevel;
}>;

export function promotionFacts(state: InService, data: Promote['data'], effectiveDate: string): FactsFor<typeof PROMOTE_CHECKS> {
  const r = state.service;
  const latest = latestAssessmentOn(r, effectiveDate);
  return {
    effectiveDate,
    promotion: {
      route: data.route,
      fromLevel: r.level.code,
      toLevel: data.toLevel,
      inLevelSince: r.level.since,
      assessment: latest ? { grade: latest.grade, ref: latest.assessmentId } : null,
      selectionAllowsSkip: data.route === 'SELECTION' && data.selectionAllowsSkip,
    },
    sanctions: r.sanctions.map((s) => ({ sanction: s.sanction, effectiveFrom: s.effectiveFrom })),
    pay: { locality: data.pay.locality, level: data.toLevel, monthlyBaseFen: data.pay.monthlyBaseFen },
  };
}

export const promote: CommandHandler<Promote, AuxiliaryRefs> = serviceCommand<Promote, AuxiliaryRefs>({
  commandType: 'Promote',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (state.status === 'SUSPENDED') return suspended(state.suspendedOn);
    if (data.route === 'SELECTION' && !data.selectionRef?.trim()) {
      return refuseWithStateCode('SELECTION_DECISION_MISSING', { zh: '选拔晋升须记录选拔决定', en: 'A promotion by selection records the selection decision' });
    }

    const judgement = judgeInForce(context.registry, PROMOTE_CHECKS, promotionFacts(state, data, on));
    if (!judgement.ok) return refuseCitingRules(judgement);
    const latest = latestAssessmentOn(state.service, on);
    return accept(
      {
        auxiliary: [
          auxiliaryEvent('AuxiliaryPromoted', {
            auxiliaryId: data.auxiliaryId,
            route: data.route,
            fromLevel: state.service.level.code,
            toLevel: data.toLevel,
            assessmentId: latest?.assessmentId ?? null,
            selectionRef: data.route === 'SELECTION' ? data.selectionRef : null,
            pay: data.pay,
            promotedOn: on,
          }),
        ],
      },
      judgement,
    );
  },
});
