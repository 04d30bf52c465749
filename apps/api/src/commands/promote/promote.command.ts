import type { Promote } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class PromoteCommand extends LedgerCommand<Promote> {}
