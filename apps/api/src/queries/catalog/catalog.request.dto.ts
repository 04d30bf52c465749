import { AsOfParam, ReadQueryDto } from '../shared/query-fields';

export class CatalogRequestDto extends ReadQueryDto {
  /** The levels are a local parameter (Art. 34 ¶1): the ones in force on this date. */
  @AsOfParam()
  asOf?: string;
}
