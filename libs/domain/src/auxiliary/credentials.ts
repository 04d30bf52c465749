import { judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type CredentialKind, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, judgeInForceOnly, notInService } from './guards';
import { serviceCommand } from './service-period';
import { isInService } from './state';

/**
 * 工作证件、服装和标识 (Art. 37): issued with a serial number (¶1, CREDENTIALS) and
 * recovered on departure (¶3). Termination lists what is outstanding; each
 * recovery is recorded here, after departure too. A recovery is not refused
 * because other items are still out: that is the supervision view's finding.
 */

export type IssueCredential = Command<'IssueCredential', { auxiliaryId: string; kind: CredentialKind; serial: string }>;
export type RecoverCredential = Command<'RecoverCredential', { auxiliaryId: string; serial: string }>;

export const issueCredential: CommandHandler<IssueCredential, AuxiliaryRefs> = serviceCommand<IssueCredential, AuxiliaryRefs>({
  commandType: 'IssueCredential',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (!isInService(state)) return notInService(state);
    if (data.serial.trim() && whole.service.credentials.some((c) => c.serial === data.serial && c.recoveredOn === null)) {
      return refuseWithStateCode('CREDENTIAL_ALREADY_ISSUED', { zh: `编号${data.serial}已配发且未收回`, en: `Serial ${data.serial} is issued and not recovered` }, { serial: data.serial });
    }

    const judgement = judgeInForce(context.registry, ['CREDENTIALS'], {
      effectiveDate: on,
      credentials: { items: [{ kind: data.kind, serial: data.serial, recoveredOn: null }], departedOn: null },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('CredentialIssued', { auxiliaryId: data.auxiliaryId, kind: data.kind, serial: data.serial, issuedOn: on })] }, judgement);
  },
});

export const recoverCredential: CommandHandler<RecoverCredential, AuxiliaryRefs> = serviceCommand<RecoverCredential, AuxiliaryRefs>({
  commandType: 'RecoverCredential',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    const item = whole.service.credentials.find((c) => c.serial === data.serial && c.recoveredOn === null);
    if (!item) return refuseWithStateCode('CREDENTIAL_NOT_OUTSTANDING', { zh: `编号${data.serial}没有待收回的配发记录`, en: `Nothing with serial ${data.serial} is out` }, { serial: data.serial });
    if (on < item.issuedOn) return refuseWithStateCode('RECOVERED_BEFORE_ISSUED', { zh: `收回日期早于配发日期${item.issuedOn}`, en: `Recovery precedes the issue on ${item.issuedOn}` });

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('CredentialRecovered', { auxiliaryId: data.auxiliaryId, serial: data.serial, recoveredOn: on })] }, judgement);
  },
});
