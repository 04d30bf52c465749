import type { SetQuota } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Integer, OneOf, Text } from '../shared/dto-fields';

export class SetQuotaRequestDto extends CommandRequestDto {
  @Id('xincheng')
  organId!: string;

  @OneOf(['CIVILIAN', 'DUTY'] as const, 'DUTY', { nullable: true, description: 'null: the organ-wide quota' })
  category?: 'CIVILIAN' | 'DUTY' | null;

  @Integer(120, { max: 1_000_000 })
  headcount!: number;

  @Text('内公发〔2024〕12号', { max: 200, description: 'The approving document (批准文件)' })
  documentRef!: string;

  @Id('nmg', { description: 'The authority that set it (Art. 7)' })
  setByOrganId!: string;

  static toData(b: SetQuotaRequestDto): SetQuota['data'] {
    return { organId: b.organId, category: b.category ?? null, headcount: b.headcount, documentRef: b.documentRef, setByOrganId: b.setByOrganId };
  }
}
