import type { Terminate } from '@auxledger/domain';
import { TERMINATION_REASONS } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Nested, OneOf, Text } from '../shared/dto-fields';

export class TerminationGroundDto {
  @OneOf(['LAW', 'CONTRACT'] as const, 'LAW')
  kind!: 'LAW' | 'CONTRACT';

  @Text('《劳动合同法》第三十六条', { max: 500 })
  ref!: string;
}

export class TerminateRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('pk-3f9a0c')
  personKey!: string;

  @Id('xincheng')
  usingOrganId!: string;

  @OneOf(TERMINATION_REASONS, 'MUTUAL_AGREEMENT')
  reason!: Terminate['data']['reason'];

  @Nested(() => TerminationGroundDto, { nullable: true, description: 'The ground in law or in the contract (Art. 40); without it the statute refuses' })
  ground?: TerminationGroundDto | null;

  static toData(b: TerminateRequestDto): Terminate['data'] {
    return {
      auxiliaryId: b.auxiliaryId,
      personKey: b.personKey,
      usingOrganId: b.usingOrganId,
      reason: b.reason,
      ground: b.ground ? { kind: b.ground.kind, ref: b.ground.ref } : null,
    };
  }
}
