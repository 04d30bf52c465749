import { APPLICATION_STAGES } from '@auxledger/read-models';
import { AsOfParam, FlagParam, IdParam, KnownAtParam, ListParam, OrganParam, PagedQueryDto } from '../shared/query-fields';

export class ApplicationsRequestDto extends PagedQueryDto {
  @OrganParam('The organ whose applications to list: the organ of the targeted opening, else of the plan\'s only opening organ, else the recruiting organ', true)
  organ!: string;

  @FlagParam('With every organ under it (default false)')
  subtree?: 'true' | 'false';

  @IdParam('Only applications to this recruitment plan', 'plan-2025-01')
  plan?: string;

  @ListParam(APPLICATION_STAGES, 'Only applications at these stages (the counts still count every stage)')
  stage?: string;

  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}
