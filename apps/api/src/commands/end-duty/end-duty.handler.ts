import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { endDuty } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { EndDutyCommand } from './end-duty.command';

@CommandHandler(EndDutyCommand)
export class EndDutyHandler implements ICommandHandler<EndDutyCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: EndDutyCommand): Promise<CommandAccepted> {
    return this.runner.run(endDuty, command, { auxiliaryId: command.command.data.auxiliaryId });
  }
}
