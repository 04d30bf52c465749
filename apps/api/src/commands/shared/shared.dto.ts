import type { LabourContract, PayOnLevel } from '@auxledger/domain';
import { CONTRACT_CLAUSES, type ContractClause } from '@auxledger/statute';
import { DateField, Id, Integer, ManyOf, OneOf, Text } from './dto-fields';

/** Pay on a level (Art. 27 ¶2, Art. 36 ¶1): PAY-LEVEL compares it with the configured standard. */
export class PayDto {
  @Text('hohhot', { max: 64, description: 'Locality of the pay standard (盟市 / 旗县), as AUXLEDGER_PARAMETERS names it' })
  locality!: string;

  @Integer(400000, { description: 'Monthly base pay in fen (分)' })
  monthlyBaseFen!: number;

  static toData(dto: PayDto): PayOnLevel {
    return { locality: dto.locality, monthlyBaseFen: dto.monthlyBaseFen };
  }
}

const CONTRACT_KINDS = ['FIXED_TERM', 'OPEN_ENDED', 'TASK_BASED'] as const;

/** A labour contract (Art. 24; 劳动合同法 Art. 19): of a hire, or of a renewal. */
export class LabourContractDto {
  @Id('contract-2025-001')
  contractId!: string;

  @OneOf(CONTRACT_KINDS, 'FIXED_TERM')
  kind!: LabourContract['kind'];

  @DateField('2025-01-02', { description: "The first day: the hire's effective date, or the day after the renewed contract ends" })
  startDate!: string;

  @DateField('2027-12-31', { nullable: true, description: 'Last day of a fixed term; null otherwise' })
  endDate?: string | null;

  @DateField('2025-06-30', { nullable: true, description: 'Last day of probation; null: none' })
  probationLastDay?: string | null;

  @ManyOf(CONTRACT_CLAUSES, [...CONTRACT_CLAUSES])
  clauses!: ContractClause[];

  static toData(c: LabourContractDto): LabourContract {
    return { contractId: c.contractId, kind: c.kind, startDate: c.startDate, endDate: c.endDate ?? null, probationLastDay: c.probationLastDay ?? null, clauses: [...c.clauses] };
  }
}
