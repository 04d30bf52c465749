import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordTraining } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { RecordTrainingCommand } from './record-training.command';

@CommandHandler(RecordTrainingCommand)
export class RecordTrainingHandler implements ICommandHandler<RecordTrainingCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RecordTrainingCommand): Promise<CommandAccepted> {
    return this.runner.run(recordTraining, command, { auxiliaryId: command.command.data.auxiliaryId });
  }
}
