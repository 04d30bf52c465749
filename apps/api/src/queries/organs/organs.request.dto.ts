import { OrganParam, ReadQueryDto } from '../shared/query-fields';

export class OrgansRequestDto extends ReadQueryDto {
  @OrganParam('Only this organ and the organs under it (default: every organ)')
  root?: string;
}
