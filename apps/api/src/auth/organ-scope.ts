import { Inject, Injectable } from '@nestjs/common';
import { Auxiliary, Organ, streamIdOf } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import { AppError } from '../errors/app-error';
import { EVENT_STORE } from '../infrastructure/tokens';
import type { Principal } from './principal';

/** What a command concerns, for the organ check: an organ, or an auxiliary (whose using organ is on record). */
export type CommandScope = { organId: string | null } | { auxiliaryId: string };

/** Organ trees are shallow (REGION → CITY → COUNTY → UNIT); a longer walk means a broken record. */
const MAX_DEPTH = 16;

/**
 * May this principal command this organ? Admins: everywhere. Operators: in the
 * subtrees of the organs they were granted — resolved from the organ streams
 * themselves (each stream's first event, `OrganRegistered`, names its parent),
 * so the API keeps no copy of the tree that could drift from the log. An
 * organ not (yet) registered is outside every operator's scope. For an
 * auxiliary, its using organ is the one on its `AuxiliaryHired`; an auxiliary
 * with no record is let through (the domain refuses it, AUXILIARY_NOT_HIRED).
 *
 * Answers the organ the actor acts for (the granted organ that contains the
 * target, or null for admins), recorded on every event as `actor.organId`.
 */
@Injectable()
export class OrganScope {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async authorize(principal: Principal, scope: CommandScope): Promise<string | null> {
    if (principal.role === 'admin') return null;
    if (principal.role !== 'operator') throw forbidden(principal, null);
    let organId: string | null;
    if ('auxiliaryId' in scope) {
      const [hired] = await this.store.readStream(streamIdOf(Auxiliary, scope.auxiliaryId), { maxCount: 1 });
      if (!hired) return principal.organIds[0] ?? null;
      organId = typeof hired.data['usingOrganId'] === 'string' ? hired.data['usingOrganId'] : null;
    } else {
      organId = scope.organId;
    }
    const grant = organId === null ? null : await this.grantContaining(principal.organIds, organId);
    if (grant === null) throw forbidden(principal, organId);
    return grant;
  }

  private async grantContaining(grants: string[], organId: string): Promise<string | null> {
    const seen = new Set<string>();
    let current: string | null = organId;
    while (current !== null && !seen.has(current) && seen.size < MAX_DEPTH) {
      if (grants.includes(current)) return current;
      seen.add(current);
      const [registered] = await this.store.readStream(streamIdOf(Organ, current), { maxCount: 1 });
      if (registered?.type !== 'OrganRegistered') return null;
      const parent = registered.data['parentId'];
      current = typeof parent === 'string' ? parent : null;
    }
    return null;
  }
}

function forbidden(principal: Principal, organId: string | null): AppError {
  return new AppError(
    'FORBIDDEN',
    'ORGAN_OUT_OF_SCOPE',
    organId === null
      ? { zh: `角色 ${principal.role} 无权对该机关下达指令`, en: `Role ${principal.role} may not command this organ` }
      : { zh: `无权对机关 ${organId} 下达指令：不在授权机关范围内`, en: `Organ ${organId} is outside the organs this key may command` },
    { organId, grantedOrganIds: principal.organIds },
  );
}
