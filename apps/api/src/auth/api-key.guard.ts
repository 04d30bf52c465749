import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../errors/app-error';
import { admitRequest } from '../logging/command-outcomes';
import type { ApiTables } from '../infrastructure/api-tables';
import { API_TABLES } from '../infrastructure/tokens';
import { parseKey, secretMatches } from './api-key';
import { type ApiRole, PUBLIC_KEY, type Principal, ROLES_KEY } from './principal';
import { verifiedKeys } from './verified-key-cache';

export interface AuthenticatedRequest {
  headers: { authorization?: string };
  principal?: Principal;
}

const AUTHENTICATED = new WeakMap<object, Promise<Principal | AppError>>();

/**
 * The key a request carries, looked up once per request (the rate limit
 * counts by it before the guard checks it): its principal, or the error
 * that refuses it (no key, an unknown or revoked one); rejected only when
 * the key table cannot be read.
 */
export function authenticateRequest(request: AuthenticatedRequest, tables: ApiTables): Promise<Principal | AppError> {
  let result = AUTHENTICATED.get(request);
  if (!result) {
    result = authenticate(request.headers.authorization, tables).catch((error: unknown) => (error instanceof AppError ? error : Promise.reject(error)));
    AUTHENTICATED.set(request, result);
  }
  return result;
}

async function authenticate(header: string | undefined, tables: ApiTables): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) {
    throw new AppError('UNAUTHENTICATED', 'UNAUTHENTICATED', {
      zh: '缺少 API 密钥（Authorization: Bearer <密钥>）',
      en: 'An API key is required (Authorization: Bearer <key>)',
    });
  }
  const token = match[1] as string;
  const cache = verifiedKeys(tables);
  const cached = cache.get(token);
  if (cached) return cached;
  const mark = cache.mark();
  const { id, secret } = parseKey(token);
  const row = await tables.findKey(id);
  if (!row || row.revokedAt !== null || !secretMatches(secret, row.salt, row.hash)) {
    throw new AppError('UNAUTHENTICATED', 'INVALID_API_KEY', { zh: 'API 密钥无效或已吊销', en: 'The API key is invalid or revoked' });
  }
  const principal: Principal = { keyId: row.id, name: row.name, role: row.role, organIds: row.organIds };
  cache.remember(token, principal, mark);
  return principal;
}

/** `Authorization: Bearer <key>` on every route not marked @Public; then the route's @Roles. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_TABLES) private readonly tables: ApiTables,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await authenticateRequest(request, this.tables);
    if (principal instanceof AppError) throw principal;
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new AppError(
        'FORBIDDEN',
        'ROLE_NOT_ALLOWED',
        { zh: `角色 ${principal.role} 无权执行此操作（需要：${roles.join('、')}）`, en: `Role ${principal.role} may not do this (needs: ${roles.join(', ')})` },
        { role: principal.role, allowed: roles },
      );
    }
    // The last guard: what fails from here on (validation, the command) is the command's outcome (CommandOutcomes).
    admitRequest(request);
    return true;
  }
}
