import type { AssignDuty } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class AssignDutyCommand extends LedgerCommand<AssignDuty> {}
