import type { RecordAssessment } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class RecordAssessmentCommand extends LedgerCommand<RecordAssessment> {}
