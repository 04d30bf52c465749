import { Fine, type FineState, envelopeOf } from '@auxledger/domain';
import { type ReadModelStore, type VersionedRow, defineTemporal } from '@auxledger/projection-engine';
import { idInStream, todayUtc } from './common';
import { organScope } from './organ-hierarchy';

/**
 * Fines on others than auxiliaries (Art. 44: making, selling, buying, holding
 * or using auxiliary uniforms and insignia), temporal: the deciding organ,
 * the decision number, conduct, item, amount (fen), and whether it was paid
 * or revoked, and when. The party (`partyKey`) is not kept: a list of fines
 * names no one. The state is the domain's fold (`Fine.evolve`).
 */
export const FINE_STATUSES = ['IMPOSED', 'PAID', 'REVOKED'] as const;

export type FineRow = {
  fine_id: string;
  deciding_organ_id: string;
  decision_number: string;
  conduct: string;
  item: string;
  confiscated: boolean;
  amount_fen: number;
  illegal_income_fen: number | null;
  status: (typeof FINE_STATUSES)[number];
  decided_on: string;
  paid_on: string | null;
  revoked_on: string | null;
  revoke_reason: string | null;
};

export function fineRow(state: FineState): FineRow | null {
  if (state.status === 'NONE') return null;
  return {
    fine_id: state.fineId,
    deciding_organ_id: state.decidingOrganId,
    decision_number: state.decisionNumber,
    conduct: state.conduct,
    item: state.item,
    confiscated: state.confiscated,
    amount_fen: state.amountFen,
    illegal_income_fen: state.illegalIncomeFen,
    status: state.status,
    decided_on: state.decidedOn,
    paid_on: state.status === 'PAID' ? state.paidOn : null,
    revoked_on: state.status === 'REVOKED' ? state.revokedOn : null,
    revoke_reason: state.status === 'REVOKED' ? state.reason : null,
  };
}

export const fines = defineTemporal<FineState, FineRow>({
  name: 'fine',
  entityColumn: 'fine_id',
  columns: {
    fine_id: 'text',
    deciding_organ_id: 'text',
    decision_number: 'text',
    conduct: 'text',
    item: 'text',
    confiscated: 'boolean',
    amount_fen: 'integer',
    illegal_income_fen: 'integer',
    status: 'text',
    decided_on: 'date',
    paid_on: 'date',
    revoked_on: 'date',
    revoke_reason: 'text',
  },
  indexes: [['deciding_organ_id'], ['status']],
  entity: (event) => idInStream(event, Fine.streamPrefix),
  initialState: () => Fine.initialState(),
  evolve: (state, event) => Fine.evolve(state, envelopeOf(event) as never),
  row: fineRow,
});

export type FineEntry = FineRow & Pick<VersionedRow, 'valid_from' | 'valid_to' | 'known_from' | 'known_to'>;

/** The fines decided by an organ (or its subtree) as of a date, sorted by fine id. */
export async function finesOf(
  store: ReadModelStore,
  organId: string,
  query: { asOf?: string; knownAt?: string; includeSubtree: boolean; statuses?: readonly string[] },
): Promise<FineEntry[]> {
  const organs = await organScope(store, organId, query.includeSubtree);
  const rows = (await store.asOf(fines, query.asOf ?? todayUtc(), {
    where: { deciding_organ_id: organs, ...(query.statuses ? { status: [...query.statuses] } : {}) },
    ...(query.knownAt ? { knownAt: query.knownAt } : {}),
  })) as FineEntry[];
  return rows.sort((a, b) => (a.fine_id < b.fine_id ? -1 : a.fine_id > b.fine_id ? 1 : 0));
}
