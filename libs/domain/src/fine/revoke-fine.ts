import { accept, refuseWithStateCode, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { fineRef, fineRevoked, type FineRevoked, type FineState } from './fine';

/** A fine set aside (reconsideration, litigation) or withdrawn by the organ; the record of the decision stays. */
export type RevokeFine = Command<'RevokeFine', FineRevoked['data']>;

export const revokeFine: CommandHandler<RevokeFine, { fine: StreamRef<FineState> }> = {
  commandType: 'RevokeFine',
  streams: ({ data }) => ({ fine: fineRef(data.fineId) }),
  decide({ data }, { fine }) {
    if (fine.status === 'NONE') return refuseWithStateCode('FINE_NOT_FOUND', { zh: `罚款${data.fineId}不存在`, en: `No fine ${data.fineId}` });
    if (fine.status === 'REVOKED') return refuseWithStateCode('FINE_ALREADY_REVOKED', { zh: '该罚款已撤销', en: 'The fine is already revoked' });
    if (!data.decisionRef.trim()) return refuseWithStateCode('DECISION_REF_MISSING', { zh: '应记录撤销决定文号', en: 'The revoking decision is required' });
    return accept({ fine: [fineRevoked({ ...data })] });
  },
};
