import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { setQuota } from '@auxledger/domain';
import { CommandRunner } from '../shared/command-runner';
import type { CommandAccepted } from '../shared/ledger-command';
import { SetQuotaCommand } from './set-quota.command';

@CommandHandler(SetQuotaCommand)
export class SetQuotaHandler implements ICommandHandler<SetQuotaCommand, CommandAccepted> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: SetQuotaCommand): Promise<CommandAccepted> {
    return this.runner.run(setQuota, command, { organId: command.command.data.organId });
  }
}
