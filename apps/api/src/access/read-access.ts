import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { organHierarchy } from '@auxledger/read-models';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { READ_MODEL_STORE } from '../infrastructure/tokens';

/**
 * Who may read whose personnel data (apps/api/README.md, "Roles and what
 * they read"). Admins and auditors read everything; an operator reads the
 * personnel of the subtrees of its organs only — the same grant that lets it
 * command them; a viewer reads aggregates and never a person (its answers
 * are counts, see each query). Organ trees are read from `organ_hierarchy`
 * (each row keeps its ancestors), the read side's own copy of the log.
 */
@Injectable()
export class ReadAccess {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  /** Personnel of this organ (and its subtree) may be read by the principal; else 403 ORGAN_OUT_OF_SCOPE. */
  async requireOrgan(principal: Principal, organId: string): Promise<void> {
    if (principal.role !== 'operator') return;
    if (await this.operatorHolds(principal, organId)) return;
    throw outOfScope(principal, organId);
  }

  /** May the principal read the personnel of this organ? */
  async mayRead(principal: Principal, organId: string): Promise<boolean> {
    return principal.role !== 'operator' || this.operatorHolds(principal, organId);
  }

  private async operatorHolds(principal: Principal, organId: string): Promise<boolean> {
    if (principal.organIds.includes(organId)) return true;
    const organ = await this.store.get(organHierarchy, organId);
    return organ !== null && organ.ancestor_ids.some((id) => principal.organIds.includes(id));
  }
}

export function outOfScope(principal: Principal, organId: string): AppError {
  return new AppError(
    'FORBIDDEN',
    'ORGAN_OUT_OF_SCOPE',
    { zh: `无权查看机关 ${organId} 的人员信息：不在授权机关范围内`, en: `Organ ${organId} is outside the organs this key may read` },
    { organId, grantedOrganIds: principal.organIds },
  );
}
