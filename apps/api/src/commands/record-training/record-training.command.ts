import type { RecordTraining } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class RecordTrainingCommand extends LedgerCommand<RecordTraining> {}
