import { Auxiliary, envelopeOf, fold, isHired, streamIdOf } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';

/**
 * The person key of the auxiliary's service, to seal that person's health
 * data under (record-injury, record-health-check); null when the record
 * holds no hire, which the domain then refuses.
 */
export async function servingPersonKey(store: EventStore, auxiliaryId: string): Promise<string | null> {
  const events = await store.readStream(streamIdOf(Auxiliary, auxiliaryId));
  const state = fold(Auxiliary, events.map((e) => envelopeOf(e)) as never);
  return isHired(state) ? state.service.personKey : null;
}
