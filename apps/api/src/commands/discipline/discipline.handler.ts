import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { discipline } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { DisciplineCommand } from './discipline.command';

@CommandHandler(DisciplineCommand)
export class DisciplineHandler implements ICommandHandler<DisciplineCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: DisciplineCommand): Promise<CommandAccepted> {
    return this.runner.run(discipline, command, { auxiliaryId: command.command.data.auxiliaryId });
  }
}
