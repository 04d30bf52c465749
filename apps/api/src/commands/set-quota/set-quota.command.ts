import type { SetQuota } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class SetQuotaCommand extends LedgerCommand<SetQuota> {}
