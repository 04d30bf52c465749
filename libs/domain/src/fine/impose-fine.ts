import { FINE_CHECKS, judgeInForce } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { organRef, type OrganState } from '../organ/organ';
import { fineImposed, fineRef, type FineImposed, type FineState } from './fine';

/**
 * Imposes an Art. 44 fine, within its range (FINE-MAKE-SELL, FINE-BUY-HOLD),
 * with confiscation, by a public-security organ (read as role `organ`).
 */
export type ImposeFine = Command<'ImposeFine', FineImposed['data']>;

type Streams = { fine: StreamRef<FineState>; organ: StreamRef<OrganState> };

const isFen = (n: number | null) => n === null || (Number.isInteger(n) && n >= 0);

export const imposeFine: CommandHandler<ImposeFine, Streams> = {
  commandType: 'ImposeFine',
  streams: ({ data }) => ({ fine: fineRef(data.fineId), organ: organRef(data.decidingOrganId) }),
  decide({ data, metadata }, { fine, organ }, { registry }) {
    if (fine.status !== 'NONE') return refuseWithStateCode('FINE_ALREADY_IMPOSED', { zh: `罚款${data.fineId}已作出`, en: `Fine ${data.fineId} already exists` });
    if (organ.status !== 'REGISTERED') {
      return refuseWithStateCode('ORGAN_NOT_REGISTERED', { zh: `机关${data.decidingOrganId}未登记`, en: `Organ ${data.decidingOrganId} is not registered` });
    }
    if (organ.kind !== 'PUBLIC_SECURITY') {
      return refuseWithStateCode('FINE_NOT_BY_PUBLIC_SECURITY', { zh: '第四十四条的罚款由公安机关作出', en: 'Art. 44 fines are imposed by a public-security organ' }, { kind: organ.kind });
    }
    if (!isFen(data.amountFen) || data.amountFen === 0 || !isFen(data.illegalIncomeFen)) {
      return refuseWithStateCode('INVALID_AMOUNT', { zh: '金额应为以分计的正整数', en: 'Amounts are whole numbers of fen, the fine above zero' });
    }
    if (!data.decisionNumber.trim() || !data.partyKey.trim()) {
      return refuseWithStateCode('DECISION_INCOMPLETE', { zh: '应记录处罚决定书文号和当事人', en: 'The decision number and the party are required' });
    }

    const { conduct, item, confiscated, amountFen, illegalIncomeFen } = data;
    const judgement = judgeInForce(registry, FINE_CHECKS, { effectiveDate: metadata.effectiveDate, fine: { conduct, item, confiscated, amountFen, illegalIncomeFen } });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ fine: [fineImposed({ ...data })] }, judgement);
  },
};
