import { AsOfParam, FlagParam, ListParam, OrganParam, ReadQueryDto } from '../shared/query-fields';

export const FINDING_KINDS = [
  'PRE_JOB_TRAINING_MISSING',
  'ANNUAL_TRAINING_MISSING',
  'ASSESSMENT_OVERDUE',
  'INSURANCE_MISSING',
  'HEALTH_CHECK_OVERDUE',
  'CREDENTIALS_NOT_RECOVERED',
  'COMPLAINT_OPEN',
  'COMPLAINT_OVERDUE',
  'SANCTION_ACTIVE',
  'RECUSAL',
  'PLAN_NOT_APPROVED',
  'PLAN_NOT_FILED',
  'RETROACTIVE_CONFLICT',
  'CONTRACT_EXPIRED',
] as const;

export class SupervisionRequestDto extends ReadQueryDto {
  @OrganParam('The organ supervised', true)
  organ!: string;

  @FlagParam('With every organ under it (default true)')
  subtree?: 'true' | 'false';

  @ListParam(FINDING_KINDS, 'Only these kinds of finding')
  kind?: string;

  @AsOfParam()
  asOf?: string;
}
