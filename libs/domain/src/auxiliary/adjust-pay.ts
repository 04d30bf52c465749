import { ADJUST_PAY_CHECKS, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type PayOnLevel, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/**
 * 薪酬调整 (Art. 27 ¶2: 盟行政公署、设区的市和旗县级人民政府……核定本地区辅警薪酬的具体标准):
 * pay at the same level changes from the command's effective date — a new
 * local standard, or a standard of another locality. Judged with
 * ADJUST_PAY_CHECKS: PAY-LEVEL reads the standard in force on that date for
 * the locality and the level on record (层级与薪酬待遇挂钩, Art. 36 ¶1; a level
 * change is Promote or Demote). A suspended auxiliary is still employed: the
 * standard applies to them too. An adjustment is not dated before the pay on
 * record took effect: the record runs forward.
 */

export type AdjustPay = Command<'AdjustPay', { auxiliaryId: string; pay: PayOnLevel }>;

export const adjustPay: CommandHandler<AdjustPay, AuxiliaryRefs> = serviceCommand<AdjustPay, AuxiliaryRefs>({
  commandType: 'AdjustPay',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    const r = state.service;
    const { paySince } = whole.service;
    if (on < paySince) {
      return refuseWithStateCode('BEFORE_LATEST_PAY_CHANGE', { zh: `生效日期${on}早于现行薪酬的生效日期${paySince}`, en: `The effective date ${on} precedes the pay on record, in effect since ${paySince}` }, { paySince });
    }
    if (data.pay.locality === r.pay.locality && data.pay.monthlyBaseFen === r.pay.monthlyBaseFen) {
      return refuseWithStateCode('PAY_UNCHANGED', { zh: '薪酬与现行记录相同', en: 'The pay is the one already on record' });
    }

    const judgement = judgeInForce(context.registry, ADJUST_PAY_CHECKS, {
      effectiveDate: on,
      pay: { locality: data.pay.locality, level: r.level.code, monthlyBaseFen: data.pay.monthlyBaseFen },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('PayAdjusted', { auxiliaryId: data.auxiliaryId, pay: data.pay, adjustedOn: on })] }, judgement);
  },
});
