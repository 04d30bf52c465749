import { HEALTH_CHECK_RESULTS, type HealthCheckResult, type RecordHealthCheck } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, OneOf } from '../shared/dto-fields';

export class RecordHealthCheckRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @DateField('2025-06-15', { description: 'Between the hire and the effective date' })
  checkedOn!: string;

  @OneOf(HEALTH_CHECK_RESULTS, 'NORMAL', { description: 'A result category, never a finding (PIPL)' })
  result!: HealthCheckResult;

  static toData(b: RecordHealthCheckRequestDto): RecordHealthCheck['data'] {
    return { auxiliaryId: b.auxiliaryId, checkedOn: b.checkedOn, result: b.result };
  }
}
