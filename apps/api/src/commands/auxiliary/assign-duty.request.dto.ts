import type { AssignDuty, IssuedEquipment } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Flag, Id, IdList, NestedList, OneOf, Text } from '../shared/dto-fields';

export class IssuedEquipmentDto {
  @OneOf(['WEAPON', 'POLICE_GEAR', 'PROTECTIVE', 'OTHER'] as const, 'PROTECTIVE')
  kind!: IssuedEquipment['kind'];

  @Text('VEST-0042', { max: 128 })
  serial!: string;
}

export class AssignDutyRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('asg-0001')
  assignmentId!: string;

  @IdList(['SVC_PATROL'], { description: 'Duty codes of the catalog (Arts. 12–16); a code outside it is refused by the statute (Art. 10)' })
  dutyCodes!: string[];

  @Text('公安部规定…', { nullable: true, max: 500, description: 'The national rule behind an “other work” item' })
  nationalBasis?: string | null;

  @IdList(['officer-1'], { optional: true, description: '人民警察带领 (Arts. 10, 13 ¶3); default none' })
  leadingOfficerIds?: string[];

  @Flag(false, { optional: true, description: 'The auxiliary would act alone or in their own name (Art. 13 ¶2); default false' })
  alone?: boolean;

  @Id('case-2025-17', { nullable: true, description: 'The matter the assignment concerns (recusal, Art. 39)' })
  matterId?: string | null;

  @NestedList(() => IssuedEquipmentDto, { optional: true })
  equipmentIssued?: IssuedEquipmentDto[];

  static toData(b: AssignDutyRequestDto): AssignDuty['data'] {
    return {
      auxiliaryId: b.auxiliaryId,
      assignmentId: b.assignmentId,
      dutyCodes: [...b.dutyCodes],
      nationalBasis: b.nationalBasis ?? null,
      leadingOfficerIds: [...(b.leadingOfficerIds ?? [])],
      alone: b.alone ?? false,
      matterId: b.matterId ?? null,
      equipmentIssued: (b.equipmentIssued ?? []).map((e) => ({ kind: e.kind, serial: e.serial })),
    };
  }
}
