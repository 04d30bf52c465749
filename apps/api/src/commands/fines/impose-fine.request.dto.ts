import type { ImposeFine } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Flag, Id, Integer, OneOf, Text } from '../shared/dto-fields';

export class ImposeFineRequestDto extends CommandRequestDto {
  @Id('fine-2025-001')
  fineId!: string;

  @Id('xincheng', { description: 'The public-security organ deciding (由公安机关予以没收，并处罚款)' })
  decidingOrganId!: string;

  @Id('party-7c1e', { description: 'The party: a salted hash or a case-file reference, never an ID number' })
  partyKey!: string;

  @Text('新公（治）行罚决字〔2025〕12号', { max: 200, description: '行政处罚决定书 number' })
  decisionNumber!: string;

  @OneOf(['MAKE', 'SELL', 'BUY', 'HOLD', 'USE'] as const, 'HOLD', { description: 'Art. 44: making or selling; buying, holding or using' })
  conduct!: ImposeFine['data']['conduct'];

  @OneOf(['UNIFORM', 'INSIGNIA', 'WORK_ID'] as const, 'UNIFORM')
  item!: ImposeFine['data']['item'];

  @Flag(true, { description: 'The items are confiscated (Art. 44)' })
  confiscated!: boolean;

  @Integer(80_000, { min: 1, description: 'The fine, in fen (分)' })
  amountFen!: number;

  @Integer(20_000, { nullable: true, description: '违法所得 in fen, for making or selling; null: not established' })
  illegalIncomeFen?: number | null;

  static toData(b: ImposeFineRequestDto): ImposeFine['data'] {
    return {
      fineId: b.fineId,
      decidingOrganId: b.decidingOrganId,
      partyKey: b.partyKey,
      decisionNumber: b.decisionNumber,
      conduct: b.conduct,
      item: b.item,
      confiscated: b.confiscated,
      amountFen: b.amountFen,
      illegalIncomeFen: b.illegalIncomeFen ?? null,
    };
  }
}
