import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { type AuditEntry, auditTrail, auditTrailPage } from '@auxledger/read-models';
import { ReadAccess } from '../../access/read-access';
import { AppError } from '../../errors/app-error';
import type { Clock } from '@auxledger/application';
import { IdentityService, type ShownPerson } from '../../identity/identity.service';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { flag, normalInstant } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { AuditRequestDto } from './audit.request.dto';
import { AS_OF_POSITION, SHOWN_PERSON, codes, arrayOf, nullable, object, record, rowOf, text } from '../../openapi/answer-schema';

export interface AuditAnswer extends Positioned {
  entries: AuditEntry[];
  /** Each person the page's entries name (by person key): the name and the ID number masked, joined from the identity store, each read recorded; null: no identity registered under the key. */
  people: Record<string, ShownPerson | null>;
  /** Pass as `cursor` for the next page; null: no more. */
  next: string | null;
}

/** AuditAnswer as the OpenAPI document gives it. */
export const AUDIT_ANSWER = object(
  {
    asOfPosition: AS_OF_POSITION,
    entries: arrayOf(
      rowOf(auditTrail, {
        notNull: ['stream_id', 'command_id', 'actor_id'],
        columns: { outcome: codes(['ACCEPTED', 'REFUSED'], 'ACCEPTED: an event written; REFUSED: a refused command with its citations') },
        description: '审计记录 An accepted event or a refused command: who, what, when, to whom, under which rule revision — an `audit_trail` row (docs/read-models.md)',
      }),
      'The page, by log position',
    ),
    people: record(SHOWN_PERSON, 'Each person the page names, by person key'),
    next: nullable(text('The `cursor` of the next page; null: the last page')),
  },
  { title: 'AuditAnswer' },
);

export class GetAuditTrail extends ReadQuery<AuditRequestDto, AuditAnswer> {}

/**
 * Who did what, when, to whom, under which rule revision — and every refused
 * command with its citations. Admins and auditors: everything; operators:
 * the organs of their grants, named in `organ`.
 */
@QueryHandler(GetAuditTrail)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrail> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly opening: QueryOpening,
    private readonly access: ReadAccess,
    private readonly identity: IdentityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ params: p, principal }: GetAuditTrail): Promise<AuditAnswer> {
    const { asOfPosition, limit } = await this.opening.open(p);
    if (principal.role === 'operator' && p.organ === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        'ORGAN_REQUIRED',
        { zh: '操作员查询审计记录须指定授权范围内的机关（organ）', en: 'An operator names an organ of its own (organ) to read the audit trail' },
        { grantedOrganIds: principal.organIds },
      );
    }
    if (p.organ !== undefined) await this.access.requireOrgan(principal, p.organ);
    const after = p.cursor === undefined ? undefined : positionCursor(p.cursor);
    const page = await auditTrailPage(this.store, {
      ...(p.organ !== undefined ? { organId: p.organ, includeSubtree: flag(p.subtree, false) } : {}),
      ...(p.auxiliary !== undefined ? { auxiliaryId: p.auxiliary } : {}),
      ...(p.personKey !== undefined ? { personKey: p.personKey } : {}),
      ...(p.actor !== undefined ? { actorId: p.actor } : {}),
      ...(p.commandType !== undefined ? { commandType: p.commandType } : {}),
      ...(p.outcome !== undefined ? { outcome: p.outcome } : {}),
      ...(p.recordedFrom !== undefined ? { recordedFrom: normalInstant(p.recordedFrom) } : {}),
      ...(p.recordedTo !== undefined ? { recordedTo: normalInstant(p.recordedTo) } : {}),
      ...(p.effectiveFrom !== undefined ? { effectiveFrom: p.effectiveFrom } : {}),
      ...(p.effectiveTo !== undefined ? { effectiveTo: p.effectiveTo } : {}),
      ...(after !== undefined ? { after } : {}),
      limit,
      newestFirst: p.order === 'newest',
    });
    const people: Record<string, ShownPerson | null> = {};
    const now = this.clock.now();
    for (const key of new Set(page.entries.map((e) => e.person_key).filter((k): k is string => k !== null))) {
      people[key] = await this.identity.shownPerson(key, principal, principal.role === 'operator' ? (p.organ ?? null) : null, now);
    }
    return { asOfPosition, entries: page.entries, people, next: page.next === null ? null : String(page.next) };
  }
}

/** The audit trail pages by global position: the cursor is one. */
function positionCursor(cursor: string): number {
  const n = /^\d{1,15}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new AppError('INVALID_INPUT', 'INVALID_CURSOR', { zh: 'cursor 须为上一页返回的 next', en: 'cursor must be the `next` of a previous page' }, { cursor });
  }
  return n;
}
