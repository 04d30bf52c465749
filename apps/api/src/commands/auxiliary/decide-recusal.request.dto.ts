import type { DecideRecusal } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Flag, Id, OneOf } from '../shared/dto-fields';

export class DecideRecusalRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('rec-0001')
  recusalId!: string;

  @Id('case-2025-17', { description: 'The matter the recusal concerns' })
  matterId!: string;

  @OneOf(['AUXILIARY', 'PARTY', 'LEGAL_REPRESENTATIVE'] as const, 'PARTY', { description: 'Art. 39 ¶1: the auxiliary, a party, or its legal representative' })
  initiatedBy!: DecideRecusal['data']['initiatedBy'];

  @Id('xincheng', { description: 'Art. 39 ¶2: the using organ decides' })
  decidingOrganId!: string;

  @Flag(true)
  granted!: boolean;

  static toData(b: DecideRecusalRequestDto): DecideRecusal['data'] {
    return { auxiliaryId: b.auxiliaryId, recusalId: b.recusalId, matterId: b.matterId, initiatedBy: b.initiatedBy, decidingOrganId: b.decidingOrganId, granted: b.granted };
  }
}
