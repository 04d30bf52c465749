import { accept, refuseWithStateCode, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { finePaid, fineRef, type FineState } from './fine';

/** The fine is paid in full (a partial payment is not a payment of an Art. 44 fine). */
export type RecordFinePayment = Command<'RecordFinePayment', { fineId: string; amountFen: number; receiptRef: string }>;

export const recordFinePayment: CommandHandler<RecordFinePayment, { fine: StreamRef<FineState> }> = {
  commandType: 'RecordFinePayment',
  streams: ({ data }) => ({ fine: fineRef(data.fineId) }),
  decide({ data, metadata }, { fine }) {
    if (fine.status === 'NONE') return refuseWithStateCode('FINE_NOT_FOUND', { zh: `罚款${data.fineId}不存在`, en: `No fine ${data.fineId}` });
    if (fine.status !== 'IMPOSED') return refuseWithStateCode('FINE_NOT_PAYABLE', { zh: '该罚款已缴纳或已撤销', en: 'The fine is already paid or revoked' }, { status: fine.status });
    if (data.amountFen !== fine.amountFen) {
      return refuseWithStateCode('PAYMENT_AMOUNT_MISMATCH', { zh: '缴纳金额与罚款金额不符', en: 'The amount paid differs from the fine' }, { due: fine.amountFen, paid: data.amountFen });
    }
    if (metadata.effectiveDate < fine.decidedOn) {
      return refuseWithStateCode('PAID_BEFORE_DECISION', { zh: '缴纳日期早于处罚决定', en: 'Paid before the decision' });
    }
    return accept({ fine: [finePaid({ fineId: data.fineId, amountFen: data.amountFen, receiptRef: data.receiptRef })] });
  },
};
