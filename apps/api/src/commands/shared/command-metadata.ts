import type { CommandInput } from '@auxledger/application';
import type { Command } from '@auxledger/domain';
import { AppError } from '../../errors/app-error';
import { IDENTIFIER } from './dto-fields';
import type { CommandRequestDto } from './command-request.dto';

/** What a request says of its command besides the actor (who is known once the organ check has passed). */
export type CommandRequest<C extends Command> = Omit<CommandInput<C>, 'actor'>;

/**
 * A command request from a validated body: the command id from the
 * `Idempotency-Key` header or the body (they must agree; neither: the command
 * path draws a UUID), the effective date from the body (none: today in China).
 */
export function commandRequestOf<C extends Command>(type: C['type'], data: C['data'], body: CommandRequestDto, idempotencyKey: string | undefined): CommandRequest<C> {
  if (idempotencyKey !== undefined && !IDENTIFIER.test(idempotencyKey)) {
    throw new AppError('INVALID_INPUT', 'INVALID_IDEMPOTENCY_KEY', {
      zh: 'Idempotency-Key 须为1至128位字母、数字或 ._:- 字符',
      en: 'Idempotency-Key must be 1–128 letters, digits or ._:-',
    });
  }
  if (idempotencyKey !== undefined && body.commandId !== undefined && idempotencyKey !== body.commandId) {
    throw new AppError('INVALID_INPUT', 'COMMAND_ID_MISMATCH', {
      zh: 'Idempotency-Key 与请求体中的 commandId 不一致',
      en: 'The Idempotency-Key header and the body commandId differ',
    });
  }
  const commandId = idempotencyKey ?? body.commandId;
  return {
    type,
    data,
    ...(commandId !== undefined ? { commandId } : {}),
    ...(body.effectiveDate !== undefined ? { effectiveDate: body.effectiveDate } : {}),
  };
}
