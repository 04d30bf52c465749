import { AsOfParam, FlagParam, IdParam, KnownAtParam, ListParam, OneOfParam, OrganParam, PagedQueryDto } from '../shared/query-fields';

export const ROSTER_STATUSES = ['ON_PROBATION', 'ACTIVE', 'SUSPENDED', 'DEPARTED'] as const;
export const CATEGORIES = ['DUTY', 'CIVILIAN'] as const;

export class RosterRequestDto extends PagedQueryDto {
  @OrganParam('The organ whose auxiliaries to list (its using organ)', true)
  organ!: string;

  @FlagParam('With every organ under it (default false)')
  subtree?: 'true' | 'false';

  @ListParam(ROSTER_STATUSES, 'Only these statuses (default: all, departed included)')
  status?: string;

  @OneOfParam(CATEGORIES, 'Only this category')
  category?: (typeof CATEGORIES)[number];

  @IdParam('Only this level (a code of the levels parameter in force: L1 … L6)', 'L1')
  level?: string;

  @IdParam('Only auxiliaries whose id contains this text (case-insensitive)', 'aux-1')
  q?: string;

  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}
