import type { Bilingual, Value } from './bilingual';
import { type Citation, type RenderedCitation, renderCitation } from './citation';
import type { ParameterKey } from './parameters';

/**
 * One failed rule. NOT_MET: the facts break the rule. CANNOT_DETERMINE: the
 * rule could not be decided (no parameter value in force, no rule set in force,
 * a fact the rule needs is missing) — a command must be refused for it too,
 * but the message says what is missing rather than what is wrong.
 */
export type ViolationKind = 'NOT_MET' | 'CANNOT_DETERMINE';

export interface CitedText {
  readonly citation: Citation;
  readonly text: RenderedCitation;
}

export interface Violation {
  readonly ruleId: string;
  readonly kind: ViolationKind;
  /** The clause broken (the most precise one: the item of the duty, the exception …). */
  readonly citation: Citation;
  readonly citationText: RenderedCitation;
  /** Further clauses the rule rests on (e.g. 劳动合同法 Art. 19 beside Art. 24). */
  readonly alsoCited: readonly CitedText[];
  /** For an exception: the rule it relaxes. */
  readonly relaxes?: string;
  readonly message: Bilingual;
  readonly observed: Value;
  readonly expected: Value;
  /** Parameters the rule read (their values and sources are in the judgement). */
  readonly parameters: readonly ParameterKey[];
}

export interface FailureInput {
  readonly zh: string;
  readonly en: string;
  readonly observed: Value;
  readonly expected: Value;
  readonly citation?: Citation;
  readonly kind?: ViolationKind;
}

export interface ViolationSource {
  readonly id: string;
  readonly citations: readonly Citation[];
  readonly relaxes?: string;
  readonly parameters: readonly ParameterKey[];
}

export function toCitedText(citation: Citation): CitedText {
  return { citation, text: renderCitation(citation) };
}

export function makeViolation(rule: ViolationSource, input: FailureInput): Violation {
  const [primary, ...rest] = rule.citations;
  const citation = input.citation ?? primary;
  if (!citation) throw new Error(`rule ${rule.id} has no citation`);
  const others = (input.citation ? rule.citations : rest).filter((c) => c !== citation);
  const v: Violation = {
    ruleId: rule.id,
    kind: input.kind ?? 'NOT_MET',
    citation,
    citationText: renderCitation(citation),
    alsoCited: others.map(toCitedText),
    message: { zh: input.zh, en: input.en },
    observed: input.observed,
    expected: input.expected,
    parameters: rule.parameters,
  };
  return rule.relaxes ? { ...v, relaxes: rule.relaxes } : v;
}
