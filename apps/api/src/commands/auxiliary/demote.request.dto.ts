import type { Demote } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Nested, OneOf, Text } from '../shared/dto-fields';
import { PayDto } from '../shared/shared.dto';

export class DemotionBasisDto {
  @OneOf(['ASSESSMENT', 'DISCIPLINE'] as const, 'ASSESSMENT', { description: 'An assessment (Art. 36 ¶2) or a disciplinary decision on this record' })
  kind!: Demote['data']['basis']['kind'];

  @Id('as-2026', { description: 'Its assessmentId or disciplineId' })
  ref!: string;
}

export class DemoteRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Text('L1', { max: 32 })
  toLevel!: string;

  @Nested(() => DemotionBasisDto)
  basis!: DemotionBasisDto;

  @Nested(() => PayDto)
  pay!: PayDto;

  static toData(b: DemoteRequestDto): Demote['data'] {
    return { auxiliaryId: b.auxiliaryId, toLevel: b.toLevel, basis: { kind: b.basis.kind, ref: b.basis.ref }, pay: PayDto.toData(b.pay) };
  }
}
