import { type Citation, type IsoDate, type Judgement, judgeInForce, nmg } from '@auxledger/statute';
import { type Command, type CommandHandler, type Decision, type DecisionContext, type StreamRef, refuseCitingRules } from '../kernel';
import { notHired } from './guards';
import { type AuxiliaryState, type Hired, asOf, isHired } from './state';

/**
 * Nothing about a service before it began (SERVICE-PERIOD): the one rule every
 * command about an auxiliary's service passes, in one place. A handler made
 * with `serviceCommand` is refused before the hire date, and after the
 * departure unless this table names the clause that still asks for it; it
 * decides on the record as it stood on the command's effective date (`asOf`),
 * the whole record beside it for what must be unique across it (ids).
 */

/** Per command about a service: the clause that allows it after the departure, or null (only during the service). */
export const AFTER_DEPARTURE = {
  CompleteProbation: null,
  RenewContract: null,
  AdjustPay: null,
  EnrolInsurance: null,
  RecordHealthCheck: null,
  RecordTraining: null,
  RecordQualification: null,
  IssueCredential: null,
  // 第三十七条第三款 辅警离职时，公安机关应当收回配发的工作证件、服装和标识。
  RecoverCredential: nmg(37, 3),
  AssignDuty: null,
  EndDuty: null,
  RecordAssessment: null,
  Promote: null,
  Demote: null,
  // 第九条 表彰奖励 — also posthumously (追授), after a death on duty.
  Commend: nmg(9),
  Discipline: null,
  Suspend: null,
  Reinstate: null,
  // 第三十八条 任何组织或者个人对辅警的违纪违法行为，有权举报、投诉 — the right does not end with the service; the complaint is then handled and answered (¶2).
  ReceiveComplaint: nmg(38, 1),
  HandleComplaint: nmg(38, 2),
  TellComplainant: nmg(38, 2),
  DecideRecusal: null,
  // 第三十二条 因工受伤、致残或者死亡……被评定为烈士的 — a death or a 烈士 determination comes after the service ends.
  RecordInjury: nmg(32, 1),
  // 第四十二条第二款、第三款 赔偿损失后，应当责令有故意或者重大过失的辅警依法承担部分或者全部赔偿费用 — after the departure too.
  PayCompensation: nmg(42, 2),
  OrderCompensationRecovery: nmg(42, 3),
  SettleCompensation: nmg(42, 3),
  Terminate: null,
  // Issue 11 item 6: an organ corrects a record a back-dated one made unlawful — during the service.
  CorrectRetroactiveConflict: null,
} as const satisfies Record<string, Citation | null>;

export type ServiceCommandType = keyof typeof AFTER_DEPARTURE;

type States<C extends Command, Refs extends Record<string, StreamRef>> = Parameters<CommandHandler<C, Refs>['decide']>[1];

/** A handler of a command about a service: it decides on `record`, the auxiliary as of the effective date, once SERVICE-PERIOD has passed. */
export interface ServiceCommandHandler<C extends Command, Refs extends { auxiliary: StreamRef<AuxiliaryState> }> {
  commandType: C['type'] & ServiceCommandType;
  streams(command: C): Refs;
  /** `record`: the auxiliary as of the effective date; `whole`: the record with everything on it (for what is unique across it: ids). */
  decide(command: C, states: States<C, Refs>, context: DecisionContext, record: Hired, whole: Hired): Decision<Extract<keyof Refs, string>>;
}

/** SERVICE-PERIOD for a command type on a date: the judgement, and the record as of that date. */
export function judgeServicePeriod(type: ServiceCommandType, state: Hired, on: IsoDate, context: DecisionContext) {
  const record = asOf(state, on);
  const departedOn = record.status === 'DEPARTED' ? record.departedOn : null;
  const judgement = judgeInForce(context.registry, ['SERVICE-PERIOD'], { effectiveDate: on, service: { hiredOn: state.service.hiredOn, departedOn, recordedFrom: state.service.migrated?.recordedFrom ?? null }, afterDeparture: AFTER_DEPARTURE[type] });
  return { judgement, record };
}

export function serviceCommand<C extends Command, Refs extends { auxiliary: StreamRef<AuxiliaryState> }>(handler: ServiceCommandHandler<C, Refs>): CommandHandler<C, Refs> {
  return {
    commandType: handler.commandType,
    streams: (command) => handler.streams(command),
    decide(command, states, context) {
      const state = (states as { auxiliary: AuxiliaryState }).auxiliary;
      if (!isHired(state)) return notHired();
        const { judgement, record } = judgeServicePeriod(handler.commandType, state, command.metadata.effectiveDate, context);
      if (!isHired(record)) return refuseCitingRules(judgement);
      const decision = handler.decide(command, states, context, record, state);
      if (judgement.ok) return decision;
      // After the departure, every failed rule at once: the handler's own violations beside SERVICE-PERIOD.
      return !decision.accepted && decision.refusal.kind === 'STATUTE' ? refuseCitingRules(mergeJudgements(judgement, decision.refusal.judgement)) : refuseCitingRules(judgement);
    },
  };
}

/** Two judgements of one command on one date as one: every rule checked, every violation. */
function mergeJudgements(a: Judgement, b: Judgement): Judgement {
  const parameters = [...a.parameters, ...b.parameters.filter((p) => !a.parameters.some((q) => q.key === p.key))];
  return {
    ...a,
    ok: a.ok && b.ok,
    checked: [...a.checked, ...b.checked],
    recordedOnly: [...a.recordedOnly, ...b.recordedOnly],
    violations: [...a.violations, ...b.violations],
    parameters,
    usedDefaults: a.usedDefaults || b.usedDefaults,
  };
}
