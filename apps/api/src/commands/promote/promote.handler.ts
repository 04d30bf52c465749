import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { promote } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { PromoteCommand } from './promote.command';

@CommandHandler(PromoteCommand)
export class PromoteHandler implements ICommandHandler<PromoteCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: PromoteCommand): Promise<CommandAccepted> {
    return this.runner.run(promote, command, { auxiliaryId: command.command.data.auxiliaryId });
  }
}
