import type { RecordRanking } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Decimal, Flag, Id, IntegerList, NestedList } from '../shared/dto-fields';

export class RankingEntryDto {
  @Id('app-0001', { description: 'The application' })
  applicantId!: string;

  @Decimal(84.5, { max: 1000 })
  score!: number;

  @Flag(true)
  eligible!: boolean;

  @IntegerList([], { min: 1, max: 6, description: 'Art. 22 ¶1 items (1)–(6) claimed' })
  preferenceCategories!: number[];
}

export class RecordRankingRequestDto extends CommandRequestDto {
  @Id('plan-2024-hohhot')
  planId!: string;

  @NestedList(() => RankingEntryDto, { description: 'First place first' })
  ranking!: RankingEntryDto[];

  static toData(b: RecordRankingRequestDto): RecordRanking['data'] {
    return {
      planId: b.planId,
      ranking: b.ranking.map((r) => ({ applicantId: r.applicantId, score: r.score, eligible: r.eligible, preferenceCategories: [...r.preferenceCategories] })),
    };
  }
}
