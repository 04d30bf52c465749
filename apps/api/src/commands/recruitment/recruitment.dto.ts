import type { BackgroundFinding } from '@auxledger/statute';
import { Flag, Integer, Text } from '../shared/dto-fields';

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
