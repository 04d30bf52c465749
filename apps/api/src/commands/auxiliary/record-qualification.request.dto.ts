import type { RecordQualification } from '@auxledger/domain';
import type { EquipmentQualification } from '@auxledger/statute';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, OneOf, Text } from '../shared/dto-fields';

const KINDS: readonly EquipmentQualification[] = ['POLICE_VEHICLE_DRIVING', 'POLICE_ROBOT_OPERATION', 'POLICE_DRONE_OPERATION'];

export class RecordQualificationRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('qual-0001')
  qualificationId!: string;

  @OneOf(KINDS, 'POLICE_VEHICLE_DRIVING', { description: 'Art. 16 ¶1 按照规定' })
  kind!: EquipmentQualification;

  @DateField('2025-01-10')
  validFrom!: string;

  @DateField('2031-01-09', { nullable: true, description: 'null: no end' })
  validUntil?: string | null;

  @Text('JSZ-150102-0001', { max: 200, description: 'The licence or certificate' })
  reference!: string;

  static toData(b: RecordQualificationRequestDto): RecordQualification['data'] {
    return { auxiliaryId: b.auxiliaryId, qualificationId: b.qualificationId, kind: b.kind, validFrom: b.validFrom, validUntil: b.validUntil ?? null, reference: b.reference };
  }
}
