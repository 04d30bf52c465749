import type { EnrolInsurance } from '@auxledger/domain';
import { LedgerCommand } from '../shared/ledger-command';

export class EnrolInsuranceCommand extends LedgerCommand<EnrolInsurance> {}
