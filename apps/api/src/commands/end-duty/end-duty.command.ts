import type { EndDuty } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class EndDutyCommand extends LedgerCommand<EndDuty> {}
