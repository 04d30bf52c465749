import { type Aggregate, type Envelope, type StoredEventLike, type Upcasters, envelopeWith } from './kernel';
import { Auxiliary } from './auxiliary';
import { Fine } from './fine';
import { PersonIdentity } from './identity';
import { Organ } from './organ';
import { Person } from './person';
import { RecruitmentApplication } from './recruitment-application';
import { RecruitmentPlan } from './recruitment-plan';

/** Every aggregate of the domain: the owners of the event types. */
export const AGGREGATES: readonly Aggregate<unknown, never>[] = [Organ, Auxiliary, Person, PersonIdentity, RecruitmentApplication, RecruitmentPlan, Fine] as never;

/** The upcasters of every aggregate, by event type (an event type belongs to one aggregate: a second owner is a mistake, refused here). */
export function upcastersOf(aggregates: readonly Aggregate<unknown, never>[]): Upcasters {
  const all: Record<string, Upcasters[string]> = {};
  for (const aggregate of aggregates) {
    for (const [type, steps] of Object.entries(aggregate.upcasters ?? {})) {
      if (type in all) throw new Error(`two aggregates upcast ${type}`);
      all[type] = steps;
    }
  }
  return all;
}

export const UPCASTERS: Upcasters = upcastersOf(AGGREGATES);

/**
 * A stored event as the domain folds it — its envelope, the event upcast to
 * its newest schema version: the one place where the store and the domain
 * meet, used by the command path, the read models and the tools alike.
 */
export const envelopeOf = (event: StoredEventLike): Envelope => envelopeWith(UPCASTERS, event);
