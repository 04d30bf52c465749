import type { EnrolInsurance } from '@auxledger/domain';
import type { InsuranceKind } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, ManyOf, Text } from '../shared/dto-fields';

const KINDS: readonly InsuranceKind[] = ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'];

export class EnrolInsuranceRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @ManyOf(KINDS, ['PENSION', 'MEDICAL', 'WORK_INJURY'], { description: 'Art. 28 ¶1–2' })
  kinds!: InsuranceKind[];

  @Text('SI-2025-0001', { max: 200 })
  reference!: string;

  static toData(b: EnrolInsuranceRequestDto): EnrolInsurance['data'] {
    return { auxiliaryId: b.auxiliaryId, kinds: [...b.kinds], reference: b.reference };
  }
}
