import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { type Finding, supervisionFindings } from '@auxledger/read-models';
import type { RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import { ReadAccess } from '../../access/read-access';
import { READ_MODEL_STORE, RULE_SETS } from '../../infrastructure/tokens';
import { flag, list } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { SupervisionRequestDto } from './supervision.request.dto';
import { requireKnownOrgan } from '../shared/known-organ';
import { AS_OF_POSITION, BILINGUAL, RENDERED_CITATION, boolean, codes, counts, date, integer, json, arrayOf, nullable, object, record, text } from '../../openapi/answer-schema';
import { FINDING_KINDS } from './supervision.request.dto';

/** How long findings have been open on the date, in days (`ageDays`): the buckets' upper bounds, the last open-ended. */
export const AGE_BUCKETS = [
  { key: '0-30', upTo: 30 },
  { key: '31-90', upTo: 90 },
  { key: '91-180', upTo: 180 },
  { key: '181-365', upTo: 365 },
  { key: '366+', upTo: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]['key'];
export const ageBucketOf = (ageDays: number): AgeBucket => AGE_BUCKETS.find((b) => ageDays <= b.upTo)?.key ?? '366+';

export interface SupervisionCounts {
  total: number;
  byKind: Record<string, number>;
  byOrgan: Record<string, number>;
  /** Ageing: per kind, how many have been open for how long (AGE_BUCKETS), every bucket present; a finding with no start date (ageDays null) is in no bucket. */
  byKindAge: Record<string, Record<AgeBucket, number>>;
  /** Per kind, the longest a finding of it has been open, in days. */
  oldestDays: Record<string, number>;
}

/** The findings with their citations; a viewer's answer has the counts only. */
export interface SupervisionAnswer extends Positioned {
  organId: string;
  subtree: boolean;
  asOf: string;
  counts: SupervisionCounts;
  findings?: Finding[];
}

/** SupervisionAnswer as the OpenAPI document gives it. */
export const SUPERVISION_ANSWER = object(
  {
    asOfPosition: AS_OF_POSITION,
    organId: text('机关 The organ asked about'),
    subtree: boolean('With the organs under it'),
    asOf: date('有效日期 The effective date answered for'),
    counts: object(
      {
        total: integer('Every finding'),
        byKind: counts('By kind of finding'),
        byOrgan: counts('By organ'),
        byKindAge: record(object(Object.fromEntries(AGE_BUCKETS.map((b) => [b.key, integer()]))), 'Ageing: per kind, how many have been open how many days (0-30, 31-90, 91-180, 181-365, 366+)'),
        oldestDays: counts('Per kind, the longest a finding has been open, in days'),
      },
      { description: '统计 Counts' },
    ),
    findings: arrayOf(
      object({
        kind: codes(FINDING_KINDS, '问题类别 The kind of finding (GET /api/catalog names each)'),
        ruleId: nullable(text('The statute rule judged (PAY-LEVEL …); null for a list without a rule of its own')),
        citation: RENDERED_CITATION,
        subject: object({ kind: codes(['auxiliary', 'plan']), id: text('The auxiliary or plan') }),
        organId: text('机关 The organ concerned'),
        message: BILINGUAL,
        since: nullable(date('The date the finding runs from (due date, receipt, departure …)')),
        ageDays: nullable(integer('Days from `since` to the as-of date')),
        details: record(json(), 'Ids and dates behind the finding (complaint id, serials, years …)'),
      }),
      '监督发现 Each finding with its citation (absent for viewers)',
    ),
  },
  { optional: ['findings'], title: 'SupervisionAnswer' },
);

export class GetSupervisionFindings extends ReadQuery<SupervisionRequestDto, SupervisionAnswer> {}

/**
 * 监督 (Arts. 28, 35–42, 18): what the record shows overdue or open on a
 * date, each finding with its citation — judged by the rule set in force on
 * that date with this deployment's local parameters.
 */
@QueryHandler(GetSupervisionFindings)
export class GetSupervisionFindingsHandler implements IQueryHandler<GetSupervisionFindings> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<RulesInForce>,
    private readonly opening: QueryOpening,
    private readonly access: ReadAccess,
  ) {}

  async execute({ params: p, principal }: GetSupervisionFindings): Promise<SupervisionAnswer> {
    const { asOfPosition, asOf } = await this.opening.open(p);
    // A viewer sees counts only, so it may see them for any organ; findings name auxiliaries.
    if (principal.role !== 'viewer') await this.access.requireOrgan(principal, p.organ);
    await requireKnownOrgan(this.store, p.organ);
    const subtree = flag(p.subtree, true);
    const kinds = list(p.kind);
    const findings = (await supervisionFindings(this.store, { organId: p.organ, asOf, includeSubtree: subtree, registry: this.registry })).filter(
      (f) => kinds === undefined || kinds.includes(f.kind),
    );
    const counts: SupervisionCounts = { total: findings.length, byKind: {}, byOrgan: {}, byKindAge: {}, oldestDays: {} };
    for (const f of findings) {
      counts.byKind[f.kind] = (counts.byKind[f.kind] ?? 0) + 1;
      counts.byOrgan[f.organId] = (counts.byOrgan[f.organId] ?? 0) + 1;
      const ages = (counts.byKindAge[f.kind] ??= Object.fromEntries(AGE_BUCKETS.map((b) => [b.key, 0])) as Record<AgeBucket, number>);
      if (f.ageDays === null) continue;
      ages[ageBucketOf(f.ageDays)] += 1;
      counts.oldestDays[f.kind] = Math.max(counts.oldestDays[f.kind] ?? 0, f.ageDays);
    }
    const answer: SupervisionAnswer = { asOfPosition, organId: p.organ, subtree, asOf, counts };
    return principal.role === 'viewer' ? answer : { ...answer, findings };
  }
}
