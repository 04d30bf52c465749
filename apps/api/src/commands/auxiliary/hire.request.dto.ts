import type { Hire, LabourContract } from '@auxledger/domain';
import { CONTRACT_CLAUSES, type ContractClause } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, ManyOf, Nested, OneOf, Text } from '../shared/dto-fields';
import { PayDto } from '../shared/shared.dto';

const CONTRACT_KINDS = ['FIXED_TERM', 'OPEN_ENDED', 'TASK_BASED'] as const;

export class LabourContractDto {
  @Id('contract-2025-001')
  contractId!: string;

  @OneOf(CONTRACT_KINDS, 'FIXED_TERM')
  kind!: LabourContract['kind'];

  @DateField('2025-01-02', { description: "The hire's effective date" })
  startDate!: string;

  @DateField('2027-12-31', { nullable: true, description: 'Last day of a fixed term; null otherwise' })
  endDate?: string | null;

  @DateField('2025-06-30', { nullable: true, description: 'Last day of probation; null: none' })
  probationLastDay?: string | null;

  @ManyOf(CONTRACT_CLAUSES, [...CONTRACT_CLAUSES])
  clauses!: ContractClause[];
}

export class HireRequestDto extends CommandRequestDto {
  @Id('aux-0001', { description: 'The new auxiliary id, chosen by the client' })
  auxiliaryId!: string;

  @Id('app-0001')
  applicationId!: string;

  @Id('pk-3f9a0c', { description: 'Salted hash of the ID number (never the number itself)' })
  personKey!: string;

  @Id('xincheng', { description: '谁使用、谁管理、谁负责 (Art. 34 ¶1)' })
  usingOrganId!: string;

  @OneOf(['CIVILIAN', 'DUTY'] as const, 'DUTY')
  category!: Hire['data']['category'];

  @Text('L1', { max: 32 })
  level!: string;

  @Nested(() => PayDto)
  pay!: PayDto;

  @Nested(() => LabourContractDto)
  contract!: LabourContractDto;

  static toData(b: HireRequestDto): Hire['data'] {
    const c = b.contract;
    return {
      auxiliaryId: b.auxiliaryId,
      applicationId: b.applicationId,
      personKey: b.personKey,
      usingOrganId: b.usingOrganId,
      category: b.category,
      level: b.level,
      pay: PayDto.toData(b.pay),
      contract: { contractId: c.contractId, kind: c.kind, startDate: c.startDate, endDate: c.endDate ?? null, probationLastDay: c.probationLastDay ?? null, clauses: [...c.clauses] },
    };
  }
}
