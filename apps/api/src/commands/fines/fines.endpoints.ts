import { imposeFine, recordFinePayment, revokeFine } from '@auxledger/domain';
import { defineCommandEndpoint } from '../shared/define-command-endpoint';
import { ImposeFineRequestDto } from './impose-fine.request.dto';
import { RecordFinePaymentRequestDto } from './record-fine-payment.request.dto';
import { RevokeFineRequestDto } from './revoke-fine.request.dto';

/** Art. 44 fines on others: making, selling, buying, holding or using auxiliary uniforms and insignia. */
export const FINE_ENDPOINTS = [
  defineCommandEndpoint({
    handler: imposeFine,
    dto: ImposeFineRequestDto,
    scope: (d) => ({ organId: d.decidingOrganId }),
    summary: '罚款 Impose an Art. 44 fine',
    description: 'Art. 44 (FINE-MAKE-SELL, FINE-BUY-HOLD): within its range, with confiscation, by a public-security organ; Art. 37 ¶4 is the prohibition.',
  }),
  defineCommandEndpoint({
    handler: recordFinePayment,
    dto: RecordFinePaymentRequestDto,
    scope: (d) => ({ fineId: d.fineId }),
    summary: '缴纳罚款 Record a fine paid',
    description: 'Art. 44: the whole fine, on or after the decision.',
  }),
  defineCommandEndpoint({
    handler: revokeFine,
    dto: RevokeFineRequestDto,
    scope: (d) => ({ fineId: d.fineId }),
    summary: '撤销罚款 Revoke a fine',
    description: 'Art. 44: set aside on reconsideration or litigation, or withdrawn by the organ; the record of the decision stays.',
  }),
];
