import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { FINE_STATUSES, type FineEntry, finesOf } from '@auxledger/read-models';
import { ReadAccess } from '../../access/read-access';
import { READ_MODEL_STORE } from '../../infrastructure/tokens';
import { flag, list } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { FinesRequestDto } from './fines.request.dto';
import { requireKnownOrgan } from '../shared/known-organ';
import { boolean, codes, counts, date, integer, arrayOf, nullable, object, text, ORGAN_AS_OF } from '../../openapi/answer-schema';

export interface FineView {
  fineId: string;
  decidingOrganId: string;
  decisionNumber: string;
  conduct: string;
  item: string;
  confiscated: boolean;
  amountFen: number;
  illegalIncomeFen: number | null;
  status: string;
  decidedOn: string;
  paidOn: string | null;
  revokedOn: string | null;
  revokeReason: string | null;
}

export interface FinesAnswer extends Positioned {
  organId: string;
  subtree: boolean;
  asOf: string;
  knownAt: string | null;
  /** Over every status (the status filter narrows the entries only); amounts in fen, revoked fines not counted in them. */
  counts: { total: number; byStatus: Record<string, number>; imposedFen: number; paidFen: number };
  entries?: FineView[];
  next?: string | null;
}

/** FinesAnswer as the OpenAPI document gives it. */
export const FINES_ANSWER = object(
  {
    ...ORGAN_AS_OF,
    counts: object(
      {
        total: integer('Every fine of the organ (every status)'),
        byStatus: counts('By status: IMPOSED, PAID, REVOKED'),
        imposedFen: integer('罚款金额 Imposed, in fen (revoked fines not counted)'),
        paidFen: integer('已缴 Paid, in fen'),
      },
      { description: 'Over every status (the status filter narrows the entries only)' },
    ),
    entries: arrayOf(
      object({
        fineId: text('The fine'),
        decidingOrganId: text('决定机关 The organ that decided it'),
        decisionNumber: text('决定书文号 The decision’s number'),
        conduct: text('违法行为 The conduct (Art. 44)'),
        item: text('The item of Art. 44'),
        confiscated: boolean('Illegal income confiscated'),
        amountFen: integer('罚款 In fen'),
        illegalIncomeFen: nullable(integer('违法所得 In fen')),
        status: codes(FINE_STATUSES),
        decidedOn: date(),
        paidOn: nullable(date()),
        revokedOn: nullable(date()),
        revokeReason: nullable(text()),
      }),
      '罚款 The page, by fine id (absent for viewers); no party named',
    ),
    next: nullable(text('The `cursor` of the next page; null: the last page (absent for viewers)')),
  },
  { optional: ['entries', 'next'], title: 'FinesAnswer' },
);

export class GetFines extends ReadQuery<FinesRequestDto, FinesAnswer> {}

/** Fines (Art. 44) an organ decided, as of a date; no party named; a viewer's answer has the counts only. */
@QueryHandler(GetFines)
export class GetFinesHandler implements IQueryHandler<GetFines> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly opening: QueryOpening,
    private readonly access: ReadAccess,
  ) {}

  async execute({ params: p, principal }: GetFines): Promise<FinesAnswer> {
    const { asOfPosition, asOf, knownAt, known, limit, cursor: after } = await this.opening.open(p);
    await this.access.requireOrgan(principal, p.organ);
    await requireKnownOrgan(this.store, p.organ);
    const subtree = flag(p.subtree, false);
    const rows = await finesOf(this.store, p.organ, { asOf, includeSubtree: subtree, ...known });
    const answer: FinesAnswer = { asOfPosition, organId: p.organ, subtree, asOf, knownAt, counts: countsOf(rows) };
    if (principal.role === 'viewer') return answer;
    const statuses = list(p.status);
    const wanted = statuses ? rows.filter((r) => statuses.includes(r.status)) : rows;
    const rest = after === undefined ? wanted : wanted.filter((r) => r.fine_id > after);
    const page = rest.slice(0, limit);
    return { ...answer, entries: page.map(viewOf), next: rest.length > limit ? (page[page.length - 1]?.fine_id ?? null) : null };
  }
}

function countsOf(rows: readonly FineEntry[]): FinesAnswer['counts'] {
  const byStatus: Record<string, number> = Object.fromEntries(FINE_STATUSES.map((s) => [s, 0]));
  let imposedFen = 0;
  let paidFen = 0;
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (r.status !== 'REVOKED') imposedFen += r.amount_fen;
    if (r.status === 'PAID') paidFen += r.amount_fen;
  }
  return { total: rows.length, byStatus, imposedFen, paidFen };
}

const viewOf = (r: FineEntry): FineView => ({
  fineId: r.fine_id,
  decidingOrganId: r.deciding_organ_id,
  decisionNumber: r.decision_number,
  conduct: r.conduct,
  item: r.item,
  confiscated: Boolean(r.confiscated),
  amountFen: r.amount_fen,
  illegalIncomeFen: r.illegal_income_fen,
  status: r.status,
  decidedOn: r.decided_on,
  paidOn: r.paid_on,
  revokedOn: r.revoked_on,
  revokeReason: r.revoke_reason,
});
