import type { Bilingual } from './bilingual';
import type { Citation } from './citation';
import type { IsoDate } from './dates';
import type { ParameterKey, ParameterTypes } from './parameters';
import type { FailureInput, Violation } from './violation';

/** COMMAND: judged when a command is decided. SUPERVISION: a finding for supervision views (监督), judged as of a date. */
export type RuleUse = 'COMMAND' | 'SUPERVISION';

/** Every rule judges facts that carry the date they are judged on. */
export interface DatedFacts {
  /** The command's effective date (valid time), or the as-of date of a supervision view. */
  readonly effectiveDate: IsoDate;
}

export interface RuleContext<K extends ParameterKey> {
  readonly on: IsoDate;
  readonly params: { readonly [P in K]: ParameterTypes[P] };
  /** Builds a violation of this rule (citation defaults to the rule's first). */
  readonly fail: (failure: FailureInput) => Violation;
}

interface RuleMeta<Id extends string> {
  readonly id: Id;
  readonly title: Bilingual;
  /** First: the clause the rule implements; then the others it rests on. */
  readonly citations: readonly [Citation, ...Citation[]];
  /** For an exception: the rule it relaxes (ELIG-EDU-RELAX relaxes ELIG-EDU). */
  readonly relaxes?: string;
  /**
   * Our reading, where the regulation names the clause but not the precise rule
   * (a rule beyond the rule catalog states one; docs/statute-coverage.md lists them).
   */
  readonly reading?: Bilingual;
}

export interface CheckRule<Id extends string, F, K extends ParameterKey> extends RuleMeta<Id> {
  readonly kind: 'CHECK';
  readonly uses: readonly RuleUse[];
  readonly parameters: readonly K[];
  readonly check: (facts: F & DatedFacts, ctx: RuleContext<K>) => readonly Violation[];
}

/** A rule the system records but cannot decide: a person must, and the record shows who did. */
export interface RecordedRule<Id extends string> extends RuleMeta<Id> {
  readonly kind: 'RECORDED';
  /** Why a machine cannot check it. */
  readonly reason: Bilingual;
  /** What the domain records instead (field names of the event). */
  readonly records: readonly string[];
}

export type AnyCheckRule = CheckRule<string, never, ParameterKey>;
export type AnyRule = AnyCheckRule | RecordedRule<string>;

export function defineCheck<const Id extends string, F, const K extends ParameterKey = never>(
  rule: Omit<CheckRule<Id, F, K>, 'kind'>,
): CheckRule<Id, F, K> {
  return { kind: 'CHECK', ...rule };
}

export function defineRecorded<const Id extends string>(rule: Omit<RecordedRule<Id>, 'kind'>): RecordedRule<Id> {
  return { kind: 'RECORDED', ...rule };
}

/** The facts a rule reads (nothing beyond an object for a recorded-only rule; `unknown` would swallow a union). */
/** For an untyped rule (a RuleSet over a plain RuleTable) any record goes. */
export type FactsOf<R> = R extends CheckRule<string, infer F, ParameterKey> ? ([F] extends [never] ? Record<string, unknown> : F) : object;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The facts a set of rules reads together: the intersection of each rule's facts. */
export type FactsOfAll<R> = DatedFacts & UnionToIntersection<FactsOf<R>>;
