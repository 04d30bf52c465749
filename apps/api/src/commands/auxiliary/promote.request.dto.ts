import type { Promote } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Flag, Id, Nested, OneOf, Text } from '../shared/dto-fields';
import { PayDto } from '../shared/shared.dto';

export class PromoteRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @OneOf(['ASSESSMENT', 'SELECTION'] as const, 'ASSESSMENT', { description: '考核晋升 or 选拔晋升 (Art. 36 ¶1–2)' })
  route!: Promote['data']['route'];

  @Text('L2', { max: 32 })
  toLevel!: string;

  @Text('选拔决定2026-3', { nullable: true, max: 500, description: 'The selection decision (required on the SELECTION route)' })
  selectionRef?: string | null;

  @Flag(false, { optional: true, description: 'The selection decision allows moving more than one level; default false' })
  selectionAllowsSkip?: boolean;

  @Nested(() => PayDto)
  pay!: PayDto;

  static toData(b: PromoteRequestDto): Promote['data'] {
    return {
      auxiliaryId: b.auxiliaryId,
      route: b.route,
      toLevel: b.toLevel,
      selectionRef: b.selectionRef ?? null,
      selectionAllowsSkip: b.selectionAllowsSkip ?? false,
      pay: PayDto.toData(b.pay),
    };
  }
}
