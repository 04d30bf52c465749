import type { Discipline } from '@auxledger/domain';
import { MISCONDUCT_CODES } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, OneOf, Text } from '../shared/dto-fields';

export class DisciplineRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('disc-0001')
  disciplineId!: string;

  @OneOf(MISCONDUCT_CODES, 'BEYOND_AUTHORITY', { description: 'Art. 42 ¶1' })
  misconduct!: Discipline['data']['misconduct'];

  @Text('超越权限从事警务辅助工作')
  description!: string;

  @Text('WARNING', { max: 64, description: 'A sanction code of the discipline.sanctions parameter' })
  sanction!: string;

  @Id('xincheng')
  decidingOrganId!: string;

  @DateField('2025-12-31', { nullable: true })
  effectiveUntil?: string | null;

  static toData(b: DisciplineRequestDto): Discipline['data'] {
    return {
      auxiliaryId: b.auxiliaryId,
      disciplineId: b.disciplineId,
      misconduct: b.misconduct,
      description: b.description,
      sanction: b.sanction,
      decidingOrganId: b.decidingOrganId,
      effectiveUntil: b.effectiveUntil ?? null,
    };
  }
}
