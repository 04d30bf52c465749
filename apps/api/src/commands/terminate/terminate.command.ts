import type { Terminate } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class TerminateCommand extends LedgerCommand<Terminate> {}
