import type { RecordFinePayment } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Integer, Text } from '../shared/dto-fields';

export class RecordFinePaymentRequestDto extends CommandRequestDto {
  @Id('fine-2025-001')
  fineId!: string;

  @Integer(80_000, { min: 1, description: 'In fen (分): the whole fine' })
  amountFen!: number;

  @Text('NMG-FS-2025-000042', { max: 200 })
  receiptRef!: string;

  static toData(b: RecordFinePaymentRequestDto): RecordFinePayment['data'] {
    return { fineId: b.fineId, amountFen: b.amountFen, receiptRef: b.receiptRef };
  }
}
