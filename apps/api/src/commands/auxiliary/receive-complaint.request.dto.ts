import type { ReceiveComplaint } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, OneOf } from '../shared/dto-fields';

export class ReceiveComplaintRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('cmp-0001')
  complaintId!: string;

  @OneOf(['REPORT', 'COMPLAINT'] as const, 'COMPLAINT', { description: '举报 or 投诉 (Art. 38 ¶1)' })
  channel!: ReceiveComplaint['data']['channel'];

  @Id('xincheng')
  receivingOrganId!: string;

  static toData(b: ReceiveComplaintRequestDto): ReceiveComplaint['data'] {
    return { auxiliaryId: b.auxiliaryId, complaintId: b.complaintId, channel: b.channel, receivingOrganId: b.receivingOrganId };
  }
}
