import type { RegisterOrgan } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class RegisterOrganCommand extends LedgerCommand<RegisterOrgan> {}
