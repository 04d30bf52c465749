import { AsOfParam, FlagParam, KnownAtParam, OrganParam, ReadQueryDto } from '../shared/query-fields';

export class QuotaRequestDto extends ReadQueryDto {
  @OrganParam('The organ', true)
  organ!: string;

  @FlagParam('Each organ under it too, and the sums (default true)')
  subtree?: 'true' | 'false';

  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}
