import { DateParam, FlagParam, IdParam, InstantParam, OneOfParam, OrganParam, PagedQueryDto } from '../shared/query-fields';

export class AuditRequestDto extends PagedQueryDto {
  @OrganParam('The organ concerned: rows naming it, and rows of the auxiliaries it uses. Operators must name an organ of theirs.')
  organ?: string;

  @FlagParam('With `organ`: its whole subtree (default false)')
  subtree?: 'true' | 'false';

  @IdParam('One auxiliary', 'aux-1')
  auxiliary?: string;

  @IdParam('One natural person, by the salted person key', 'pk-1')
  personKey?: string;

  @IdParam('Who acted: the API key id', '3f9a0c5e7b1d2a48')
  actor?: string;

  @IdParam('The command type (Hire, AssignDuty, …)', 'Hire')
  commandType?: string;

  @OneOfParam(['ACCEPTED', 'REFUSED'], 'Accepted events or refused commands')
  outcome?: 'ACCEPTED' | 'REFUSED';

  @InstantParam('Recorded at or after this instant (ISO-8601 with offset)')
  recordedFrom?: string;

  @InstantParam('Recorded before this instant')
  recordedTo?: string;

  @DateParam('Effective on or after this date')
  effectiveFrom?: string;

  @DateParam('Effective before this date')
  effectiveTo?: string;

  @OneOfParam(['oldest', 'newest'], 'Order by log position (default oldest first)')
  order?: 'oldest' | 'newest';
}
