import type { IsoDate, PersonRegistryFacts, ServiceHistoryFacts, TerminationReason } from '@auxledger/statute';
import type { Aggregate, DomainEvent, Envelope, StreamRef } from '../kernel';

/**
 * One natural person's auxiliary contracts across every organ (stream
 * `person-<personKey>`). The key is a salted hash of the ID number computed by
 * the application layer: this stream never sees the number itself (PIPL).
 *
 * It is the consistency boundary of two cross-stream rules:
 * - PERSON-UNIQUE (Arts. 3 ¶1, 24): a hire appends `PersonContractStarted` here
 *   in the same atomic append as `AuxiliaryHired`, with the expected revision
 *   of this stream — two organs hiring one person at once cannot both succeed;
 * - DISQ-5, DISQ-6 (Art. 23 (5) 因违纪违规被辞退解聘, (6) 合同期未满擅自离职): a
 *   termination appends `PersonContractEnded` with its reason, so a later
 *   application by the same person meets the dismissal for violations or the
 *   擅自离职 in `serviceHistory` even if never declared.
 */

// ── Events ──────────────────────────────────────────────────────────────────

export type PersonContractStarted = DomainEvent<'PersonContractStarted', {
  personKey: string;
  contractId: string;
  auxiliaryId: string;
  organId: string;
  startDate: IsoDate;
}>;

export type PersonContractEnded = DomainEvent<'PersonContractEnded', {
  personKey: string;
  contractId: string;
  auxiliaryId: string;
  organId: string;
  endedOn: IsoDate;
  reason: TerminationReason;
}>;

/**
 * 续订劳动合同: the person goes on serving the same organ under a new contract,
 * which takes the old one's place among the active contracts (no service ends,
 * none is added to the history) — so that PERSON-UNIQUE still counts one, and a
 * later termination finds the contract in force.
 */
export type PersonContractRenewed = DomainEvent<'PersonContractRenewed', {
  personKey: string;
  auxiliaryId: string;
  organId: string;
  previousContractId: string;
  contractId: string;
  startDate: IsoDate;
}>;

export type PersonEvent = PersonContractStarted | PersonContractEnded | PersonContractRenewed;

export const personContractStarted = (data: PersonContractStarted['data']): PersonContractStarted => ({ type: 'PersonContractStarted', schemaVersion: 1, data });
export const personContractEnded = (data: PersonContractEnded['data']): PersonContractEnded => ({ type: 'PersonContractEnded', schemaVersion: 1, data });
export const personContractRenewed = (data: PersonContractRenewed['data']): PersonContractRenewed => ({ type: 'PersonContractRenewed', schemaVersion: 1, data });

// ── State ───────────────────────────────────────────────────────────────────

export interface ActiveContract {
  contractId: string;
  auxiliaryId: string;
  organId: string;
  startDate: IsoDate;
}

export interface EndedService extends ActiveContract {
  endedOn: IsoDate;
  reason: TerminationReason;
}

/** No contract ever recorded for this person. */
export interface UnknownPerson {
  status: 'UNKNOWN';
}

/** Serving under one contract (more only if records from before the invariant held were imported). */
export interface Serving {
  status: 'SERVING';
  personKey: string;
  active: ActiveContract[];
  history: EndedService[];
}

/** Served before, holds no contract now. */
export interface NotServing {
  status: 'NOT_SERVING';
  personKey: string;
  history: EndedService[];
}

export type PersonState = UnknownPerson | Serving | NotServing;

const activeOf = (s: PersonState): ActiveContract[] => (s.status === 'SERVING' ? s.active : []);
const historyOf = (s: PersonState): EndedService[] => (s.status === 'UNKNOWN' ? [] : s.history);

export function evolvePerson(state: PersonState, { event }: Envelope<PersonEvent>): PersonState {
  switch (event.type) {
    case 'PersonContractStarted': {
      const { personKey, contractId, auxiliaryId, organId, startDate } = event.data;
      if (activeOf(state).some((c) => c.contractId === contractId)) return state;
      return { status: 'SERVING', personKey, active: [...activeOf(state), { contractId, auxiliaryId, organId, startDate }], history: historyOf(state) };
    }
    case 'PersonContractEnded': {
      const { personKey, contractId, endedOn, reason } = event.data;
      const ending = activeOf(state).find((c) => c.contractId === contractId);
      if (!ending) return state;
      const active = activeOf(state).filter((c) => c.contractId !== contractId);
      const history = [...historyOf(state), { ...ending, endedOn, reason }];
      return active.length ? { status: 'SERVING', personKey, active, history } : { status: 'NOT_SERVING', personKey, history };
    }
    case 'PersonContractRenewed': {
      if (state.status !== 'SERVING') return state;
      const { previousContractId, contractId, startDate } = event.data;
      return { ...state, active: state.active.map((c) => (c.contractId === previousContractId ? { ...c, contractId, startDate } : c)) };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const Person: Aggregate<PersonState, PersonEvent> = {
  streamPrefix: 'person',
  initialState: () => ({ status: 'UNKNOWN' }),
  evolve: evolvePerson,
};

export const personRef = (personKey: string): StreamRef<PersonState> => ({ aggregate: Person as Aggregate<PersonState, never>, id: personKey });

export const activeContractOf = (s: PersonState, contractId: string): ActiveContract | undefined => activeOf(s).find((c) => c.contractId === contractId);

// ── Facts for the statute ───────────────────────────────────────────────────

/** PERSON-UNIQUE: the person's active contracts anywhere in the system. */
export const personFacts = (s: PersonState): PersonRegistryFacts['person'] => ({ activeContractIds: activeOf(s).map((c) => c.contractId) });

/**
 * DISQ-5, DISQ-6: the person's earlier services as this system recorded them
 * (a 擅自离职 or a dismissal for violations among them disqualifies), each with
 * the auxiliary record and contract whose termination a violation cites; with
 * `on`, only those ended by that date (the facts in force on it).
 */
export const serviceHistoryFacts = (s: PersonState, on?: IsoDate): ServiceHistoryFacts['serviceHistory'] =>
  historyOf(s)
    .filter((h) => on === undefined || h.endedOn <= on)
    .map((h) => ({ organId: h.organId, endedOn: h.endedOn, reason: h.reason, auxiliaryId: h.auxiliaryId, contractId: h.contractId }));
