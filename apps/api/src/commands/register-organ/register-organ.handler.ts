import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registerOrgan } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { RegisterOrganCommand } from './register-organ.command';

@CommandHandler(RegisterOrganCommand)
export class RegisterOrganHandler implements ICommandHandler<RegisterOrganCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RegisterOrganCommand): Promise<CommandAccepted> {
    return this.runner.run(registerOrgan, command, { organId: command.command.data.parentId });
  }
}
