import type { IsoDate } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { HEALTH_CHECK_RESULTS, type HealthCheckResult, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, judgeInForceOnly, notInService } from './guards';
import type { SealedData } from '../identity/person-identity';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/**
 * 健康体检 (Art. 28 ¶3: 公安机关应当定期组织辅警参加健康体检). HEALTH-CHECK is a
 * supervision finding (overdue after `healthCheck.intervalMonths`, counted
 * from the latest check or the hire): it reads `lastHealthCheckOn`, it does
 * not refuse a record. The check is the employee's, so it lies between the
 * hire and the day it is recorded (a suspended auxiliary is still employed);
 * the record keeps a result category, never a finding, and since ADR 0006
 * that category sealed under the person's data key (PIPL Art. 28).
 */

/**
 * `result`: the category sealed under the person's data key (purpose
 * `health`, ADR 0006) — as the API and the demo generator send it, sealed
 * after the category was checked — or, from an in-process caller without a
 * vault, the category in clear (a version 1 event).
 */
export type RecordHealthCheck = Command<'RecordHealthCheck', { auxiliaryId: string; checkedOn: IsoDate; result: HealthCheckResult | SealedData }>;

const isSealed = (value: unknown): value is SealedData =>
  typeof value === 'object' && value !== null && ['alg', 'keyId', 'iv', 'ct', 'tag'].every((k) => typeof (value as Record<string, unknown>)[k] === 'string');

export const recordHealthCheck: CommandHandler<RecordHealthCheck, AuxiliaryRefs> = serviceCommand<RecordHealthCheck, AuxiliaryRefs>({
  commandType: 'RecordHealthCheck',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    const r = state.service;
    if (data.checkedOn < r.hiredOn || data.checkedOn > on) {
      return refuseWithStateCode(
        'HEALTH_CHECK_DATE_OUT_OF_RANGE',
        { zh: `体检日期${data.checkedOn}须在聘用日期${r.hiredOn}与记录生效日期${on}之间`, en: `A health check on ${data.checkedOn} must lie between the hire (${r.hiredOn}) and the effective date (${on})` },
        { checkedOn: data.checkedOn },
      );
    }
    if (!isSealed(data.result) && !HEALTH_CHECK_RESULTS.includes(data.result)) {
      return refuseWithStateCode('HEALTH_CHECK_RESULT_UNKNOWN', { zh: `体检结论类别${String(data.result)}无效`, en: `Unknown health check result category ${String(data.result)}` }, { expected: [...HEALTH_CHECK_RESULTS] });
    }
    if (data.checkedOn === whole.service.lastHealthCheckOn) {
      return refuseWithStateCode('HEALTH_CHECK_ALREADY_RECORDED', { zh: `${data.checkedOn}的健康体检已有记录`, en: `The health check of ${data.checkedOn} is already on record` }, { checkedOn: data.checkedOn });
    }

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, checkedOn, result } = data;
    if (isSealed(result)) {
      return accept({ auxiliary: [{ ...auxiliaryEvent('HealthCheckRecorded', { auxiliaryId, checkedOn, personKey: whole.service.personKey, sealedResult: result }), schemaVersion: 2 }] }, judgement);
    }
    return accept({ auxiliary: [auxiliaryEvent('HealthCheckRecorded', { auxiliaryId, checkedOn, result })] }, judgement);
  },
});
