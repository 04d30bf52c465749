import { AsOfParam, FlagParam, KnownAtParam, ListParam, OrganParam, ReadQueryDto } from '../shared/query-fields';

export const PLAN_STATUSES = ['DRAFTED', 'APPROVED', 'ANNOUNCED', 'CLOSED'] as const;

export class RecruitmentPlansRequestDto extends ReadQueryDto {
  @OrganParam('Only plans this organ drafted (default: every plan)')
  organ?: string;

  @FlagParam('With `organ`: plans drafted under it too (default false)')
  subtree?: 'true' | 'false';

  @ListParam(PLAN_STATUSES, 'Only these statuses')
  status?: string;

  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}
