import { type ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { ApiKeyRow } from '../infrastructure/api-tables';

/** Who is calling: the API key that authenticated the request. */
export interface Principal {
  keyId: string;
  name: string;
  role: ApiKeyRow['role'];
  /** For operators: the organs whose subtrees they may command. */
  organIds: string[];
}

export type ApiRole = Principal['role'];

export const ROLES_KEY = 'auxledger:roles';
export const PUBLIC_KEY = 'auxledger:public';

/** Roles allowed on a controller or route (every authenticated role when absent). */
export const Roles = (...roles: ApiRole[]) => SetMetadata(ROLES_KEY, roles);
/** No API key needed (health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without the API-key guard');
  return request.principal;
});
