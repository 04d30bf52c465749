import { randomUUID } from 'node:crypto';
import type { Command, CommandMetadata } from '@auxledger/domain';
import type { Clock } from '@auxledger/application';
import { AppError } from '../../errors/app-error';
import type { Principal } from '../../auth/principal';
import { todayInShanghai } from '../../time/today-in-shanghai';
import { IDENTIFIER } from './dto-fields';
import type { CommandRequestDto } from './command-request.dto';

/**
 * A domain command from a validated body: the command id from the
 * `Idempotency-Key` header or the body (they must agree), else a new UUID;
 * the effective date from the body, else today in Asia/Shanghai; the actor
 * from the API key (its organ is set once the organ check has passed).
 */
export function toDomainCommand<T extends string, D>(
  type: T,
  data: D,
  body: CommandRequestDto,
  idempotencyKey: string | undefined,
  principal: Principal,
  clock: Clock,
): Command<T, D> {
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
  const metadata: CommandMetadata = {
    commandId: idempotencyKey ?? body.commandId ?? randomUUID(),
    actor: { id: principal.keyId, role: principal.role, organId: null },
    effectiveDate: body.effectiveDate ?? todayInShanghai(clock),
    recordedAt: clock.now().toISOString(),
  };
  return { type, data, metadata };
}
