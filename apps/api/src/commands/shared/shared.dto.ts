import type { PayOnLevel } from '@auxledger/domain';
import { Integer, Text } from './dto-fields';

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
