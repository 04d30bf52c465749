import type { HandleComplaint } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, OneOf } from '../shared/dto-fields';

export class HandleComplaintRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('cmp-0001')
  complaintId!: string;

  @DateField('2025-03-05', { description: 'Between the receipt and the decision (the effective date)' })
  investigatedOn!: string;

  @OneOf(['SUBSTANTIATED', 'PARTLY_SUBSTANTIATED', 'UNSUBSTANTIATED'] as const, 'UNSUBSTANTIATED')
  finding!: HandleComplaint['data']['finding'];

  @Id('disc-0001', { nullable: true, description: 'The disciplinary decision it led to, on record; null: none' })
  disciplineId?: string | null;

  static toData(b: HandleComplaintRequestDto): HandleComplaint['data'] {
    return { auxiliaryId: b.auxiliaryId, complaintId: b.complaintId, investigatedOn: b.investigatedOn, finding: b.finding, disciplineId: b.disciplineId ?? null };
  }
}
