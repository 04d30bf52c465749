import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assignDuty } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { AssignDutyCommand } from './assign-duty.command';

@CommandHandler(AssignDutyCommand)
export class AssignDutyHandler implements ICommandHandler<AssignDutyCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: AssignDutyCommand): Promise<CommandAccepted> {
    return this.runner.run(assignDuty, command, { auxiliaryId: command.command.data.auxiliaryId });
  }
}
