import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordAssessment } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { RecordAssessmentCommand } from './record-assessment.command';

@CommandHandler(RecordAssessmentCommand)
export class RecordAssessmentHandler implements ICommandHandler<RecordAssessmentCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RecordAssessmentCommand): Promise<CommandAccepted> {
    return this.runner.run(recordAssessment, command, { auxiliaryId: command.command.data.auxiliaryId });
  }
}
