import { HEALTH_CHECK_RESULTS, type HealthCheckResult, type RecordHealthCheck } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, OneOf } from '../shared/dto-fields';

export class RecordHealthCheckRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @DateField('2025-06-15', { description: 'Between the hire and the effective date' })
  checkedOn!: string;

  @OneOf(HEALTH_CHECK_RESULTS, 'NORMAL', { description: 'A result category, never a finding; sealed under the person’s data key before the command is built, read in clear only on a recorded disclosure (PIPL Art. 28, ADR 0006)' })
  result!: HealthCheckResult;

  /** The command's data with the category still in clear: the endpoint seals it (apps/api/src/identity/record-health-check.endpoint.ts). */
  static toData(b: RecordHealthCheckRequestDto): Omit<RecordHealthCheck['data'], 'result'> & { result: HealthCheckResult } {
    return { auxiliaryId: b.auxiliaryId, checkedOn: b.checkedOn, result: b.result };
  }
}
