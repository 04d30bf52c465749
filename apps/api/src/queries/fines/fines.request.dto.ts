import { FINE_STATUSES } from '@auxledger/read-models';
import { AsOfParam, FlagParam, KnownAtParam, ListParam, OrganParam, PagedQueryDto } from '../shared/query-fields';

export class FinesRequestDto extends PagedQueryDto {
  @OrganParam('The deciding organ (由公安机关予以没收，并处罚款)', true)
  organ!: string;

  @FlagParam('With every organ under it (default false)')
  subtree?: 'true' | 'false';

  @ListParam(FINE_STATUSES, 'Only these statuses (the counts still count every status)')
  status?: string;

  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}
