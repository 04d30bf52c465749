import { AsOfParam, FlagParam, IntParam, KnownAtParam, OrganParam, ReadQueryDto } from '../shared/query-fields';

export const MAX_SERIES_MONTHS = 120;

export class HeadcountSeriesRequestDto extends ReadQueryDto {
  @OrganParam('The organ whose auxiliaries to count (their using organ)', true)
  organ!: string;

  @FlagParam('With every organ under it (default true)')
  subtree?: 'true' | 'false';

  @IntParam(`Months in the series, the as-of date's month last (default 24, at most ${MAX_SERIES_MONTHS})`, { min: 1, max: MAX_SERIES_MONTHS, example: 24 })
  months?: number;

  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}
