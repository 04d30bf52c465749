import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@auxledger/application';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { type RosterCounts, type RosterEntry, type RosterStatus, countRoster, personFileModel, roster, rosterCounts, rosterOf } from '@auxledger/read-models';
import { ReadAccess } from '../../access/read-access';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { flag, list } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { RosterRequestDto } from './roster.request.dto';
import type { Principal } from '../../auth/principal';
import { IdentityService, type ShownPerson } from '../../identity/identity.service';
import { requireKnownOrgan } from '../shared/known-organ';
import { SHOWN_PERSON, codes, counts, integer, arrayOf, nullable, object, rowOf, text, ORGAN_AS_OF } from '../../openapi/answer-schema';
import { CATEGORIES, ROSTER_STATUSES } from './roster.request.dto';

/** The roster; a viewer's answer has the counts only (no entry names an auxiliary). */
export interface RosterAnswer extends Positioned {
  organId: string;
  subtree: boolean;
  asOf: string;
  knownAt: string | null;
  counts: RosterCounts;
  entries?: Array<RosterEntry & { person: ShownPerson | null }>;
  next?: string | null;
}

/** RosterAnswer as the OpenAPI document gives it. */
export const ROSTER_ANSWER = object(
  {
    ...ORGAN_AS_OF,
    counts: object(
      {
        total: integer('Every match, over all pages'),
        byStatus: counts('By status (在岗状态)'),
        byCategory: counts('By category: DUTY 勤务辅警 / CIVILIAN 文职辅警'),
        byLevel: counts('By level (层级)'),
        byOrgan: counts('By using organ'),
      },
      { description: '统计 Counts over every match (not just the page)' },
    ),
    entries: arrayOf(
      rowOf(roster, {
        notNull: ['using_organ_id', 'level', 'hired_on'],
        columns: { status: codes(ROSTER_STATUSES, 'Status on the date (a probation over by the calendar is ACTIVE)'), category: codes(CATEGORIES) },
        extra: { person: SHOWN_PERSON },
        description: '花名册条目 A roster row (docs/read-models.md) with its valid and known time, and the person',
      }),
      'The page: auxiliaries by id (absent for viewers)',
    ),
    next: nullable(text('The `cursor` of the next page; null: the last page (absent for viewers)')),
  },
  { optional: ['entries', 'next'], title: 'RosterAnswer' },
);

export class GetRoster extends ReadQuery<RosterRequestDto, RosterAnswer> {}

@QueryHandler(GetRoster)
export class GetRosterHandler implements IQueryHandler<GetRoster> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly opening: QueryOpening,
    private readonly access: ReadAccess,
    private readonly identity: IdentityService,
  ) {}

  async execute({ params: p, principal }: GetRoster): Promise<RosterAnswer> {
    const { asOfPosition, asOf, knownAt, known, limit, cursor: after } = await this.opening.open(p);
    await this.access.requireOrgan(principal, p.organ);
    await requireKnownOrgan(this.store, p.organ);
    const subtree = flag(p.subtree, false);
    const statuses = list(p.status) as RosterStatus[] | undefined;
    const q = p.q?.toLowerCase();
    const query = { asOf, includeSubtree: subtree, ...known, ...(statuses ? { statuses } : {}) };
    // A viewer's counts without a search come from the database's count alone (no row read); the same numbers as counting the rows.
    if (principal.role === 'viewer' && q === undefined) {
      const counts = await rosterCounts(this.store, p.organ, { ...query, ...(p.category !== undefined ? { category: p.category } : {}), ...(p.level !== undefined ? { level: p.level } : {}) });
      return { asOfPosition, organId: p.organ, subtree, asOf, knownAt, counts };
    }
    const rows = (await rosterOf(this.store, p.organ, query))
      .filter((r) => p.category === undefined || r.category === p.category)
      .filter((r) => p.level === undefined || r.level === p.level)
      .filter((r) => q === undefined || r.auxiliary_id.toLowerCase().includes(q))
      .sort((a, b) => (a.auxiliary_id < b.auxiliary_id ? -1 : a.auxiliary_id > b.auxiliary_id ? 1 : 0));
    const answer: RosterAnswer = { asOfPosition, organId: p.organ, subtree, asOf, knownAt, counts: countRoster(rows) };
    if (principal.role === 'viewer') return answer;
    const rest = after === undefined ? rows : rows.filter((r) => r.auxiliary_id > after);
    const page = rest.slice(0, limit);
    const entries = await this.withPeople(page, asOf, principal);
    return { ...answer, entries, next: rest.length > limit ? (page[page.length - 1]?.auxiliary_id ?? null) : null };
  }

  /** Each entry's person (name, ID number masked), joined from the identity store for this page only, each read recorded (ADR 0006). */
  private async withPeople(page: RosterEntry[], asOf: string, principal: Principal): Promise<Array<RosterEntry & { person: ShownPerson | null }>> {
    if (page.length === 0) return [];
    const files = (await this.store.asOf(personFileModel, asOf, { where: { auxiliary_id: page.map((e) => e.auxiliary_id) } })) as unknown as Array<{ auxiliary_id: string; person_key: string }>;
    const keyOf = new Map(files.map((f) => [f.auxiliary_id, f.person_key]));
    const now = this.clock.now();
    const out: Array<RosterEntry & { person: ShownPerson | null }> = [];
    for (const entry of page) {
      const personKey = keyOf.get(entry.auxiliary_id);
      const person = personKey ? await this.identity.shownPerson(personKey, principal, principal.role === 'operator' ? entry.using_organ_id : null, now) : null;
      out.push({ ...entry, person });
    }
    return out;
  }
}

