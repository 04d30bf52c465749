import type { IsoDate } from '@auxledger/statute';
import type { Aggregate, DomainEvent, Envelope, StreamRef } from '../kernel';

/**
 * A person's identity record (stream `identity-<personKey>`), kept apart from
 * every service record: name (姓名), gender, 公民身份号码, birth date,
 * nationality, contact and the documents given at registration (Art. 20 (2)
 * 报名). The domain never sees them in clear: the application layer seals
 * them under the person's data key (AES-256-GCM, ADR 0006) and the event
 * keeps the ciphertext — which the hash chain covers, so that erasing the
 * data key (crypto-shredding) leaves them unreadable and the log verifiable.
 */

/** Ciphertext and what opens it with the right key: base64 fields. */
export interface SealedData {
  alg: 'A256GCM';
  /** The data key it is sealed under (one per person; a new one only after the old was shredded). */
  keyId: string;
  iv: string;
  ct: string;
  tag: string;
}

export type PersonIdentityRecorded = DomainEvent<
  'PersonIdentityRecorded',
  {
    personKey: string;
    /** The registration that gave it. */
    applicationId: string;
    /** The organ that took it: the plan's drafting organ (Art. 19 ¶1), whose operators may read it. */
    organId: string;
    sealed: SealedData;
  }
>;

/** A later registration (in this organ or another) that gave the same identity: no ciphertext again, the organ may read it. */
export type PersonIdentityConfirmed = DomainEvent<'PersonIdentityConfirmed', { personKey: string; applicationId: string; organId: string }>;

/**
 * The person's data key was shredded (crypto-shredding, ADR 0006): what was
 * sealed under `keyId` is unreadable from now on. No personal data: the key
 * id, why (the retention period ended) and the parameter it ended by, the day
 * it was kept from and the day it was due.
 */
export type PersonalDataShredded = DomainEvent<
  'PersonalDataShredded',
  {
    personKey: string;
    keyId: string;
    reason: 'RETENTION_ENDED';
    basis: { parameter: string; value: number; source: string; isDefault: boolean };
    keptFrom: IsoDate;
    dueOn: IsoDate;
  }
>;

export type PersonIdentityEvent = PersonIdentityRecorded | PersonIdentityConfirmed | PersonalDataShredded;

export const personIdentityRecorded = (data: PersonIdentityRecorded['data']): PersonIdentityRecorded => ({ type: 'PersonIdentityRecorded', schemaVersion: 1, data });
export const personIdentityConfirmed = (data: PersonIdentityConfirmed['data']): PersonIdentityConfirmed => ({ type: 'PersonIdentityConfirmed', schemaVersion: 1, data });
export const personalDataShredded = (data: PersonalDataShredded['data']): PersonalDataShredded => ({ type: 'PersonalDataShredded', schemaVersion: 1, data });

export type PersonIdentityState =
  | { status: 'NONE' }
  | {
      status: 'RECORDED';
      personKey: string;
      sealed: SealedData;
      recordedOn: IsoDate;
      organIds: string[];
      applicationIds: string[];
      /** The day of the latest registration that gave the identity (recorded or confirmed). */
      lastRegisteredOn: IsoDate;
      /** Data keys recorded as shredded, with the day (PersonalDataShredded). */
      shredded: Array<{ keyId: string; on: IsoDate }>;
    };

export function evolvePersonIdentity(state: PersonIdentityState, { event, effectiveDate }: Envelope<PersonIdentityEvent>): PersonIdentityState {
  if (event.type === 'PersonalDataShredded') {
    if (state.status !== 'RECORDED' || state.shredded.some((s) => s.keyId === event.data.keyId)) return state;
    return { ...state, shredded: [...state.shredded, { keyId: event.data.keyId, on: effectiveDate }] };
  }
  const { personKey, applicationId, organId } = event.data;
  if (event.type === 'PersonIdentityConfirmed' && state.status === 'NONE') return state;
  const sealed = event.type === 'PersonIdentityRecorded' ? event.data.sealed : (state as Extract<PersonIdentityState, { status: 'RECORDED' }>).sealed;
  const recordedOn = event.type === 'PersonIdentityRecorded' || state.status === 'NONE' ? effectiveDate : state.recordedOn;
  const organIds = state.status === 'RECORDED' ? state.organIds : [];
  const applicationIds = state.status === 'RECORDED' ? state.applicationIds : [];
  return {
    status: 'RECORDED',
    personKey,
    sealed,
    recordedOn,
    organIds: organIds.includes(organId) ? organIds : [...organIds, organId],
    applicationIds: applicationIds.includes(applicationId) ? applicationIds : [...applicationIds, applicationId],
    lastRegisteredOn: state.status === 'RECORDED' && state.lastRegisteredOn > effectiveDate ? state.lastRegisteredOn : effectiveDate,
    shredded: state.status === 'RECORDED' ? state.shredded : [],
  };
}

export const PersonIdentity: Aggregate<PersonIdentityState, PersonIdentityEvent> = {
  streamPrefix: 'identity',
  initialState: () => ({ status: 'NONE' }),
  evolve: evolvePersonIdentity,
};

export const personIdentityRef = (personKey: string): StreamRef<PersonIdentityState> => ({ aggregate: PersonIdentity as Aggregate<PersonIdentityState, never>, id: personKey });

/** The same ciphertext as the latest record: nothing to record again. */
export const sameSealed = (a: SealedData, b: SealedData): boolean => a.keyId === b.keyId && a.iv === b.iv && a.ct === b.ct && a.tag === b.tag;
