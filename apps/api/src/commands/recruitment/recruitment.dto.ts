import type { BackgroundFinding, ServiceHistoryFacts, TerminationReason } from '@auxledger/statute';
import { TERMINATION_REASONS } from '@auxledger/statute';
import { DateField, Flag, Id, Integer, OneOf, Text } from '../shared/dto-fields';

/** One item of Art. 23 checked (found: the circumstance exists); the check record itself is sealed, referenced by `ref`. */
export class BackgroundFindingDto {
  @Integer(3, { min: 1, max: 8, description: 'Art. 23 item (1)–(8)' })
  item!: BackgroundFinding['item'];

  @Flag(false)
  found!: boolean;

  @Text('BG-3', { max: 200 })
  ref!: string;

  static toData(b: BackgroundFindingDto): BackgroundFinding {
    return { item: b.item, found: b.found, ref: b.ref };
  }
}

/** Earlier auxiliary service of the person in the system's own records (Art. 23 (6) 擅自离职). */
export class ServiceRecordDto {
  @Id('saihan')
  organId!: string;

  @DateField('2022-06-30')
  endedOn!: string;

  @OneOf(TERMINATION_REASONS, 'CONTRACT_EXPIRY')
  reason!: TerminationReason;

  static toData(b: ServiceRecordDto): ServiceHistoryFacts['serviceHistory'][number] {
    return { organId: b.organId, endedOn: b.endedOn, reason: b.reason };
  }
}
