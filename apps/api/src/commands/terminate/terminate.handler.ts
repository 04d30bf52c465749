import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { terminate } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { TerminateCommand } from './terminate.command';

@CommandHandler(TerminateCommand)
export class TerminateHandler implements ICommandHandler<TerminateCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: TerminateCommand): Promise<CommandAccepted> {
    return this.runner.run(terminate, command, { auxiliaryId: command.command.data.auxiliaryId });
  }
}
