import { AsOfParam, ReadQueryDto } from '../shared/query-fields';

export class CommandCatalogRequestDto extends ReadQueryDto {
  /** The parameters (pay standards, sanctions, grades, levels, high-risk duties) in force on this date. */
  @AsOfParam()
  asOf?: string;
}
