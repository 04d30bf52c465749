import type { IsoDate, UniformFineFacts } from '@auxledger/statute';
import type { Aggregate, DomainEvent, Envelope, StreamRef } from '../kernel';

/**
 * A fine on someone other than an auxiliary (Art. 44): making or selling
 * auxiliary uniforms or insignia (3 to 5 times the illegal income), or buying,
 * holding or using them (500 to 1000 yuan), always with confiscation. Amounts
 * are in fen (分), whole numbers. The party is named by an opaque `partyKey`
 * (a salted hash or a case-file reference), never an ID number.
 */

// ── Events ──────────────────────────────────────────────────────────────────

export type FineConduct = UniformFineFacts['fine']['conduct'];
export type FineItem = UniformFineFacts['fine']['item'];

export type FineImposed = DomainEvent<
  'FineImposed',
  {
    fineId: string;
    /** The public-security organ deciding (由公安机关予以没收，并处罚款). */
    decidingOrganId: string;
    partyKey: string;
    /** 行政处罚决定书 number. */
    decisionNumber: string;
    conduct: FineConduct;
    item: FineItem;
    confiscated: boolean;
    amountFen: number;
    /** 违法所得 (MAKE / SELL); null otherwise. */
    illegalIncomeFen: number | null;
  }
>;
export type FinePaid = DomainEvent<'FinePaid', { fineId: string; amountFen: number; receiptRef: string }>;
/** Set aside on administrative reconsideration or litigation, or withdrawn by the organ. */
export type FineRevoked = DomainEvent<'FineRevoked', { fineId: string; reason: 'RECONSIDERATION' | 'LITIGATION' | 'WITHDRAWN_BY_ORGAN'; decisionRef: string }>;

export type FineEvent = FineImposed | FinePaid | FineRevoked;

const v1 = <E extends FineEvent>(type: E['type'], data: E['data']): E => ({ type, schemaVersion: 1, data }) as E;
export const fineImposed = (data: FineImposed['data']) => v1<FineImposed>('FineImposed', data);
export const finePaid = (data: FinePaid['data']) => v1<FinePaid>('FinePaid', data);
export const fineRevoked = (data: FineRevoked['data']) => v1<FineRevoked>('FineRevoked', data);

// ── State ───────────────────────────────────────────────────────────────────

type FineTerms = FineImposed['data'] & { decidedOn: IsoDate };

export interface NoFine {
  status: 'NONE';
}
export interface ImposedFine extends FineTerms {
  status: 'IMPOSED';
}
export interface PaidFine extends FineTerms {
  status: 'PAID';
  paidOn: IsoDate;
  receiptRef: string;
}
export interface RevokedFine extends FineTerms {
  status: 'REVOKED';
  revokedOn: IsoDate;
  reason: FineRevoked['data']['reason'];
}

export type FineState = NoFine | ImposedFine | PaidFine | RevokedFine;

// ── Evolve ──────────────────────────────────────────────────────────────────

export function evolveFine(state: FineState, { event, effectiveDate }: Envelope<FineEvent>): FineState {
  switch (event.type) {
    case 'FineImposed':
      return state.status === 'NONE' ? { status: 'IMPOSED', ...event.data, decidedOn: effectiveDate } : state;
    case 'FinePaid':
      return state.status === 'IMPOSED' ? { ...state, status: 'PAID', paidOn: effectiveDate, receiptRef: event.data.receiptRef } : state;
    case 'FineRevoked':
      if (state.status !== 'IMPOSED' && state.status !== 'PAID') return state;
      return { ...termsOf(state), status: 'REVOKED', revokedOn: effectiveDate, reason: event.data.reason };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

function termsOf(state: ImposedFine | PaidFine): FineTerms {
  const { fineId, decidingOrganId, partyKey, decisionNumber, conduct, item, confiscated, amountFen, illegalIncomeFen, decidedOn } = state;
  return { fineId, decidingOrganId, partyKey, decisionNumber, conduct, item, confiscated, amountFen, illegalIncomeFen, decidedOn };
}

export const Fine: Aggregate<FineState, FineEvent> = {
  streamPrefix: 'fine',
  initialState: () => ({ status: 'NONE' }),
  evolve: evolveFine,
};

export const fineRef = (fineId: string): StreamRef<FineState> => ({ aggregate: Fine as Aggregate<FineState, never>, id: fineId });
