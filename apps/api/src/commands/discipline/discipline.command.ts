import type { Discipline } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class DisciplineCommand extends LedgerCommand<Discipline> {}
