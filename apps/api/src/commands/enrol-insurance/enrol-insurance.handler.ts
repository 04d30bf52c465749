import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { enrolInsurance } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { EnrolInsuranceCommand } from './enrol-insurance.command';

@CommandHandler(EnrolInsuranceCommand)
export class EnrolInsuranceHandler implements ICommandHandler<EnrolInsuranceCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: EnrolInsuranceCommand): Promise<CommandAccepted> {
    return this.runner.run(enrolInsurance, command, { auxiliaryId: command.command.data.auxiliaryId });
  }
}
