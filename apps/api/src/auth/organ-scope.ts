import { Inject, Injectable } from '@nestjs/common';
import { RecruitmentApplication, Auxiliary, Fine, Organ, RecruitmentPlan, streamIdOf } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import { AppError } from '../errors/app-error';
import { EVENT_STORE } from '../infrastructure/tokens';
import type { Principal } from './principal';

/**
 * One organ a command concerns, for the organ check: an organ named in the
 * body (the organ it acts for, decides as, pays from, writes to), or a record
 * whose organ is named on its stream's first event — an auxiliary
 * (`AuxiliaryHired.usingOrganId`), a recruitment plan
 * (`RecruitmentPlanDrafted.draftingOrganId`), an application
 * (`ApplicationRegistered.recruitingOrganId`, the plan's drafting organ,
 * Art. 19 ¶1) or a fine (`FineImposed.decidingOrganId`).
 */
export type CommandScope =
  | { organId: string | null }
  | { auxiliaryId: string }
  | { planId: string }
  | { applicationId: string }
  | { fineId: string };

/** A record's organ: the field of its stream's first event. A record's first event is never rewritten, so its organ never changes. */
const RECORD_ORGAN = [
  { key: 'auxiliaryId', aggregate: Auxiliary, field: 'usingOrganId', name: { zh: '辅警', en: 'auxiliary' } },
  { key: 'planId', aggregate: RecruitmentPlan, field: 'draftingOrganId', name: { zh: '招聘计划', en: 'recruitment plan' } },
  { key: 'applicationId', aggregate: RecruitmentApplication, field: 'recruitingOrganId', name: { zh: '报名', en: 'application' } },
  { key: 'fineId', aggregate: Fine, field: 'decidingOrganId', name: { zh: '罚款决定', en: 'fine' } },
] as const;

/** Organ trees are shallow (REGION → CITY → COUNTY → UNIT); a longer walk means a broken record. */
const MAX_DEPTH = 16;

/** How many records' organs, and organs' parents, one process keeps (oldest used dropped first). */
const CACHED_RECORDS = 50_000;
const CACHED_ORGANS = 10_000;

/**
 * What a stream's first event says, kept once read: a first event is never
 * rewritten, so the answer never goes stale, in this process or beside
 * others on the same log. Only what was found is kept — a record not yet on
 * file may be created the next moment. Bounded: the least recently used
 * entry goes first.
 */
class FirstEventFacts {
  private readonly facts = new Map<string, string | null>();

  constructor(private readonly max: number) {}

  get(streamId: string): string | null | undefined {
    const fact = this.facts.get(streamId);
    if (fact === undefined) return undefined;
    this.facts.delete(streamId);
    this.facts.set(streamId, fact);
    return fact;
  }

  set(streamId: string, fact: string | null): void {
    this.facts.set(streamId, fact);
    if (this.facts.size > this.max) this.facts.delete(this.facts.keys().next().value as string);
  }
}

/**
 * The one organ check of the command side. Admins: everywhere. Operators:
 * EVERY organ the command concerns must lie in the subtree of an organ they
 * were granted — resolved from the organ streams themselves (each stream's
 * first event, `OrganRegistered`, names its parent), so the API keeps no copy
 * of the tree that could drift from the log. An organ not (yet) registered is
 * outside every operator's scope.
 *
 * A record that does not exist is refused to an operator (404
 * `RECORD_NOT_FOUND`): were it let through, another organ could create it
 * between this check and the decision, and the command would be decided
 * against a record outside the operator's scope. The command that creates a
 * record is scoped by the organs in its body instead, so it never lands
 * here. Admins are let through to the domain (409 `…_NOT_FOUND`). A record
 * of an organ outside the operator's subtrees gets the very same 404 — not a
 * 403 naming its organ — so that a command, like a read, tells an operator
 * nothing about records it may not see.
 *
 * Each record's organ and each organ's parent is read once and then kept
 * (`FirstEventFacts`): both come from first events, which never change.
 *
 * Answers the organ the actor acts for — the grant covering the FIRST scope
 * (the command's own organ), null for admins — recorded on every event as
 * `actor.organId`.
 */
@Injectable()
export class OrganScope {
  /** A record's organ by its stream (null: its first event names none). */
  private readonly recordOrgans = new FirstEventFacts(CACHED_RECORDS);
  /** A registered organ's parent (null: the top of the tree). */
  private readonly organParents = new FirstEventFacts(CACHED_ORGANS);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async authorize(principal: Principal, scope: CommandScope | readonly CommandScope[]): Promise<string | null> {
    if (principal.role === 'admin') return null;
    if (principal.role !== 'operator') throw forbidden(principal, null);
    const scopes: readonly CommandScope[] = Array.isArray(scope) ? scope : [scope as CommandScope];
    let actingFor: string | null = null;
    const checked = new Map<string, string>();
    for (const one of scopes) {
      const organId = await this.organOf(one);
      const grant = organId === null ? null : (checked.get(organId) ?? (await this.grantContaining(principal.organIds, organId)));
      // Another organ's record answers as an unknown one does, word for word: the answer is no oracle of what exists, or where.
      const record = recordOf(one);
      if (grant === null && record !== null) throw recordNotFound(record.name, record.key, record.id);
      if (organId === null || grant === null) throw forbidden(principal, organId);
      checked.set(organId, grant);
      actingFor ??= grant;
    }
    if (actingFor === null) throw forbidden(principal, null);
    return actingFor;
  }

  /** The organ a scope names, or — for a record — the organ on its stream's first event (404 RECORD_NOT_FOUND when there is none). */
  private async organOf(scope: CommandScope): Promise<string | null> {
    if ('organId' in scope) return scope.organId;
    for (const { key, aggregate, field, name } of RECORD_ORGAN) {
      if (!(key in scope)) continue;
      const id = (scope as Record<typeof key, string>)[key];
      const streamId = streamIdOf(aggregate, id);
      const known = this.recordOrgans.get(streamId);
      if (known !== undefined) return known;
      const [first] = await this.store.readStream(streamId, { maxCount: 1 });
      if (!first) throw recordNotFound(name, key, id);
      const organId = first.data[field];
      const found = typeof organId === 'string' ? organId : null;
      this.recordOrgans.set(streamId, found);
      return found;
    }
    return null;
  }

  /** A registered organ's parent (null at the top), or undefined for an organ not registered. */
  private async parentOf(organId: string): Promise<string | null | undefined> {
    const streamId = streamIdOf(Organ, organId);
    const known = this.organParents.get(streamId);
    if (known !== undefined) return known;
    const [registered] = await this.store.readStream(streamId, { maxCount: 1 });
    if (registered?.type !== 'OrganRegistered') return undefined;
    const parent = registered.data['parentId'];
    const found = typeof parent === 'string' ? parent : null;
    this.organParents.set(streamId, found);
    return found;
  }

  /**
   * The chain of organs from a record's organ up to `to` (nearest first, both
   * ends included), from the organ streams; when `to` is not above it, the
   * whole chain to the top — the domain then sees that `to` is not an organ
   * above the record's (DECIDING-ORGAN, Art. 34 ¶1).
   */
  async pathUp(from: CommandScope, to: string): Promise<string[]> {
    const path: string[] = [];
    // A record not on file has no chain: the domain answers for it (an admin's command on an unknown record).
    const start = await this.organOf(from).catch((error: unknown) => (error instanceof AppError && error.code === 'RECORD_NOT_FOUND' ? null : Promise.reject(error)));
    for (let current = start; current !== null && !path.includes(current) && path.length < MAX_DEPTH; ) {
      path.push(current);
      if (current === to) return path;
      current = (await this.parentOf(current)) ?? null;
    }
    return path;
  }

  private async grantContaining(grants: string[], organId: string): Promise<string | null> {
    const seen = new Set<string>();
    let current: string | null = organId;
    while (current !== null && !seen.has(current) && seen.size < MAX_DEPTH) {
      if (grants.includes(current)) return current;
      seen.add(current);
      const parent = await this.parentOf(current);
      if (parent === undefined) return null;
      current = parent;
    }
    return null;
  }
}

/** The record a scope names (auxiliary, plan, application, fine), or null for an organ named in the body. */
function recordOf(scope: CommandScope): { key: string; id: string; name: { zh: string; en: string } } | null {
  for (const { key, name } of RECORD_ORGAN) {
    if (key in scope) return { key, id: (scope as Record<typeof key, string>)[key], name };
  }
  return null;
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

function recordNotFound(name: { zh: string; en: string }, key: string, id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    'RECORD_NOT_FOUND',
    { zh: `${name.zh} ${id} 无记录：操作员只能对已有记录下达指令`, en: `No ${name.en} ${id} on record: an operator may command only a record that exists` },
    { record: name.en, [key]: id },
  );
}
