import { AsOfParam, FlagParam, OrganParam, ReadQueryDto } from '../shared/query-fields';

export class ComplianceRequestDto extends ReadQueryDto {
  @OrganParam('The organ', true)
  organ!: string;

  @FlagParam('With every organ under it (default true)')
  subtree?: 'true' | 'false';

  @AsOfParam()
  asOf?: string;
}
