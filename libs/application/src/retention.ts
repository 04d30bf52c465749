import {
  Auxiliary,
  Person,
  PersonIdentity,
  type Actor,
  type AuxiliaryState,
  type RetentionBasis,
  type RetentionReview,
  type ShredPersonalData,
  envelopeOf,
  fold,
  retentionBasis,
  reviewRetention,
  shredPersonalData,
  streamIdOf,
} from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import type { IsoDate, RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import { type ExecutorDependencies, executeCommand } from './command-executor';
import { prepareCommand } from './prepare-command';

/**
 * The retention run (ADR 0006): every person with an identity record judged
 * by `reviewRetention` as of a day; those due have their shredding recorded
 * through the command path (ShredPersonalData, judged again there with the
 * expected revision of every stream it read) and then their data key erased
 * by the key store — a port, so that this layer knows no key material.
 */

/** The key store's part in a run: the state of a person's data key, and its erasure. */
export interface DataKeyEraser {
  status(personKey: string): Promise<{ status: 'NONE' | 'LIVE' | 'SHREDDED' }>;
  shred(personKey: string, now: Date, reason: string): Promise<{ shredded: number }>;
}

/** Folds a stream of the log. */
async function folded<S>(store: EventStore, aggregate: { streamPrefix: string; initialState(): S; evolve(s: S, e: never): S }, id: string): Promise<S> {
  const events = await store.readStream(streamIdOf(aggregate as never, id));
  return fold(aggregate as never, events.map((e) => envelopeOf(e)) as never) as S;
}

/** The person keys with an identity record, in the order first recorded. */
export async function personKeysWithIdentity(store: EventStore): Promise<string[]> {
  const keys = new Set<string>();
  let after = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 2000 });
    if (batch.length === 0) break;
    for (const e of batch) if (e.type === 'PersonIdentityRecorded') keys.add(String(e.data['personKey']));
    after = batch[batch.length - 1]!.globalPosition;
  }
  return [...keys];
}

/** One person's review as of `on`, from their streams. */
export async function reviewPersonRetention(store: EventStore, registry: RuleSetRegistry<RulesInForce>, personKey: string, on: IsoDate): Promise<RetentionReview> {
  const [person, identity] = await Promise.all([folded(store, Person, personKey), folded(store, PersonIdentity, personKey)]);
  const ids = person.status === 'UNKNOWN' ? [] : [...new Set([...person.history.map((h) => h.auxiliaryId), ...(person.status === 'SERVING' ? person.active.map((c) => c.auxiliaryId) : [])])];
  const auxiliaries: Record<string, AuxiliaryState> = {};
  for (const id of ids) auxiliaries[id] = await folded(store, Auxiliary, id);
  return reviewRetention({ personKey, person, auxiliaries, identity, registry, on });
}

export interface RetentionListing {
  on: IsoDate;
  basis: RetentionBasis | null;
  /** How many people with an identity record stand in each status. */
  counts: Record<RetentionReview['status'], number>;
  due: RetentionReview[];
  held: RetentionReview[];
}

const emptyCounts = (): RetentionListing['counts'] => ({ NO_IDENTITY: 0, SHREDDED: 0, NOT_HIRED: 0, IN_SERVICE: 0, KEPT: 0, HELD: 0, DUE: 0 });

/** Who is due and who is held as of `on` (nothing written). */
export async function listRetention(store: EventStore, registry: RuleSetRegistry<RulesInForce>, on: IsoDate): Promise<RetentionListing & { reviews: RetentionReview[] }> {
  const reviews: RetentionReview[] = [];
  for (const personKey of await personKeysWithIdentity(store)) reviews.push(await reviewPersonRetention(store, registry, personKey, on));
  const counts = emptyCounts();
  for (const r of reviews) counts[r.status] += 1;
  return { on, basis: retentionBasis(registry, on), counts, due: reviews.filter((r) => r.status === 'DUE'), held: reviews.filter((r) => r.status === 'HELD'), reviews };
}

export interface RetentionOutcome {
  personKey: string;
  keyId: string | null;
  /** SHREDDED: recorded and erased now; COMPLETED: recorded by an earlier run, erased now; REFUSED: the command path refused (the reason given). */
  outcome: 'SHREDDED' | 'COMPLETED' | 'REFUSED';
  commandId: string | null;
  refusal?: { code: string; message: { zh: string; en: string } };
}

export interface RetentionRunReport extends RetentionListing {
  dryRun: boolean;
  outcomes: RetentionOutcome[];
}

export const RETENTION_SHRED_REASON = 'RETENTION_ENDED';

/**
 * Lists who is due and held as of today (`deps.clock`, in China); unless
 * `dryRun`, records each due person's shredding and erases their key. A
 * shredding recorded by a run that stopped before erasing is completed.
 */
export async function runRetention(deps: ExecutorDependencies, keys: DataKeyEraser, options: { actor: Actor; dryRun: boolean; on?: IsoDate }): Promise<RetentionRunReport> {
  const { command: probe } = prepareCommand<ShredPersonalData>({ type: 'ShredPersonalData', data: { personKey: '', auxiliaryIds: [], reason: RETENTION_SHRED_REASON }, actor: options.actor }, deps.clock);
  const on = options.on ?? probe.metadata.effectiveDate;
  const listing = await listRetention(deps.store, deps.registry, on);
  const outcomes: RetentionOutcome[] = [];
  if (!options.dryRun) {
    for (const review of listing.reviews) {
      if (review.status === 'SHREDDED' && (await keys.status(review.personKey)).status === 'LIVE') {
        await keys.shred(review.personKey, deps.clock.now(), RETENTION_SHRED_REASON);
        outcomes.push({ personKey: review.personKey, keyId: review.keyId, outcome: 'COMPLETED', commandId: null });
      }
    }
    for (const review of listing.due) {
      const commandId = `retention-${review.keyId}-${on}`;
      const { command } = prepareCommand<ShredPersonalData>(
        { type: 'ShredPersonalData', data: { personKey: review.personKey, auxiliaryIds: review.auxiliaryIds, reason: RETENTION_SHRED_REASON }, commandId, actor: options.actor, effectiveDate: on },
        deps.clock,
      );
      const outcome = await executeCommand(deps, shredPersonalData, command);
      if (outcome.status === 'accepted') {
        await keys.shred(review.personKey, deps.clock.now(), RETENTION_SHRED_REASON);
        outcomes.push({ personKey: review.personKey, keyId: review.keyId, outcome: 'SHREDDED', commandId });
      } else {
        const r = outcome.refusal;
        const message = r.kind === 'STATE' ? r.message : { zh: r.judgement.violations.map((v) => v.message.zh).join('；'), en: r.judgement.violations.map((v) => v.message.en).join('; ') };
        outcomes.push({ personKey: review.personKey, keyId: review.keyId, outcome: 'REFUSED', commandId, refusal: { code: r.kind === 'STATE' ? r.code : 'REFUSED_BY_STATUTE', message } });
      }
    }
  }
  const { reviews: _reviews, ...rest } = listing;
  return { ...rest, dryRun: options.dryRun, outcomes };
}
