import { Inject, Injectable } from '@nestjs/common';
import { Application, Fine, RecruitmentPlan, streamIdOf } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import type { CommandScope } from '../../auth/organ-scope';
import type { Principal } from '../../auth/principal';
import { EVENT_STORE } from '../../infrastructure/tokens';

/**
 * What a command concerns, for the organ check: an organ or an auxiliary (as
 * `OrganScope` reads them), or a record whose organ is named on its stream's
 * first event — a recruitment plan (`RecruitmentPlanDrafted.draftingOrganId`),
 * an application (`ApplicationRegistered.recruitingOrganId`, the plan's
 * drafting organ, Art. 19 ¶1) or a fine (`FineImposed.decidingOrganId`).
 */
export type RecordScope = CommandScope | { planId: string } | { applicationId: string } | { fineId: string };

const FIRST_EVENT_ORGAN = [
  { key: 'planId', aggregate: RecruitmentPlan, field: 'draftingOrganId' },
  { key: 'applicationId', aggregate: Application, field: 'recruitingOrganId' },
  { key: 'fineId', aggregate: Fine, field: 'decidingOrganId' },
] as const;

/** Turns a record into the organ `OrganScope` checks, reading the organ from the log itself (no copy that could drift). */
@Injectable()
export class RecordScopes {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async organScopeOf(scope: RecordScope, principal: Principal): Promise<CommandScope> {
    for (const { key, aggregate, field } of FIRST_EVENT_ORGAN) {
      if (!(key in scope)) continue;
      const id = (scope as Record<typeof key, string>)[key];
      const [first] = await this.store.readStream(streamIdOf(aggregate, id), { maxCount: 1 });
      // A record not yet written is let through, as OrganScope lets through an auxiliary with no record: the domain refuses it (409 …_NOT_FOUND).
      if (!first) return { organId: principal.organIds[0] ?? null };
      const organId = first.data[field];
      return { organId: typeof organId === 'string' ? organId : null };
    }
    return scope as CommandScope;
  }
}
