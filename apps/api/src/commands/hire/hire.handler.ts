import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { hire } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { HireCommand } from './hire.command';

@CommandHandler(HireCommand)
export class HireHandler implements ICommandHandler<HireCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: HireCommand): Promise<CommandAccepted> {
    return this.runner.run(hire, command, { organId: command.command.data.usingOrganId });
  }
}
