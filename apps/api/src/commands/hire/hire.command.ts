import type { Hire } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class HireCommand extends LedgerCommand<Hire> {}
